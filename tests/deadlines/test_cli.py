"""`frist beräkna|berakna|typer` through the self-contained Typer sub-app (main mounts it as `lotsen frist`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.frist import app

runner = CliRunner()


def test_json_is_exactly_one_object_with_the_promised_fields() -> None:
    result = runner.invoke(app, ["beräkna", "forhandsbedomning", "2026-12-10", "--json"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1  # one line, one object
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    assert data["kind"] == "forhandsbedomning" and data["start"] == "2026-12-10"
    assert data["statutory_date"] == "2026-12-24" and data["due"] == "2026-12-28"
    assert data["legal_basis"] == "20 kap. 2 § SoL 2025:400 (11 kap. 1 a § andra st. SoL 2001:453)"
    assert data["explanation"] == (
        "14 dagar från tors 10 dec 2026 → tors 24 dec (julafton) → sista dag mån 28 dec enligt lag (1930:173)"
    )
    assert data["applies_1930_173"] is True and data["statutory"] is True and data["moved"] is True
    assert data["steps"][-1] == "Sista dag: mån 28 dec 2026 enligt lag (1930:173)."


def test_ascii_command_and_swedish_type_names_give_the_same_answer() -> None:
    a = runner.invoke(app, ["berakna", "lvu_understallning", "2026-12-18", "--json"])
    b = runner.invoke(app, ["beräkna", "LVU_underställning", "2026-12-18", "--json"])
    assert a.exit_code == b.exit_code == 0
    assert json.loads(a.stdout) == json.loads(b.stdout)
    assert json.loads(a.stdout)["due"] == "2026-12-28"


def test_local_targets_say_so_in_json() -> None:
    data = json.loads(runner.invoke(app, ["beräkna", "avvikelse", "2026-11-22", "--json"]).stdout)
    assert data["kind"] == "avvikelse_utredning" and data["statutory"] is False and data["applies_1930_173"] is False
    assert data["statutory_date"] == data["due"] == "2027-01-03"


def test_human_output_is_a_short_swedish_explanation() -> None:
    result = runner.invoke(app, ["beräkna", "utredning", "2026-08-31"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Utredning: sista dag 2027-01-04 (mån 4 jan 2027)"
    assert "tors 31 dec (nyårsafton)" in lines[1]
    assert "Fristen löper ut 2026-12-31, före flytt enligt lag (1930:173)" in result.stdout
    assert "Lagrum: 20 kap. 3 § SoL 2025:400" in result.stdout
    assert "Steg:" not in result.stdout
    detailed = runner.invoke(app, ["beräkna", "utredning", "2026-08-31", "--steg"]).stdout
    assert "Dagar som hoppas över: fre 1 jan (nyårsdagen), lör 2 jan (lördag), sön 3 jan (söndag)." in detailed


def test_human_output_for_genast_and_local_targets() -> None:
    genast = runner.invoke(app, ["beräkna", "skyddsbedömning", "2026-12-24"]).stdout
    assert genast.startswith("Omedelbar skyddsbedömning: genast, samma dag 2026-12-24")
    local = runner.invoke(app, ["beräkna", "avvikelse_utredning", "2026-11-22"]).stdout
    assert "Lokalt mål (inte lag): flyttas inte till nästa vardag." in local


@pytest.mark.parametrize(("args", "message"), [
    (["utreding", "2026-01-01"], "Okänd typ av frist: 'utreding'. Menade du 'utredning'?"),
    (["semester", "2026-01-01"], "Giltiga typer: skyddsbedomning, forhandsbedomning"),
    (["utredning", "2026-02-30"], "Ogiltigt datum: '2026-02-30' finns inte i kalendern"),
    (["utredning", "2026-13-01"], "Ogiltigt datum: '2026-13-01' finns inte i kalendern"),
    (["utredning", "10/12/2026"], "Ogiltigt datum: '10/12/2026'. Skriv datumet som ÅÅÅÅ-MM-DD"),
    (["utredning", "20261210"], "Ogiltigt datum: '20261210'"),  # fromisoformat would take it
    (["utredning", "2026-W50-4"], "Ogiltigt datum: '2026-W50-4'"),
    (["utredning", "i morgon"], "Ogiltigt datum: 'i morgon'"),
    (["utredning", "1999-12-31"], "för tidigt; Lotsen räknar bara frister från 2000-01-01"),
    (["utredning", "2101-01-01"], "orimligt långt fram"),
])
def test_bad_input_exits_2_with_a_swedish_message_on_stderr(args: list[str], message: str) -> None:
    for command in ("beräkna", "berakna"):
        result = runner.invoke(app, [command, *args, "--json"])
        assert result.exit_code == 2, result.output
        assert message in result.stderr and result.stdout == ""


def test_types_lists_every_rule_with_length_basis_and_1930_173() -> None:
    result = runner.invoke(app, ["typer"])
    assert result.exit_code == 0
    out = result.stdout
    for key in ["skyddsbedomning", "forhandsbedomning", "utredning", "aterkoppling_anmalare", "uppfoljning",
                "overvagande_placering", "lvu_understallning", "lvu_ansokan", "lvu_overvagande",
                "ej_verkstallt_beslut", "avvikelse_utredning", "lex_sarah_utredning"]:
        assert key in out
    assert "Förhandsbedömning: 14 dagar (lag, flyttas enligt 1930:173)" in out
    assert "Omedelbar skyddsbedömning: genast (lag, flyttas aldrig)" in out
    assert "6 veckor (lokalt mål, flyttas inte)" in out
    assert "3 månader (lag, flyttas inte, 1930:173 tillämpas inte)" in out
    assert "7 § LVU (1990:52)" in out and "20 kap. 2 § SoL 2025:400" in out


def test_types_as_json() -> None:
    data = json.loads(runner.invoke(app, ["typer", "--json"]).stdout)
    by_key = {r["key"]: r for r in data["rules"]}
    assert by_key["utredning"]["length"] == 4 and by_key["utredning"]["unit"] == "månader"
    assert by_key["utredning"]["length_text"] == "4 månader" and by_key["utredning"]["applies_1930_173"] is True


def test_an_own_rule_file_and_a_broken_one(tmp_path: Path) -> None:
    own = tmp_path / "egna.yml"
    own.write_text("rules:\n  - {key: kort, name: Kort, length: 2, unit: veckor, statutory: false,\n"
                   "     applies_1930_173: false, legal_basis: Lokal rutin}\n", encoding="utf-8")
    data = json.loads(runner.invoke(app, ["beräkna", "kort", "2026-12-10", "--json", "--regler", str(own)]).stdout)
    assert data["due"] == "2026-12-24"
    broken = tmp_path / "trasig.yml"
    broken.write_text("rules:\n  - {key: kort, name: Kort, length: 2, unit: år}\n", encoding="utf-8")
    for args in (["typer"], ["beräkna", "kort", "2026-12-10"]):
        result = runner.invoke(app, [*args, "--regler", str(broken)])
        assert result.exit_code == 2 and "trasig.yml har fel" in result.stderr
        assert "unit: måste vara en av" in result.stderr


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "beräkna" in result.output and "typer" in result.output
