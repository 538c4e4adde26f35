"""Settings from environment variables (pydantic-settings).

Every variable is documented in the README; defaults give the embedded console demo on SQLite.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB_PATH = Path.home() / ".local" / "share" / "lotsen" / "lotsen.db"


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
    working_hours_start: int = 8
    working_hours_end: int = 17
    # Dispatcher lease: how long a claimed outbox row is reserved before another instance may retry it.
    outbox_lease_seconds: int = 120
    outbox_max_attempts: int = 8
    # Run the outbox dispatcher inside `lotsen run` (default), or only in a separate `lotsen dispatch`.
    dispatcher_in_process: bool = True
    dispatcher_tick_seconds: float = 5.0
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


class SlackSettings(BaseSettings):
    """Slack credentials; read without prefix, as Slack's own tools name them."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    slack_bot_token: str = ""
    slack_app_token: str = ""
    slack_signing_secret: str = ""
    slack_api_url: str = "https://slack.com/api/"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reset_settings_cache() -> None:
    get_settings.cache_clear()
