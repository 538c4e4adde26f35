"""A local fake of Microsoft for the Teams front end, and a client that signs activities like Azure Bot
Service does.

`FakeMicrosoft` serves, over loopback:
  GET  /v1/.well-known/openidconfiguration   the Bot Framework OpenID metadata document
  GET  /v1/.well-known/keys                  a JWKS holding a key made in the test
  POST /{tenant}/oauth2/v2.0/token           the client-credentials grant (checks id and secret)
  POST /v3/conversations/{id}/activities     the Bot Connector: records what the bot sends
  PUT  /v3/conversations/{id}/activities/{activity}
Activities name the fake as their serviceUrl, so every reply and proactive send lands in `sent`.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

APP_ID = "00000000-0000-4000-8000-00000000a1d0"
APP_PASSWORD = "test-app-password"
TENANT_ID = "11111111-1111-4111-8111-111111111111"
OTHER_TENANT = "99999999-9999-4999-8999-999999999999"
ISSUER = "https://api.botframework.com"
BOT_ID = f"28:{APP_ID}"
# Demo people's Azure AD object ids (see bot/demo/organisation.yml, `teams:`); set by the tests.
ANNA_AAD = "aaaaaaaa-0000-4000-8000-000000000001"
MARIA_AAD = "aaaaaaaa-0000-4000-8000-000000000002"
ERIK_AAD = "aaaaaaaa-0000-4000-8000-000000000003"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Recorded:
    method: str
    path: str
    body: dict[str, Any]
    authorization: str

    @property
    def conversation_id(self) -> str:
        return urllib.parse.unquote(self.path.split("/")[3])

    def cards(self) -> list[dict[str, Any]]:
        return [a["content"] for a in self.body.get("attachments") or []]

    def text(self) -> str:
        return json.dumps(self.body, ensure_ascii=False)


@dataclass
class FakeMicrosoft:
    key: rsa.RSAPrivateKey = field(default_factory=new_key)
    kid: str = "lotsen-test-key"
    sent: list[Recorded] = field(default_factory=list)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    fail_next: list[int] = field(default_factory=list)  # statuses for the next Bot Connector calls
    emails: dict[str, str] = field(default_factory=dict)  # AAD object id → e-mail (conversation members)
    send_delay: float = 0.0  # seconds before each Bot Connector answer (a slow Teams)
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def openid_url(self) -> str:
        return f"{self.url}/v1/.well-known/openidconfiguration"

    @property
    def token_url(self) -> str:
        return f"{self.url}/{{tenant}}/oauth2/v2.0/token"

    @property
    def service_url(self) -> str:
        return f"{self.url}/teams/"

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": self.kid, "use": "sig", "alg": "RS256", "endorsements": ["msteams"]}]}

    def start(self) -> FakeMicrosoft:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _json(self, status: int, body: Any) -> None:
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self) -> None:
                if self.path == "/v1/.well-known/openidconfiguration":
                    self._json(200, {"issuer": ISSUER, "jwks_uri": f"{fake.url}/v1/.well-known/keys",
                                     "id_token_signing_alg_values_supported": ["RS256"],
                                     "token_endpoint_auth_methods_supported": ["private_key_jwt"]})
                elif self.path == "/v1/.well-known/keys":
                    self._json(200, fake.jwks())
                elif self.path.startswith("/teams/v3/conversations/") and "/members/" in self.path:
                    member = urllib.parse.unquote(self.path.rsplit("/", 1)[1])  # 29:<aad> in these tests
                    aad = member.removeprefix("29:")
                    if aad in fake.emails:
                        self._json(200, {"id": member, "aadObjectId": aad, "email": fake.emails[aad],
                                         "userPrincipalName": fake.emails[aad], "name": "Testperson"})
                    else:
                        self._json(404, {"error": {"code": "MemberNotFoundInConversation"}})
                else:
                    self._json(404, {"error": "not found"})

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def do_POST(self) -> None:
                raw = self._body()
                if self.path.endswith("/oauth2/v2.0/token"):
                    form = dict(urllib.parse.parse_qsl(raw.decode()))
                    with fake._lock:
                        fake.token_requests.append(form)
                    tenant = self.path.split("/")[1]
                    if (form.get("client_id"), form.get("client_secret"), tenant) != (APP_ID, APP_PASSWORD,
                                                                                       TENANT_ID):
                        self._json(401, {"error": "invalid_client"})
                        return
                    claims = {"aud": "https://api.botframework.com", "appid": APP_ID, "tid": TENANT_ID,
                              "exp": int(time.time()) + 3600}
                    token = jwt.encode(claims, "fake-microsoft-signing-secret-0123456789", algorithm="HS256")
                    self._json(200, {"token_type": "Bearer", "expires_in": 3599, "access_token": token})
                    return
                self._connector("POST", raw)

            def do_PUT(self) -> None:
                self._connector("PUT", self._body())

            def _connector(self, method: str, raw: bytes) -> None:
                if not self.path.startswith("/teams/v3/conversations/"):
                    self._json(404, {"error": "not found"})
                    return
                if fake.send_delay:
                    time.sleep(fake.send_delay)
                with fake._lock:
                    status = fake.fail_next.pop(0) if fake.fail_next else 200
                    if status == 200:
                        fake.sent.append(Recorded(method, self.path[len("/teams"):], json.loads(raw or b"{}"),
                                                  self.headers.get("Authorization", "")))
                if status != 200:
                    self._json(status, {"error": {"code": "Throttled" if status == 429 else "Error"}})
                    return
                self._json(200, {"id": f"1:{uuid.uuid4().hex[:12]}"})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def wait_for_sent(self, count: int = 1, timeout: float = 10.0) -> list[Recorded]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.sent) >= count:
                    return list(self.sent)
            time.sleep(0.02)
        raise AssertionError(f"expected {count} Bot Connector calls, got {len(self.sent)}: {self.sent}")

    def wait_for(self, predicate: Any, timeout: float = 10.0, *, after: int = 0) -> Recorded:
        """The first recorded call (from index `after`) the predicate accepts."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                found = [s for s in self.sent[after:] if predicate(s)]
            if found:
                return found[0]
            time.sleep(0.02)
        raise AssertionError(f"nothing matching was sent: {self.sent[after:]}")

    def wait_for_launcher(self, after: int = 0) -> Recorded:
        """The chat message with a button that runs a command in a dialog (not a proactive notification)."""
        return self.wait_for(lambda s: is_launcher(s), after=after)

    def wait_for_conversation(self, conversation_id: str, timeout: float = 10.0) -> list[Recorded]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                found = [s for s in self.sent if s.conversation_id == conversation_id]
            if found:
                return found
            time.sleep(0.02)
        raise AssertionError(f"nothing sent to {conversation_id}: {self.sent}")

    # --- tokens and activities as Azure Bot Service sends them -----------------------------------------

    def sign(self, *, service_url: str | None = None, audience: str = APP_ID, key: rsa.RSAPrivateKey | None = None,
             kid: str | None = None, expires_in: int = 3600, issuer: str = ISSUER) -> str:
        now = int(time.time())
        claims = {"iss": issuer, "aud": audience, "serviceurl": service_url or self.service_url,
                  "nbf": now - 60, "iat": now - 60, "exp": now + expires_in}
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid})


def is_launcher(sent: Recorded) -> bool:
    return any("lotsen_command" in a.get("data", {}) for c in sent.cards() for a in c.get("actions", []))


_conversation_ids: dict[tuple[str, str], str] = {}


def personal_conversation(aad: str) -> str:
    return _conversation_ids.setdefault(("personal", aad), f"a:1personal-{aad[-4:]}-{uuid.uuid4().hex[:6]}")


def activity(fake: FakeMicrosoft, aad: str, *, kind: str = "message", text: str | None = None,
             name: str | None = None, value: Any = None, tenant: str = TENANT_ID, channel: bool = False,
             service_url: str | None = None) -> dict[str, Any]:
    """An activity as Teams sends it: personal chat by default, or a channel post (`channel=True`)."""
    if channel:
        conversation = {"id": "19:lotsen-test@thread.tacv2;messageid=1700000000000", "conversationType": "channel",
                        "isGroup": True, "tenantId": tenant}
    else:
        conversation = {"id": personal_conversation(aad), "conversationType": "personal", "tenantId": tenant}
    body: dict[str, Any] = {
        "type": kind, "id": f"f:{uuid.uuid4().hex[:10]}", "timestamp": "2026-12-01T08:00:00.000Z",
        "serviceUrl": service_url or fake.service_url, "channelId": "msteams",
        "from": {"id": f"29:{aad}", "name": "Testperson", "aadObjectId": aad},
        "conversation": conversation, "recipient": {"id": BOT_ID, "name": "Lotsen"},
        "channelData": {"tenant": {"id": tenant}}, "locale": "sv-SE",
    }
    if text is not None:
        body["text"] = text
    if name is not None:
        body["name"] = name
    if value is not None:
        body["value"] = value
    return body


def message(fake: FakeMicrosoft, aad: str, text: str, **kw: Any) -> dict[str, Any]:
    return activity(fake, aad, text=text, **kw)


def dialog_open(fake: FakeMicrosoft, aad: str, data: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return activity(fake, aad, kind="invoke", name="task/fetch", value={"type": "task/fetch", "data": data}, **kw)


def dialog_submit(fake: FakeMicrosoft, aad: str, data: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return activity(fake, aad, kind="invoke", name="task/submit", value={"type": "task/submit", "data": data}, **kw)


@dataclass
class Response:
    status: int
    body: Any

    def json(self) -> Any:
        return self.body


def post(base: str, body: Any, token: str | None, *, raw: bytes | None = None) -> Response:
    data = raw if raw is not None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{base}/api/messages", data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            payload = response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        payload, status = exc.read(), exc.code
    with contextlib.suppress(ValueError):
        return Response(status, json.loads(payload) if payload else None)
    return Response(status, payload.decode("utf-8", "replace"))


def button_data(card: dict[str, Any], title_contains: str = "") -> dict[str, Any]:
    """The data of a card's first action (whose title contains the text), as Teams would send it."""
    for action in card.get("actions") or []:
        if title_contains in action.get("title", ""):
            return {k: v for k, v in action["data"].items() if k != "msteams"} | (
                {"msteams": action["data"]["msteams"]} if "msteams" in action["data"] else {})
    raise AssertionError(f"no action with {title_contains!r} in {card}")


def dialog_card(response: Response) -> dict[str, Any]:
    task = response.body["task"]
    assert task["type"] == "continue", task
    return task["value"]["card"]["content"]


def card_text(card: Any) -> str:
    return json.dumps(card, ensure_ascii=False)


@dataclass
class TeamsHarness:
    """The real Teams runtime (uvicorn on loopback, SDK loop in a thread) against a FakeMicrosoft."""

    lotsen: Any
    fake: FakeMicrosoft
    runtime: Any
    base: str

    @classmethod
    def start(cls, lotsen: Any, *, tick_seconds: float = 0.1) -> TeamsHarness:
        from bot.adapters.teams.runner import prepare
        from bot.config import TeamsSettings

        fake = FakeMicrosoft().start()
        settings = TeamsSettings(teams_app_id=APP_ID, teams_app_password=APP_PASSWORD, teams_tenant_id=TENANT_ID,
                                 lotsen_teams_openid_url=fake.openid_url, lotsen_teams_token_url=fake.token_url)
        runtime = prepare(lotsen, settings, host="127.0.0.1", port=0, tick_seconds=tick_seconds)
        port = runtime.start_background()
        return cls(lotsen=lotsen, fake=fake, runtime=runtime, base=f"http://127.0.0.1:{port}")

    def post(self, body: dict[str, Any], token: str | None = "sign") -> Response:
        if token == "sign":
            token = self.fake.sign(service_url=body.get("serviceUrl"))
        return post(self.base, body, token)

    def stop(self) -> None:
        self.runtime.stop()
        self.fake.stop()
