"""`lotsen frist`'s fast path (bot/cli/frist_fast.py) against the ordinary Typer command.

For every input the fast path answers, its stdout, stderr and exit code must be the ordinary command's,
byte for byte; anything else it must hand over (return None). In-process tables and Hypothesis
compare the two quickly; a few tests run the real `lotsen` script as a process, beside
`python -m bot.cli.main`, which never takes the fast path.
"""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bot.cli import frist_fast
from bot.config import reset_settings_cache
from bot.deadlines.kinds import rule_json
from bot.deadlines.plain import parse_plain, rules_from_data
from bot.deadlines.rules import DEFAULT_RULES, RuleSetError, clear_rules_cache, parse_rules

LOTSEN = Path(sys.executable).with_name("lotsen")
SHIPPED = DEFAULT_RULES.read_text(encoding="utf-8")
Outcome = tuple[int | None, bytes, bytes]


def _clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.upper().startswith(("LOTSEN_", "SLACK_"))}


@pytest.fixture
def clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No LOTSEN_/SLACK_ variables and no .env: the state the fast path is for."""
    for name in list(os.environ):
        if name.upper().startswith(("LOTSEN_", "SLACK_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    reset_settings_cache()
    clear_rules_cache()
    yield tmp_path
    reset_settings_cache()
    clear_rules_cache()


def _captured(call: Callable[[], int | None]) -> Outcome:
    """Exit code, stdout and stderr bytes of a call, through UTF-8 text streams as a process has."""
    out, err = io.BytesIO(), io.BytesIO()
    streams = io.TextIOWrapper(out, encoding="utf-8"), io.TextIOWrapper(err, encoding="utf-8")
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = streams
    try:
        code = call()
    finally:
        sys.stdout, sys.stderr = saved
        for stream in streams:
            stream.flush()
    return code, out.getvalue(), err.getvalue()


def fast(args: list[str]) -> Outcome:
    return _captured(lambda: frist_fast.run(args, dict(os.environ)))


def ordinary(args: list[str]) -> Outcome:
    from bot.cli.errors import run
    from bot.cli.main import app

    reset_settings_cache()
    clear_rules_cache()
    return _captured(lambda: run(app, ["frist", *args]))


def assert_same_or_handed_over(args: list[str]) -> bool:
    """True when the fast path answered (and exactly as the ordinary command did)."""
    code, out, err = fast(args)
    if code is None:
        assert out == err == b"", "a hand-over must print nothing"
        return False
    assert (code, out, err) == ordinary(args), args
    return True


ANSWERED = [
    ["beräkna", "utredning", "2026-12-10"],
    ["berakna", "utredning", "2026-12-10", "--steg"],
    ["beräkna", "--json", "forhandsbedomning", "2026-12-10"],  # julafton, moved to mån 28 dec
    ["beräkna", "fhb", "2026-06-05", "--json", "--steg"],  # midsommarafton 2026
    ["beräkna", "lvu_understallning", "2026-12-18", "--steg"],  # juldagen, annandag jul
    ["beräkna", "LVU_underställning", "2026-12-18"],
    ["beräkna", "Förhandsbedömning", "2027-03-12", "--steg"],  # långfredag, påsk, annandag påsk
    ["beräkna", "skyddsbedömning", "2026-12-24"],  # genast: never moves
    ["beräkna", "avvikelse", "2026-11-22", "--steg"],  # a local target on a Sunday
    ["beräkna", "utredning", "2026-08-31", "--steg"],  # nyårsafton, nyårsdagen
    ["beräkna", "utredning", "2026-10-31", "--json"],  # 31 Oct + 4 months: the month's last day
    ["beräkna", "ej_verkstallt_beslut", "2000-01-01"],
    ["beräkna", "forhandsbedomning", "2100-12-31", "--json"],
    ["beräkna", "forhandsbedomning", "idag"],
    ["beräkna", "forhandsbedomning", " I  går ", "--json"],
    ["beräkna", "utredning", " 2026-12-10 "],
    # errors: exit 2 and a Swedish message on stderr
    ["beräkna", "utrednin", "2026-12-10"],  # a suggestion
    ["beräkna", "okänd", "2026-12-10"],
    ["beräkna", "", "2026-12-10"],
    ["beräkna", "utredning", "2026-13-01"],
    ["beräkna", "utredning", "2026-02-29"],
    ["beräkna", "utredning", "20261210"],
    ["beräkna", "utredning", "imorgon"],
    ["beräkna", "utredning", "1999-12-31"],
    ["beräkna", "utredning", "2101-01-01", "--json"],
    ["beräkna", "okänd", "2026-02-30"],  # the date is checked first
    ["typer"],
    ["typer", "--json"],
]

HANDED_OVER = [
    ["beräkna", "utredning"],  # missing argument: the ordinary path's Swedish usage error
    ["beräkna", "utredning", "2026-12-10", "extra"],
    ["beräkna", "utredning", "2026-12-10", "--help"],
    ["beräkna", "utredning", "2026-12-10", "--stege"],
    ["beräkna", "--", "utredning", "2026-12-10"],
    ["beräkna", "utredning", "-1"],
    ["beräkna", "utredning", "2026-12-10", "--regler"],
    ["beräkna", "utredning", "2026-12-10", "--regler", "a.yml", "--regler", "b.yml"],
    ["beräkna", "\x1b[31mutredning", "2026-12-10"],  # Click strips ANSI codes on a pipe
    ["typer", "--steg"],
    ["typer", "utredning"],
    ["--help"],
    ["räkna", "utredning", "2026-12-10"],
]


@pytest.mark.parametrize("args", ANSWERED, ids=" ".join)
def test_the_fast_path_answers_exactly_as_the_ordinary_command(clean: Path, args: list[str]) -> None:
    assert assert_same_or_handed_over(args), f"expected the fast path to answer {args}"


@pytest.mark.parametrize("args", HANDED_OVER, ids=" ".join)
def test_what_the_fast_path_does_not_know_goes_to_the_ordinary_command(clean: Path, args: list[str]) -> None:
    assert not assert_same_or_handed_over(args)


def test_a_rule_file_of_ones_own_is_read_the_same_way(clean: Path) -> None:
    own = clean / "regler.yml"
    own.write_text(SHIPPED.replace("length: 14", "length: 21"), encoding="utf-8")
    for args in (["beräkna", "fhb", "2026-12-10", "--regler", str(own)], ["typer", f"--regler={own}", "--json"]):
        assert assert_same_or_handed_over(args)
    assert b"2026-12-31" in fast(["beräkna", "fhb", "2026-12-10", "--regler", str(own)])[1]
    broken = clean / "trasig.yml"
    broken.write_text(SHIPPED.replace("length: 14", "length: fjorton"), encoding="utf-8")
    assert not assert_same_or_handed_over(["beräkna", "fhb", "2026-12-10", "--regler", str(broken)])
    code, _, err = ordinary(["beräkna", "fhb", "2026-12-10", "--regler", str(broken)])
    assert code == 2 and "måste vara ett heltal" in err.decode()
    assert not assert_same_or_handed_over(["typer", "--regler", str(clean / "saknas.yml")])


def test_the_configured_rule_file_is_used_and_a_wrong_setting_still_refused(
        clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = clean / "regler.yml"
    own.write_text(SHIPPED.replace("length: 14", "length: 21"), encoding="utf-8")
    monkeypatch.setenv("LOTSEN_DEADLINE_RULES", str(own))
    assert assert_same_or_handed_over(["beräkna", "fhb", "2026-12-10"])
    assert b"2026-12-31" in fast(["beräkna", "fhb", "2026-12-10"])[1]
    monkeypatch.setenv("LOTSEN_DEADLINE_RULES", str(clean / "saknas.yml"))
    assert fast(["beräkna", "fhb", "2026-12-10"])[0] is None
    code, out, err = ordinary(["beräkna", "fhb", "2026-12-10"])
    assert code == 2 and out == b"" and b"LOTSEN_DEADLINE_RULES" in err


@pytest.mark.parametrize(("name", "value", "answered"), [
    ("LOTSEN_DATABASE_URL", "sqlite:////tmp/x.db", True),
    ("lotsen_database_url", " postgresql+psycopg://u@h/db", True),
    ("LOTSEN_DATABASE_URL", "mysql://u@h/db", False),  # refused by the ordinary path, exit 2
    ("LOTSEN_LOG_LEVEL", "debug", True),
    ("LOTSEN_LOG_LEVEL", "pratig", False),
    ("LOTSEN_RUTIN_EMBEDDER", "ingen", True),
    ("SLACK_BOT_TOKEN", "xoxb-1", True),
    ("SLACK_API_URL", "ftp://x", False),
    ("LOTSEN_WORKING_HOURS_START", "25", False),  # a setting this path does not check itself
    ("LOTSEN_WORKING_HOURS_START", "9", False),
    ("LOTSEN_OUTBOX_ADMIN", "", True),
    ("LOTSEN_SOMETHING_ELSE", "x", True),  # not a setting: pydantic-settings ignores it too
    ("lotsen_database_url", "x", False),  # names in any case, as pydantic-settings reads them
])
def test_settings_are_checked_or_handed_over(clean: Path, monkeypatch: pytest.MonkeyPatch,
                                             name: str, value: str, answered: bool) -> None:
    monkeypatch.setenv(name, value)
    assert assert_same_or_handed_over(["beräkna", "utredning", "2026-12-10"]) is answered


def test_a_dot_env_file_is_left_to_the_ordinary_path(clean: Path) -> None:
    (clean / ".env").write_text("LOTSEN_LOG_LEVEL=pratig\n", encoding="utf-8")
    assert fast(["beräkna", "utredning", "2026-12-10"])[0] is None
    code, _, err = ordinary(["beräkna", "utredning", "2026-12-10"])
    assert code == 2 and b"LOTSEN_LOG_LEVEL" in err


def test_the_fast_paths_know_every_setting() -> None:
    from bot.config import Settings, SlackSettings
    from bot.fast_settings import CHECKS, SETTINGS

    known = {f"lotsen_{name}" for name in Settings.model_fields} | set(SlackSettings.model_fields)
    assert known == SETTINGS, "a new setting: add it to bot/fast_settings.py (and a check if it can be checked)"
    assert set(CHECKS) <= SETTINGS


TOKENS = ["beräkna", "berakna", "typer", "utredning", "fhb", "lvu_ansokan", "avvikelse", "xyz", "",
          "2026-12-10", "2026-06-19", "2026-02-30", "idag", "igår", "imorgon", "2026-W50-4",
          "--json", "--steg", "--regler", "--regler=", "--help", "-h", "--", "-"]


@pytest.fixture(scope="module")
def quiet_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("frist-fast")


@contextmanager
def clean_state(directory: Path) -> Iterator[None]:
    """`clean` for Hypothesis, which runs many examples in one call of a test."""
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.upper().startswith(("LOTSEN_", "SLACK_")):
                patch.delenv(name)
        patch.chdir(directory)
        yield
    reset_settings_cache()
    clear_rules_cache()


@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=6))
def test_any_command_line_is_answered_alike_or_handed_over(quiet_dir: Path, args: list[str]) -> None:
    with clean_state(quiet_dir):
        assert_same_or_handed_over(args)


@given(day=st.dates(min_value=date(1999, 12, 1), max_value=date(2101, 1, 31)),
       kind=st.sampled_from(["skyddsbedomning", "fhb", "utredning", "lvu_ansokan", "avvikelse", "uppfoljning"]),
       flags=st.sampled_from([[], ["--json"], ["--steg"]]))
def test_any_date_gives_the_same_deadline(quiet_dir: Path, day: date, kind: str, flags: list[str]) -> None:
    with clean_state(quiet_dir):
        assert assert_same_or_handed_over(["beräkna", kind, day.isoformat(), *flags])


# --- the rule file: plain.py takes only what pydantic would take unchanged --------------------------

VALUES = ["", "x", "14", 14, 14.0, 0, -1, 367, True, None, [], ["x"], ["fhb"], "manader", "MÅNADER",
          "veckor", "genast", "weeks", date(2026, 1, 15), "2026-01-15", "ABC", "a b"]
FIELDS = ["key", "name", "aliases", "length", "unit", "statutory", "applies_1930_173", "legal_basis",
          "description", "counts_from", "extension", "in_force_from", "to_confirm", "okänt_fält"]


def _as_json(rules: object) -> str:
    return json.dumps([rule_json(r) for r in rules], ensure_ascii=False)  # type: ignore[attr-defined]


def test_every_single_change_to_a_rule_is_read_alike_or_left_to_pydantic() -> None:
    """Each field of each shipped rule set to each value (or removed): whatever plain.py accepts,
    pydantic accepts too, with the same values when printed (14.0 == 14, but not as text)."""
    from pydantic import ValidationError

    from bot.deadlines.rules import RuleSet

    shipped = yaml.load(SHIPPED, Loader=yaml.CSafeLoader)
    accepted = 0
    for index in range(len(shipped["rules"])):
        for field in FIELDS:
            for value in [*VALUES, "<delete>"]:
                data = copy.deepcopy(shipped)
                if value == "<delete>":
                    data["rules"][index].pop(field, None)
                else:
                    data["rules"][index][field] = value
                plain = rules_from_data(data)
                if plain is None:
                    continue
                try:
                    checked = RuleSet.model_validate(data)
                except ValidationError as exc:  # pragma: no cover - the failure this test is for
                    raise AssertionError(f"plain.py took rule {index} {field}={value!r}: {exc}") from exc
                assert _as_json(plain) == _as_json(checked.rules), (index, field, value)
                accepted += 1
    assert accepted > 500  # the test is not vacuous: many changes are taken unchanged


def _changed(index: int, **fields: object) -> str:
    data = yaml.safe_load(SHIPPED)
    data["rules"][index].update(fields)
    return yaml.safe_dump(data, allow_unicode=True)


def test_broken_rule_files_are_refused_by_both() -> None:
    broken = ["rules: []", "rules:\n  - key: x", "- a", ": :", "rules: [{}]", "other: 1\nrules: []",
              "rules: [", _changed(0, length=1),  # genast has length 0
              _changed(1, unit="dagar", length=0), _changed(1, statutory=False),  # 1930:173 only for law
              _changed(2, aliases=["fhb"]),  # a name used by two rules
              _changed(2, key="Utredning"), _changed(2, in_force_from="2026-13-01")]
    for text in broken:
        assert parse_plain(text) is None
        with pytest.raises(RuleSetError):
            parse_rules(text)


def test_rule_json_is_pydantics_model_dump() -> None:
    for rule in parse_rules(SHIPPED).rules:
        assert rule_json(rule) == {**rule.model_dump(mode="json"), "length_text": rule.length_text()}
    plain = parse_plain(SHIPPED)
    assert plain is not None and _as_json(plain) == _as_json(parse_rules(SHIPPED).rules)


# --- as processes ----------------------------------------------------------------------------------

def _process(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, bytes, bytes]:
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("args", [
    ["beräkna", "forhandsbedomning", "2026-06-05", "--steg"],
    ["beräkna", "lvu_understallning", "2026-12-18", "--json"],
    ["beräkna", "utredning", "2026-02-30"],
    ["beräkna", "utrednin", "2026-12-10"],
    ["typer"],
], ids=" ".join)
def test_the_lotsen_script_prints_what_python_m_bot_cli_main_prints(tmp_path: Path, args: list[str]) -> None:
    env = _clean_environment()
    script = _process([str(LOTSEN), "frist", *args], tmp_path, env)
    module = _process([sys.executable, "-m", "bot.cli.main", "frist", *args], tmp_path, env)
    assert script == module
    assert script[0] in (0, 2) and (script[1] or script[2])


PROBE = """
import json, sys
sys.argv = [sys.argv[1], *sys.argv[2:]]
code = "handed over"
try:
    import bot.cli
except SystemExit as exc:
    code = exc.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"typer", "click", "pydantic", "pydantic_settings",
                                                       "sqlalchemy", "sqlmodel", "alembic"})
print(json.dumps({"code": code, "heavy": heavy}))
"""


def test_the_fast_path_imports_no_typer_pydantic_or_sqlalchemy(tmp_path: Path) -> None:
    env = _clean_environment()
    for args, exit_code in ((["beräkna", "utredning", "2026-12-10", "--steg"], 0),
                            (["beräkna", "x", "2026-12-10"], 2), (["typer", "--json"], 0)):
        _, out, _ = _process([sys.executable, "-c", PROBE, "lotsen", "frist", *args], tmp_path, env)
        probe = json.loads(out.decode().splitlines()[-1])
        assert probe == {"code": exit_code, "heavy": []}, args
    (tmp_path / ".env").write_text("", encoding="utf-8")  # and the probe can tell a hand-over
    _, out, _ = _process([sys.executable, "-c", PROBE, "lotsen", "frist", "typer"], tmp_path, env)
    assert json.loads(out.decode().splitlines()[-1])["code"] == "handed over"


def test_a_wrong_rule_file_setting_is_refused_by_the_script_in_swedish(tmp_path: Path) -> None:
    env = {**_clean_environment(), "LOTSEN_DEADLINE_RULES": str(tmp_path / "saknas.yml")}
    code, out, err = _process([str(LOTSEN), "frist", "beräkna", "utredning", "2026-12-10"], tmp_path, env)
    assert code == 2 and out == b""
    assert "LOTSEN_DEADLINE_RULES" in err.decode() and "Traceback" not in err.decode()


def test_routine_search_also_leaves_a_wrong_setting_to_the_ordinary_path(sqlite_url: str, tmp_path: Path) -> None:
    env = {**_clean_environment(), "LOTSEN_RUTIN_EMBEDDER": "ingen"}
    assert _process([str(LOTSEN), "rutiner", "--databas", sqlite_url, "demo"], tmp_path, env)[0] == 0
    search = ["rutiner", "--databas", sqlite_url, "sök", "vem beslutar att inte inleda utredning?"]
    _, out, _ = _process([sys.executable, "-c", PROBE, "lotsen", *search], tmp_path, env)
    assert json.loads(out.decode().splitlines()[-1]) == {"code": 0, "heavy": []}  # indexing stored the index
    code, out, err = _process([str(LOTSEN), *search], tmp_path, {**env, "lotsen_working_hours_start": "25"})
    assert code == 2 and out == b"" and b"LOTSEN_WORKING_HOURS_START" in err
