"""manifest.yml is what the code uses, and valid against Slack's published manifest schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from bot.adapters.slack.app import BOT_EVENTS, COMMANDS
from bot.adapters.slack.manifest import build_manifest, manifest_yaml

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = ROOT.parent / "shared" / "slack" / "manifest.schema.1.0.0.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    if not SCHEMA.exists():
        pytest.skip("shared/slack schema not present beside the repository")
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_committed_manifest_matches_the_code() -> None:
    assert (ROOT / "manifest.yml").read_text(encoding="utf-8") == manifest_yaml()


@pytest.mark.parametrize("url", [None, "https://lotsen.example.se/slack/events"])
def test_manifest_is_valid(schema: dict[str, object], url: str | None) -> None:
    manifest = yaml.safe_load(manifest_yaml(url))
    jsonschema.validate(manifest, schema)
    settings = manifest["settings"]
    # The schema cannot say it: without Socket Mode, Slack needs somewhere to send requests.
    if not settings["socket_mode_enabled"]:
        assert settings["event_subscriptions"]["request_url"] == url
        assert settings["interactivity"]["request_url"] == url
        assert all(c["url"] == url for c in manifest["features"]["slash_commands"])


def test_manifest_declares_everything_the_app_listens_to(schema: dict[str, object]) -> None:
    manifest = build_manifest()
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == list(COMMANDS)
    assert manifest["settings"]["event_subscriptions"]["bot_events"] == list(BOT_EVENTS)
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "im:history", "users:read.email"} <= scopes
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True


def test_schema_catches_a_broken_manifest(schema: dict[str, object]) -> None:
    broken = build_manifest()
    broken["features"]["slash_commands"][0]["command"] = "avvikelse"  # no leading slash
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
