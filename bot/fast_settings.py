"""The settings check of `lotsen`, for the command-line fast paths that run without pydantic-settings.

Every `lotsen` command first checks every setting (bot/config.py, the root callback in
bot/cli/main.py): a wrong value is named in Swedish and the command stops with exit code 2. A fast
path (bot/cli/frist_fast.py, bot/rutiner/fast_cli.py) may only answer when that check would pass, so
it asks `checked_settings()`: the settings variables, read as pydantic-settings reads them (names in
any case), when each is one this module can check exactly as bot/config.py does; None otherwise (a
`.env` file, a setting it does not check itself, a value it would refuse), and the fast path hands
over to the ordinary command, which accepts the value or says what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")  # as bot/config.py

# Every field of Settings (with its LOTSEN_ prefix) and SlackSettings, the variables pydantic-settings
# reads; any other variable it ignores. A test holds this equal to the models' fields.
SETTINGS = frozenset({
    "lotsen_database_url", "lotsen_avvikelse_categories", "lotsen_working_hours_start",
    "lotsen_working_hours_end", "lotsen_outbox_lease_seconds", "lotsen_outbox_max_attempts",
    "lotsen_dispatcher_in_process", "lotsen_dispatcher_tick_seconds", "lotsen_outbox_max_crashes",
    "lotsen_outbox_backoff_seconds", "lotsen_outbox_batch_size", "lotsen_outbox_admin", "lotsen_deadline_rules",
    "lotsen_rutin_synonyms", "lotsen_lex_sarah_triage", "lotsen_lex_sarah_remind_days_before",
    "lotsen_lex_sarah_escalate_after_working_days", "lotsen_statistik_targets", "lotsen_log_level",
    "lotsen_rutin_embedder",
    "slack_bot_token", "slack_app_token", "slack_signing_secret", "slack_api_url",
})


def _database_url(value: str) -> bool:  # Settings._known_database
    scheme = value.strip().split(":", 1)[0].split("+", 1)[0]
    return ":" in value and scheme in ("sqlite", "postgresql", "postgres")


def _existing_file(value: str) -> bool:  # Settings._existing_file (Path | None)
    return Path(value).is_file()


def _any_text(value: str) -> bool:  # a plain str field without a validator
    return True


# The settings checked here as bot/config.py checks them; a variable of SETTINGS not named here hands over.
CHECKS: dict[str, Callable[[str], bool]] = {
    "lotsen_database_url": _database_url,
    "lotsen_deadline_rules": _existing_file,
    "lotsen_rutin_synonyms": _existing_file,
    "lotsen_log_level": lambda value: value.strip().upper() in LOG_LEVELS,
    "lotsen_rutin_embedder": _any_text,
    "lotsen_outbox_admin": _any_text,
    "slack_bot_token": _any_text,
    "slack_app_token": _any_text,
    "slack_signing_secret": _any_text,
    "slack_api_url": lambda value: value.startswith(("http://", "https://")),
}


def checked_settings(environ: Mapping[str, str]) -> dict[str, str] | None:
    """The settings variables by lower-case name when all of them pass bot/config.py's checks as
    checked here; None when only the ordinary path can tell."""
    if Path(".env").exists():
        return None  # pydantic-settings reads it; only the ordinary path does
    found: dict[str, str] = {}
    for name, value in environ.items():
        if not name.isascii():
            return None  # 'ſ'.upper() is 'S': which names match depends on how each reader folds case
        lower = name.lower()
        if lower not in SETTINGS:
            continue  # pydantic-settings ignores it too
        check = CHECKS.get(lower)
        if check is None or lower in found or not check(value):
            return None
        found[lower] = value
    return found
