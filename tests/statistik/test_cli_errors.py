"""Bad input to the statistics commands: a clear Swedish message and exit 2 (1 when the file cannot be
written), never a traceback, and nothing written."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from typer.testing import CliRunner

from bot.cli.main import app


@pytest.mark.parametrize(("args", "message"), [
    (["rapport", "--period", "2026", "--format", "pdf"], "Okänt format 'pdf'"),
    (["rapport", "--period", "2026-06-30..2026-03-01", "--format", "csv"], "startdatumet 2026-06-30 ligger efter"),
    (["rapport", "--period", "2026", "--enhet", "NOPE", "--format", "csv"], "Enheten 'NOPE' finns inte"),
    (["demo", "fyll", "--från", "2026-13-01"], "Ogiltigt datum för --från"),
    (["demo", "fyll", "--från", "2999-01-01"], "--från måste ligga mellan"),
    (["demo", "fyll", "--frister", "-5"], "--frister måste vara ett antal mellan 0 och 2 000 000"),
])
def test_refusals(runner: CliRunner, cli_db: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_a_bad_target_setting_is_named(runner: CliRunner, cli_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.config import reset_settings_cache

    monkeypatch.setenv("LOTSEN_STATISTIK_TARGETS", '{"utredning": 120}')
    reset_settings_cache()
    result = runner.invoke(app, ["rapport", "--period", "2026", "--format", "csv"])
    reset_settings_cache()
    assert result.exit_code == 2
    # Every setting is checked at start and named with what it takes (bot/config_messages.py).
    assert "LOTSEN_STATISTIK_TARGETS" in result.output and "procentsatser mellan 0 och 100" in result.output


def test_unwritable_output(runner: CliRunner, cli_db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["rapport", "--period", "2026", "--format", "csv", "-o",
                                 str(tmp_path / "missing" / "r.csv")])
    assert result.exit_code == 1 and "Kunde inte skriva" in result.output


def test_targets_from_the_environment_reach_the_report(runner: CliRunner, cli_db: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.config import reset_settings_cache

    monkeypatch.setenv("LOTSEN_STATISTIK_TARGETS", '{"forhandsbedomning": 80, "utredning": 60}')
    reset_settings_cache()
    out = tmp_path / "r.csv"
    with time_machine.travel(datetime(2026, 10, 15, 10, 0, tzinfo=UTC), tick=False):
        assert runner.invoke(app, ["demo", "fyll", "--avvikelser", "20", "--frister", "60", "--lexsarah", "0"]
                             ).exit_code == 0
        result = runner.invoke(app, ["rapport", "--period", "2026", "--format", "csv", "-o", str(out)])
    reset_settings_cache()
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "frister_typ,Förhandsbedömning,Mål (%),80.0" in text and "frister_typ,Utredning,Mål (%),60.0" in text
