"""Start the Teams front end: `POST /api/messages` (and `/healthz`) on the address `--host` names, the SDK's
event loop, and the outbox tick delivering reminders through Teams (and Slack, when configured).

Start-up checks every required setting, reads the OpenID document and fetches a token, so a missing
or wrong setting stops Lotsen with a Swedish message that names it instead of a stack trace.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn
from apscheduler.schedulers.background import BackgroundScheduler
from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

from bot.adapters.process import freeze_startup_heap
from bot.adapters.scheduling import add_daily_jobs, add_drain, drain_until_sigterm
from bot.adapters.teams import texts as t
from bot.adapters.teams.app import TeamsFrontEnd
from bot.adapters.teams.credentials import BOT_SCOPE, ClientCredentialsToken, TokenError
from bot.adapters.teams.sdk import (
    App,
    AuthenticationNotPinned,
    FastAPIAdapter,
    assert_authentication_pinned,
    build_app,
    cloud_for,
)
from bot.adapters.teams.sender import TeamsSender
from bot.app import Lotsen
from bot.config import SlackSettings, TeamsSettings
from bot.reminders.dispatcher import Dispatcher, Sender

log = logging.getLogger(__name__)
MESSAGES_PATH = "/api/messages"
MAX_BODY_BYTES = 1_000_000


class StartupError(RuntimeError):
    """A setting is missing or rejected; the message names it (Swedish, shown as is)."""


def check_settings(settings: TeamsSettings) -> None:
    missing = [name for name, value in ((t.SETTING_APP_ID, settings.teams_app_id),
                                        (t.SETTING_PASSWORD, settings.teams_app_password),
                                        (t.SETTING_TENANT, settings.teams_tenant_id)) if not value.strip()]
    if missing:
        raise StartupError(t.MISSING_SETTINGS + "; ".join(missing))


def read_openid(url: str) -> str | None:
    """The issuer Microsoft's OpenID document names. The SDK looks for the keys next to the document
    (`…/openidconfiguration` → `…/keys`), so a document pointing elsewhere is refused at start-up."""
    try:
        response = httpx.get(url, timeout=10.0)
        response.raise_for_status()
        document = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise StartupError(t.OPENID_UNREADABLE.format(url=url, error=exc.__class__.__name__)) from exc
    jwks = str(document.get("jwks_uri", "")) if isinstance(document, dict) else ""
    if not url.endswith("/openidconfiguration") or re.sub(r"/openidconfiguration$", "/keys", url) != jwks:
        raise StartupError(t.OPENID_KEYS_MISMATCH.format(jwks=jwks or "(saknas)"))
    issuer = document.get("issuer")
    return str(issuer) if issuer else None


class JsonOnly:
    """ASGI guard in front of the SDK: a body that is not a JSON object gets 400 (the SDK would answer
    500), an oversized one 413. Everything else passes on unchanged, body replayed."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != MESSAGES_PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > MAX_BODY_BYTES:
                await _plain(send, 413, "för stor begäran")
                return
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            await _plain(send, 400, t.BAD_REQUEST)
            return
        replayed = False

        async def replay() -> dict[str, Any]:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _plain(send: Any, status: int, text: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": text.encode()})


@dataclass
class TeamsRuntime:
    lotsen: Lotsen
    app: App
    front: TeamsFrontEnd
    asgi: Any
    scheduler: BackgroundScheduler
    host: str
    port: int
    loop: asyncio.AbstractEventLoop | None = None
    server: uvicorn.Server | None = None
    dispatcher: Dispatcher | None = None
    _thread: threading.Thread | None = field(default=None, repr=False)
    _stop_requested: bool = field(default=False, repr=False)

    async def _serve(self) -> None:
        self.loop = asyncio.get_running_loop()
        assert_authentication_pinned(self.app)
        if not self.scheduler.running:
            self.scheduler.start()  # the outbox tick needs the loop the SDK sends on
        config = uvicorn.Config(self.asgi, host=self.host, port=self.port, log_level="warning",
                                access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self.server.should_exit = self._stop_requested
        await self.server.serve()  # returns on SIGTERM or Ctrl-C once the requests in hand are answered
        # Finish the outbox batch in hand while the loop its sends run on is still alive: a Teams post
        # cut off before its "sent" mark would be posted again (Teams history cannot be asked).
        if self.dispatcher is not None:
            self.dispatcher.stopping = True
        if self.scheduler.running:
            await asyncio.to_thread(self.scheduler.shutdown, True)

    def serve(self) -> None:
        """Serve until stopped (Ctrl-C or SIGTERM)."""
        if threading.current_thread() is threading.main_thread():
            # uvicorn catches SIGTERM while it serves, then raises it again once it has stopped; with
            # Python's default handler that would end the process before the outbox batch in hand is
            # finished (above). This handler asks uvicorn to stop, before it starts as well as while
            # it serves, and otherwise lets the shutdown run to its end.
            signal.signal(signal.SIGTERM, self._on_sigterm)
        freeze_startup_heap()
        try:
            asyncio.run(self._serve())
        finally:
            if self.scheduler.running:
                self.scheduler.shutdown(wait=False)

    def _on_sigterm(self, signum: int, frame: object) -> None:
        self._stop_requested = True
        if self.server is not None:
            self.server.should_exit = True

    def start_background(self, timeout: float = 15.0) -> int:
        """Serve from a daemon thread (tests, benchmarks); returns the bound port."""
        self._thread = threading.Thread(target=self.serve, name="lotsen-teams", daemon=True)
        self._thread.start()
        waited = threading.Event()
        for _ in range(int(timeout / 0.05)):
            if self.server is not None and self.server.started:
                return int(self.server.servers[0].sockets[0].getsockname()[1])
            waited.wait(0.05)
        raise StartupError("Teams-servern startade inte.")

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)


def _sdk_app(settings: TeamsSettings) -> tuple[App, FastAPI]:
    """Check the settings against Microsoft (OpenID document, a token) and build the initialised SDK App."""
    check_settings(settings)
    issuer = read_openid(settings.lotsen_teams_openid_url)
    token = ClientCredentialsToken(settings.lotsen_teams_token_url, settings.teams_app_id.strip(),
                                   settings.teams_app_password, settings.teams_tenant_id.strip())
    try:
        token.fetch_sync(BOT_SCOPE)
    except TokenError as exc:
        raise StartupError(t.TOKEN_REFUSED.format(error=exc)) from exc
    fastapi = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    fastapi.get("/healthz", response_class=PlainTextResponse)(lambda: "ok")
    try:
        app = build_app(app_id=settings.teams_app_id.strip(), tenant_id=settings.teams_tenant_id.strip(), token=token,
                        cloud=cloud_for(settings.lotsen_teams_openid_url, issuer), adapter=FastAPIAdapter(app=fastapi))
        asyncio.run(app.initialize())  # registers /api/messages with JWT validation; binds no event loop
        assert_authentication_pinned(app)
    except AuthenticationNotPinned as exc:
        raise StartupError(str(exc)) from exc
    return app, fastapi


def _senders(lotsen: Lotsen, app: App, loop: Callable[[], asyncio.AbstractEventLoop | None],
             slack: SlackSettings | None) -> list[Sender]:
    """Teams, and Slack too when its token is set: the dispatcher delivers through whichever platform the
    recipient uses, so a process that can reach only some people does not claim the others' messages
    in vain."""
    senders: list[Sender] = [TeamsSender(lotsen.db, app, loop)]
    if slack is not None and slack.slack_bot_token:
        from slack_sdk import WebClient

        from bot.adapters.slack.sender import SlackSender

        senders.append(SlackSender(WebClient(token=slack.slack_bot_token, base_url=slack.slack_api_url)))
    return senders


def prepare(lotsen: Lotsen, settings: TeamsSettings, *, host: str = "127.0.0.1", port: int = 3978,
            tick_seconds: float | None = None, slack: SlackSettings | None = None) -> TeamsRuntime:
    app, fastapi = _sdk_app(settings)
    front = TeamsFrontEnd(lotsen, app, tenant_id=settings.teams_tenant_id.strip())
    scheduler = BackgroundScheduler(timezone="Europe/Stockholm")
    runtime = TeamsRuntime(lotsen=lotsen, app=app, front=front, asgi=JsonOnly(fastapi), scheduler=scheduler,
                           host=host, port=port)
    if lotsen.settings.dispatcher_in_process:
        senders = _senders(lotsen, app, lambda: runtime.loop, slack)
        runtime.dispatcher = add_drain(scheduler, lotsen.dispatcher(senders),
                                       tick_seconds or lotsen.settings.dispatcher_tick_seconds)
    add_daily_jobs(scheduler, lotsen)
    return runtime


def run_dispatcher(lotsen: Lotsen, settings: TeamsSettings, slack: SlackSettings | None = None) -> None:
    """`lotsen dispatch --teams`: deliver the outbox to Teams (and Slack, when configured) from a process of
    its own, with the SDK's event loop in a thread and no HTTP server."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    app, _ = _sdk_app(settings)
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, name="lotsen-teams-loop", daemon=True).start()
    scheduler = BlockingScheduler(timezone="Europe/Stockholm")
    dispatcher = lotsen.dispatcher(_senders(lotsen, app, lambda: loop, slack))
    freeze_startup_heap()
    drain_until_sigterm(scheduler, add_drain(scheduler, dispatcher, lotsen.settings.dispatcher_tick_seconds))
