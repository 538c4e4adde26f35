"""`lotsen frist beräkna|typer` through the real command line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from lotsen.cli.main import app

runner = CliRunner()


def test_json_has_the_promised_fields() -> None:
    result = runner.invoke(app, ["frist", "beräkna", "forhandsbedomning", "2026-12-10", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["kind"] == "forhandsbedomning" and data["start"] == "2026-12-10"
    assert data["statutory_date"] == "2026-12-24" and data["due"] == "2026-12-28"
    assert "20 kap. 2 §" in data["legal_basis"] and "julafton" in data["explanation"]


def test_ascii_alias_and_swedish_names() -> None:
    a = runner.invoke(app, ["frist", "berakna", "lvu_understallning", "2026-12-18", "--json"])
    b = runner.invoke(app, ["frist", "beräkna", "LVU_underställning", "2026-12-18", "--json"])
    assert a.exit_code == b.exit_code == 0 and json.loads(a.stdout) == json.loads(b.stdout)


def test_human_output_explains() -> None:
    result = runner.invoke(app, ["frist", "beräkna", "utredning", "2026-08-31"])
    assert result.exit_code == 0
    assert "sista dag 2027-01-04" in result.stdout and "nyårsafton" in result.stdout and "Lagrum" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["utreding", "2026-01-01"], "Okänd typ av frist"),
    (["utredning", "2026-02-30"], "Ogiltigt datum"),
    (["utredning", "10/12/2026"], "Ogiltigt datum"),
    (["utredning", "1999-01-01"], "2000-01-01"),
])
def test_bad_input_exits_2_with_a_swedish_message(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["frist", "beräkna", *args])
    assert result.exit_code == 2 and message in result.output and result.stdout == ""


def test_types_lists_every_rule() -> None:
    result = runner.invoke(app, ["frist", "typer"])
    assert result.exit_code == 0
    for key in ["skyddsbedomning", "utredning", "lvu_ansokan", "avvikelse_utredning"]:
        assert key in result.stdout
    assert "lokalt mål" in result.stdout and "flyttas enligt 1930:173" in result.stdout
