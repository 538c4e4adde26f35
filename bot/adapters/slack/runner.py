"""Start the Slack front end: Socket Mode (default) or HTTP (`/slack/events`), plus the outbox tick.

Start-up checks every required setting and calls auth.test, so a missing or wrong token stops
Lotsen with a message that names the variable instead of a stack trace.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from slack_bolt import App, BoltRequest
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.adapters.process import freeze_startup_heap
from bot.adapters.scheduling import add_daily_jobs, add_drain, drain_until_sigterm
from bot.adapters.slack import intake
from bot.adapters.slack.app import after_ack_of, create_app
from bot.adapters.slack.sender import SlackSender
from bot.app import Lotsen
from bot.config import SlackSettings
from bot.reminders.dispatcher import Dispatcher

log = logging.getLogger(__name__)


class StartupError(RuntimeError):
    """A setting is missing or rejected; the message names it (Swedish, shown as is)."""


def check_settings(slack: SlackSettings, *, http: bool) -> None:
    missing = []
    if not slack.slack_bot_token:
        missing.append("SLACK_BOT_TOKEN (bot-token, börjar med xoxb-)")
    if http and not slack.slack_signing_secret:
        missing.append("SLACK_SIGNING_SECRET (signeringshemlighet från appens Basic Information)")
    if not http and not slack.slack_app_token:
        missing.append("SLACK_APP_TOKEN (app-token för Socket Mode, börjar med xapp-)")
    if missing:
        raise StartupError("Lotsen kan inte starta Slack-läget. Saknas: " + "; ".join(missing))
    if not slack.slack_bot_token.startswith("xoxb-"):
        raise StartupError("SLACK_BOT_TOKEN ska vara en bot-token som börjar med xoxb-.")
    if not http and not slack.slack_app_token.startswith("xapp-"):
        raise StartupError("SLACK_APP_TOKEN ska vara en app-token som börjar med xapp-.")


def verify_token(client: WebClient) -> dict[str, Any]:
    try:
        response = client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error", "okänt fel") if exc.response else "okänt fel"
        raise StartupError(f"Slack avvisade SLACK_BOT_TOKEN (auth.test: {error}).") from exc
    except Exception as exc:
        raise StartupError(
            f"Kunde inte nå Slack på SLACK_API_URL={client.base_url} ({exc.__class__.__name__})."
        ) from exc
    return dict(response.data) if isinstance(response.data, dict) else {}


@dataclass
class SlackRuntime:
    app: App
    scheduler: BackgroundScheduler
    signing_secret: str = ""
    dispatcher: Dispatcher | None = None

    def stop(self) -> None:
        """Finish the outbox batch in hand (its posts marked sent), start no new job, then return.

        A batch cut off mid-way is safe (its claims expire and Slack's message metadata stops a second
        post), but a stop that waits leaves nothing to recover and no reminder late by a lease."""
        if self.dispatcher is not None:
            self.dispatcher.stopping = True
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        worker = after_ack_of(self.app)
        if worker is not None:
            worker.shutdown()  # modals of commands already acked are still opened


def stop_on_sigterm() -> None:
    """SIGTERM (systemd, Docker, Kubernetes) stops `lotsen run` as Ctrl-C does: waitress finishes the
    requests in hand (a form submission acks only once its report is stored), then the runtime stops.
    Python's default for SIGTERM ends the process on the spot."""

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(0)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, terminate)


def prepare(lotsen: Lotsen, slack: SlackSettings, *, http: bool, tick_seconds: float | None = None) -> SlackRuntime:
    check_settings(slack, http=http)
    app = create_app(lotsen, token=slack.slack_bot_token, signing_secret=slack.slack_signing_secret or "unused",
                     base_url=slack.slack_api_url)
    identity = verify_token(app.client)
    log.info("slack auth ok", extra={"team": identity.get("team_id"), "bot": identity.get("user_id")})
    scheduler = BackgroundScheduler(timezone="Europe/Stockholm")
    dispatcher = None
    if lotsen.settings.dispatcher_in_process:
        worker = after_ack_of(app)
        dispatcher = add_dispatch_job(scheduler, lotsen, app.client,
                                      tick_seconds or lotsen.settings.dispatcher_tick_seconds,
                                      yield_to=worker.wait_for_acks if worker is not None else None)
    add_daily_jobs(scheduler, lotsen)
    scheduler.start()
    return SlackRuntime(app=app, scheduler=scheduler, signing_secret=slack.slack_signing_secret or "",
                        dispatcher=dispatcher)


def add_dispatch_job(scheduler: Any, lotsen: Lotsen, client: WebClient, seconds: float,
                     yield_to: Callable[[], None] | None = None) -> Dispatcher:
    return add_drain(scheduler, lotsen.dispatcher([SlackSender(client, yield_to=yield_to)]), seconds)


def run_dispatcher(lotsen: Lotsen, slack: SlackSettings) -> None:
    """`lotsen dispatch`: deliver the outbox from a process of its own (as many as you like)."""
    if not slack.slack_bot_token:
        raise StartupError("Lotsen kan inte skicka till Slack. Saknas: SLACK_BOT_TOKEN (bot-token, börjar med xoxb-)")
    client = WebClient(token=slack.slack_bot_token, base_url=slack.slack_api_url)
    verify_token(client)
    from apscheduler.schedulers.blocking import BlockingScheduler

    scheduler = BlockingScheduler(timezone="Europe/Stockholm")
    freeze_startup_heap()
    drain_until_sigterm(scheduler, add_dispatch_job(scheduler, lotsen, client,
                                                     lotsen.settings.dispatcher_tick_seconds))


_STATUS = {400: "400 Bad Request", 401: "401 Unauthorized", 405: "405 Method Not Allowed",
           413: "413 Payload Too Large"}


def _read_body(environ: dict[str, Any]) -> bytes | None:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if length < 0 or length > intake.MAX_BODY_BYTES:
        return None if length < 0 else b"x" * (intake.MAX_BODY_BYTES + 1)
    return environ["wsgi.input"].read(length) if length else b""


def bolt_request(text: str, parsed: dict[str, Any], headers: dict[str, Any]) -> BoltRequest:
    """A request for Bolt whose body the gate has already decoded (Bolt would decode it again).

    Bolt takes a decoded body only as a Socket Mode request; it becomes an HTTP request again with its
    raw body, so Bolt's own signature check still runs over the bytes Slack signed."""
    request = BoltRequest(body=parsed, headers=headers, mode="socket_mode")
    request.mode, request.raw_body = "http", text
    return request


def wsgi_app(app: App, signing_secret: str) -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
    """`/slack/events` behind the intake gate (HTTP mode always has a signing secret: check_settings)."""
    worker = after_ack_of(app)
    acking = worker.acking if worker is not None else contextlib.nullcontext

    def refuse(start_response: Callable[..., Any], verdict: intake.Verdict) -> Iterable[bytes]:
        # No traceback and nothing from the body in the log: the status and the reason only.
        log.warning("slack request refused", extra={"status": verdict.status, "reason": verdict.reason})
        start_response(_STATUS.get(verdict.status, "400 Bad Request"), [("Content-Type", "text/plain")])
        return [verdict.reason.encode()]

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        if path != "/slack/events":
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        if environ.get("REQUEST_METHOD", "GET") != "POST":
            return refuse(start_response, intake.Verdict(405, "bara POST"))
        body = _read_body(environ)
        if body is None:
            return refuse(start_response, intake.Verdict(400, "ogiltig Content-Length"))
        verdict = intake.judge(signing_secret, body, environ.get("CONTENT_TYPE", ""),
                               environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP"), environ.get("HTTP_X_SLACK_SIGNATURE"))
        if verdict.status != 200:
            return refuse(start_response, verdict)
        assert verdict.parsed is not None
        request = bolt_request(verdict.text, verdict.parsed, WsgiHttpRequest(environ).get_headers())
        with acking():  # work after earlier acks waits while this one is answered
            answer = app.dispatch(request)
        response = WsgiHttpResponse(status=answer.status, headers=answer.headers, body=answer.body)
        start_response(response.status, response.get_headers())
        return response.get_body()

    return application


def make_http_server(runtime: SlackRuntime, host: str, port: int) -> Any:
    """A waitress server for `/slack/events` (and `/healthz`); `.run()` serves, `.close()` stops.
    Requests pass the signature and shape gate (`intake`) before Bolt sees them."""
    from waitress import create_server

    return create_server(wsgi_app(runtime.app, runtime.signing_secret), host=host, port=port, threads=8,
                         ident="lotsen")


PORT_TAKEN = ("Porten {port} används redan av ett annat program (på {host}). Stoppa det, eller starta "
              "Lotsen på en annan port: lotsen run --http --port N.")
PORT_REFUSED = "Lotsen får inte lyssna på port {port} (på {host}): {reason}. Välj en annan port med --port."


def open_http(runtime: SlackRuntime, host: str, port: int) -> Any:
    """Bind the HTTP server; a port already in use (or refused) stops Lotsen with a message naming it."""
    try:
        return make_http_server(runtime, host, port)
    except OSError as exc:
        runtime.stop()
        if exc.errno == errno.EADDRINUSE:
            raise StartupError(PORT_TAKEN.format(port=port, host=host)) from exc
        raise StartupError(PORT_REFUSED.format(port=port, host=host, reason=exc.strerror or exc)) from exc


def run_http(runtime: SlackRuntime, server: Any) -> None:
    log.info("listening", extra={"port": getattr(server, "effective_port", None)})
    stop_on_sigterm()
    freeze_startup_heap()
    try:
        server.run()  # returns after SIGTERM or Ctrl-C, once the requests in hand are answered
    finally:
        runtime.stop()
    log.info("stopped")


def serve_http(runtime: SlackRuntime, host: str, port: int) -> None:
    run_http(runtime, open_http(runtime, host, port))


def socket_mode_handler(runtime: SlackRuntime, app_token: str) -> Any:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(runtime.app, app_token)


def serve_socket_mode(runtime: SlackRuntime, app_token: str) -> None:
    stop_on_sigterm()
    freeze_startup_heap()
    try:
        socket_mode_handler(runtime, app_token).start()
    finally:
        runtime.stop()
