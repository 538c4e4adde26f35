"""The Teams endpoint refuses what Azure Bot Service did not sign for this app, and the SDK's traps stay shut:
no `.env` loaded on import, no ambient variable that changes behaviour, other tenants refused."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.adapters.teams.conftest import give_teams_ids
from tests.conftest import make_lotsen
from tests.support.teams import (
    ANNA_AAD,
    OTHER_TENANT,
    TeamsHarness,
    message,
    new_key,
    post,
)

ROOT = Path(__file__).resolve().parents[3]


def _nothing_sent(teams: TeamsHarness) -> bool:
    time.sleep(0.3)
    return teams.fake.sent == []


def test_a_signed_message_is_answered(teams: TeamsHarness) -> None:
    assert teams.post(message(teams.fake, ANNA_AAD, "hjälp")).status == 200
    [sent] = teams.fake.wait_for_sent(1)
    assert sent.authorization.startswith("Bearer ey")  # the bot's own token from the token endpoint
    assert teams.fake.token_requests[0]["scope"] == "https://api.botframework.com/.default"


@pytest.mark.parametrize("case", ["unsigned", "unknown key", "wrong app id", "expired", "other serviceurl",
                                  "not a jwt", "wrong issuer"])
def test_requests_not_signed_for_this_app_get_401_and_no_answer(teams: TeamsHarness, case: str) -> None:
    body = message(teams.fake, ANNA_AAD, "hjälp")
    fake = teams.fake
    token: str | None = {
        "unsigned": None,
        "unknown key": fake.sign(key=new_key()),
        "wrong app id": fake.sign(audience="22222222-2222-4222-8222-222222222222"),
        "expired": fake.sign(expires_in=-3600),
        # A caller pointing the bot at its own server, to collect the bot's bearer token.
        "other serviceurl": fake.sign(service_url="https://attacker.example/"),
        "not a jwt": "not-a-token",
        "wrong issuer": fake.sign(issuer="https://attacker.example"),
    }[case]
    assert post(teams.base, body, token).status == 401
    assert _nothing_sent(teams)


def test_activity_service_url_must_match_the_signed_one(teams: TeamsHarness) -> None:
    body = message(teams.fake, ANNA_AAD, "hjälp", service_url="http://127.0.0.1:9/teams/")
    assert post(teams.base, body, teams.fake.sign()).status == 401  # token names the fake, activity another URL
    assert _nothing_sent(teams)


def test_another_tenant_is_refused_even_when_correctly_signed(teams: TeamsHarness) -> None:
    response = teams.post(message(teams.fake, ANNA_AAD, "hjälp", tenant=OTHER_TENANT))
    assert response.status == 403
    assert "kommunens egen organisation" in str(response.body)
    assert _nothing_sent(teams)


def test_a_body_that_is_not_json_is_a_clear_400(teams: TeamsHarness) -> None:
    response = post(teams.base, None, teams.fake.sign(), raw=b"{not json")
    assert response.status == 400 and "ogiltig JSON" in str(response.body)


def test_ambient_sdk_variables_change_nothing(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDK reads these when an option is missing; DANGEROUSLY_… alone would switch JWT checks off."""
    for name, value in {"DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS": "true", "CLIENT_ID": "someone-else",
                        "CLIENT_SECRET": "other-secret", "TENANT_ID": OTHER_TENANT, "SKIP_AUTH": "true",
                        "SERVICE_URL": "http://127.0.0.1:9/", "OAUTH_URL": "http://127.0.0.1:9/",
                        "CLOUD": "USGov", "PORT": "1"}.items():
        monkeypatch.setenv(name, value)
    lotsen = make_lotsen(sqlite_url)
    give_teams_ids(lotsen)
    harness = TeamsHarness.start(lotsen)
    try:
        app = harness.runtime.app
        assert app.options.dangerously_allow_unauthenticated_requests is False
        assert (app.credentials.client_id, app.credentials.tenant_id) != ("someone-else", OTHER_TENANT)
        assert app.cloud.openid_metadata_url == harness.fake.openid_url
        unsigned = post(harness.base, message(harness.fake, ANNA_AAD, "hjälp"), None)
        assert unsigned.status == 401
        assert _nothing_sent(harness)  # type: ignore[arg-type]
        assert harness.post(message(harness.fake, ANNA_AAD, "hjälp")).status == 200
        [sent] = harness.fake.wait_for_sent(1)
        assert sent.path.startswith("/v3/conversations/")
    finally:
        harness.stop()
        lotsen.db.dispose()


def test_authentication_off_is_refused_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.adapters.teams import sdk

    class Server:
        _dangerously_allow_unauthenticated_requests = True
        _token_validator = None

    class FakeApp:
        server = Server()

    with pytest.raises(sdk.AuthenticationNotPinned):
        sdk.assert_authentication_pinned(FakeApp())  # type: ignore[arg-type]


def _probe(cwd: Path, module: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS",
                                                           "CLIENT_ID")}
    env["PYTHONPATH"] = str(ROOT)
    code = (f"import os, {module}; print(os.environ.get('DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS'),"
            " os.environ.get('CLIENT_ID'))")
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=60, check=True).stdout.strip()


def test_importing_the_sdk_through_lotsen_loads_no_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS=true\nCLIENT_ID=from-dotenv\n")
    # The trap is real: the SDK on its own copies the .env into the environment …
    assert _probe(tmp_path, "microsoft_teams.apps") == "true from-dotenv"
    # … Lotsen's import leaves the environment as it was.
    assert _probe(tmp_path, "bot.adapters.teams.sdk") == "None None"


def test_microsoft_rotating_its_signing_key_is_followed(teams: TeamsHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    import jwt.jwks_client

    assert teams.post(message(teams.fake, ANNA_AAD, "hjälp")).status == 200
    old_key, old_kid = teams.fake.key, teams.fake.kid
    teams.fake.key, teams.fake.kid = new_key(), "rotated-key"
    # Within 30 s of the last fetch an unknown key id does not fetch the key set again (no hammering
    # Microsoft with made-up key ids) …
    assert teams.post(message(teams.fake, ANNA_AAD, "hjälp")).status == 401
    real = time.monotonic
    later = types.SimpleNamespace(**{**vars(time), "monotonic": lambda: real() + 60})
    monkeypatch.setattr(jwt.jwks_client, "time", later)
    # … after that the new key is fetched and accepted, and the retired one refused.
    assert teams.post(message(teams.fake, ANNA_AAD, "hjälp")).status == 200
    stale = teams.fake.sign(key=old_key, kid=old_kid)
    assert post(teams.base, message(teams.fake, ANNA_AAD, "hjälp"), stale).status == 401


def test_the_bots_token_is_fetched_once_not_per_message(teams: TeamsHarness) -> None:
    for _ in range(3):
        teams.post(message(teams.fake, ANNA_AAD, "hjälp"))
    sent = teams.fake.wait_for_sent(3)
    assert len({s.authorization for s in sent}) == 1
    assert len(teams.fake.token_requests) == 1  # the start-up check's token is reused until it nears expiry
