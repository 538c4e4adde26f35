"""Swedish messages for settings that are wrong: which variable, what it holds, and what it takes.

`bot.config` raises `InvalidSettings` with these texts; the CLI prints them and stops with exit code 2,
never with pydantic's English error or a traceback.
"""

from __future__ import annotations

import re

from pydantic import ValidationError
from pydantic_settings import SettingsError

# What each setting takes, in words a municipality's IT administrator can act on.
EXPECTS: dict[str, str] = {
    "database_url": "en databasadress, t.ex. sqlite:////var/lib/lotsen/lotsen.db eller "
                    "postgresql://lotsen:lösenord@server/lotsen",
    "avvikelse_categories": "en JSON-lista med 1–100 kategorier på högst 75 tecken, "
                            't.ex. ["Dokumentation","Samverkan"]',
    "working_hours_start": "en hel timme mellan 0 och 23, t.ex. 8",
    "working_hours_end": "en hel timme mellan 1 och 24, t.ex. 17",
    "outbox_lease_seconds": "ett helt antal sekunder, minst 1, t.ex. 120",
    "outbox_max_attempts": "ett helt antal försök, minst 1, t.ex. 8",
    "dispatcher_in_process": "true eller false",
    "dispatcher_tick_seconds": "ett antal sekunder större än 0 och högst 3600, t.ex. 5",
    "deadline_rules": "sökvägen till en befintlig YAML-fil med fristregler",
    "rutin_synonyms": "sökvägen till en befintlig YAML-fil med synonymer",
    "log_level": "en av DEBUG, INFO, WARNING eller ERROR",
    "statistik_targets": 'en JSON-tabell med procentsatser mellan 0 och 100 per fristtyp, '
                         't.ex. {"forhandsbedomning": 70, "utredning": 75}',
    "lex_sarah_triage": "sökvägen till en befintlig YAML-fil med lex Sarah-triagens riskmatris",
    "lex_sarah_remind_days_before": "ett helt antal arbetsdagar, t.ex. 3",
    "lex_sarah_escalate_after_working_days": "ett helt antal arbetsdagar, t.ex. 5",
    "slack_bot_token": "en bot-token som börjar med xoxb-",
    "slack_app_token": "en app-token som börjar med xapp-",
    "slack_signing_secret": "signeringshemligheten från Slack-appens Basic Information",
    "slack_api_url": "en adress som börjar med http:// eller https://, t.ex. https://slack.com/api/",
}

HOURS_IN_ORDER = (
    "LOTSEN_WORKING_HOURS_START ({start}) måste vara tidigare än LOTSEN_WORKING_HOURS_END ({end}): "
    "påminnelser skickas mellan dessa timmar, t.ex. 8 och 17."
)
HEADER = "Lotsen kan inte starta: en inställning är fel."
SHOWN_MAX = 60


def _variable(field: str, prefix: str) -> str:
    return f"{prefix}{field}".upper()


_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")
SECRET_FIELDS = ("slack_bot_token", "slack_app_token", "slack_signing_secret")


def _shown(value: object, field: str = "") -> str:
    """The value as given, shortened, with a database password or a token never shown."""
    if field in SECRET_FIELDS:
        return "***"
    text = _PASSWORD.sub(r"\1***@", str(value))
    return text if len(text) <= SHOWN_MAX else text[:SHOWN_MAX] + "…"


def describe_validation_error(exc: ValidationError, prefix: str) -> str:
    lines = [HEADER]
    for error in exc.errors():
        loc = error.get("loc") or ()
        if not loc:  # a check across fields (model validator)
            data = error.get("input") if isinstance(error.get("input"), dict) else {}
            lines.append("  " + HOURS_IN_ORDER.format(start=data.get("working_hours_start", "?"),
                                                      end=data.get("working_hours_end", "?")))
            continue
        field = str(loc[0])
        expects = EXPECTS.get(field, "ett giltigt värde")
        lines.append(f"  {_variable(field, prefix)}='{_shown(error.get('input'), field)}' går inte: "
                     f"den ska vara {expects}.")
    return "\n".join(dict.fromkeys(lines))


_FIELD = re.compile(r'field "([a-z_]+)"')


def describe_source_error(exc: SettingsError, prefix: str) -> str:
    """pydantic-settings fails before validation when a list setting is not JSON."""
    match = _FIELD.search(str(exc))
    if match is None:
        return f"{HEADER}\n  Kontrollera miljövariablerna som börjar med {prefix or 'SLACK_'}."
    field = match.group(1)
    expects = EXPECTS.get(field, "ett giltigt värde")
    return f"{HEADER}\n  {_variable(field, prefix)} går inte att läsa: den ska vara {expects}."
