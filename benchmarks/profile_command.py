"""CPU per Slack `/avvikelse` command, in-process and sequential, with a cProfile of the top costs.

Run: `.venv/bin/python -m benchmarks.profile_command [--n 400] [--profile]`. Each command is a
correctly signed, form-encoded request handed to the same WSGI application `lotsen run --http`
serves (the intake gate, Bolt's WSGI adapter, the middlewares, the listener and the work after the
ack: building the modal and calling views.open on the local fake Slack), without a socket in
front. Beside it, the peer of `benchmarks.peer_bolt`: its `/noop` command (the bare Bolt floor) and
its `/avvikelse` (ack, then views.open with a fixed modal). Work Bolt or Lotsen hands to other
threads is drained before the clock stops, so it is counted; `--profile` runs it in this thread, so
cProfile sees it. CPU is the process's user+sys time per command.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.signature import SignatureVerifier

from benchmarks.peer_bolt import create_peer_app, create_peer_schema
from bot.devtools.fake_slack import FakeSlack

SECRET = "bench-secret"
USERS = ["U0DEMOME01", "U0DEMOHL01", "U0DEMOHL02", "U0DEMOTL01"]

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class InlineExecutor(Executor):
    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def signed_environ(user: str, command: str, n: int, api_url: str) -> dict[str, Any]:
    body = urllib.parse.urlencode({
        "token": "legacy", "team_id": "T0LOTSEN", "team_domain": "lotsen-demo", "channel_id": "C0GENERAL",
        "channel_name": "general", "user_id": user, "user_name": user.lower(), "command": command, "text": "",
        "api_app_id": "A0LOTSEN", "response_url": f"{api_url}response/{n}", "trigger_id": f"trigger.{n}",
    }).encode()
    ts = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body.decode()) or ""
    return {"REQUEST_METHOD": "POST", "PATH_INFO": "/slack/events", "QUERY_STRING": "",
            "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body)),
            "HTTP_X_SLACK_REQUEST_TIMESTAMP": ts, "HTTP_X_SLACK_SIGNATURE": signature,
            "wsgi.input": io.BytesIO(body), "wsgi.url_scheme": "http", "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "3000", "SERVER_PROTOCOL": "HTTP/1.1"}


def cpu_per_command(app: Wsgi, command: str, n: int, api_url: str, drain: Callable[[], None],
                    profile: cProfile.Profile | None = None) -> float:
    environs = [signed_environ(USERS[i % 4], command, i, api_url) for i in range(n)]
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        statuses.append(status)

    started = time.process_time()
    if profile:
        profile.enable()
    for environ in environs:
        b"".join(app(environ, start_response))
    drain()
    if profile:
        profile.disable()
    spent = time.process_time() - started
    if any(not s.startswith("200") for s in statuses):
        raise SystemExit(f"a command failed: {[s for s in statuses if not s.startswith('200')][:3]}")
    return spent / n * 1000


def lotsen_wsgi(workdir: Path, api_url: str) -> tuple[Wsgi, App]:
    from bot.adapters.slack.app import create_app
    from bot.adapters.slack.runner import wsgi_app
    from bot.app import build
    from bot.config import Settings
    from bot.demo.seed import DEMO_ORG
    from bot.org.importer import import_org
    from storage.migrate import upgrade

    url = f"sqlite:///{workdir / 'lotsen.db'}"
    upgrade(url)
    lotsen = build(Settings(database_url=url), migrate=False)
    with lotsen.db.session() as session:
        assert import_org(session, DEMO_ORG).ok
    app = create_app(lotsen, token="xoxb-bench", signing_secret=SECRET, base_url=api_url)
    return wsgi_app(app, SECRET), app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=400, help="commands per app and round")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds per app (alternating)")
    parser.add_argument("--profile", action="store_true", help="print Lotsen's top costs (cProfile)")
    parser.add_argument("--sort", default="cumulative", help="cProfile sort key (cumulative, tottime)")
    parser.add_argument("--lines", type=int, default=45, help="cProfile lines to print")
    args = parser.parse_args()
    fake = FakeSlack().start()
    workdir = Path(tempfile.mkdtemp(prefix="lotsen-profile-"))
    try:
        lotsen, lotsen_app = lotsen_wsgi(workdir, fake.url)
        peer_url = f"sqlite:///{workdir / 'peer.db'}"
        create_peer_schema(peer_url)
        peer_app = create_peer_app(peer_url, SECRET, fake.url)
        peer = SlackRequestHandler(peer_app)
        # Bolt's listener pool (and Lotsen's own post-ack worker, if any) runs the listeners; wait for
        # them so their CPU is inside the measurement.
        apps: dict[str, tuple[Wsgi, str, Callable[[], None]]] = {
            "bare Bolt /noop": (peer, "/noop", lambda: settle(peer_app, fake, 0)),
            "peer /avvikelse (fixed modal)": (peer, "/avvikelse", lambda: settle(peer_app, fake, args.n)),
            "Lotsen /avvikelse": (lotsen, "/avvikelse", lambda: settle(lotsen_app, fake, args.n)),
        }
        for wsgi, command, _drain in apps.values():  # warm up: imports, caches
            fake.reset()
            cpu_per_command(wsgi, command, 20, fake.url, lambda: time.sleep(0.5))
        results: dict[str, list[float]] = {name: [] for name in apps}
        for _ in range(args.rounds):
            for name, (wsgi, command, drain) in apps.items():
                fake.reset()
                results[name].append(cpu_per_command(wsgi, command, args.n, fake.url, drain))
        print(f"CPU per command, sequential, {args.n} × {args.rounds} rounds (incl. work after the ack), "
              "best round / median round:")
        for name, values in results.items():
            ordered = sorted(values)
            print(f"  {name:<34} {ordered[0]:6.2f} ms   {ordered[len(ordered) // 2]:6.2f} ms")
        if args.profile:
            inline(lotsen_app)
            fake.reset()
            profile = cProfile.Profile()
            cpu_per_command(lotsen, "/avvikelse", args.n, fake.url, lambda: None, profile)
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.lines)
            print(out.getvalue())
    finally:
        fake.stop()


def inline(app: App) -> None:
    """Run Bolt's listeners, and Lotsen's post-ack work if it has a worker for it, in this thread."""
    from bot.adapters.slack.app import after_ack_of

    app._listener_runner.listener_executor = InlineExecutor()  # type: ignore[assignment]
    worker = after_ack_of(app)
    if worker is not None:
        worker.run_inline()


def settle(app: App, fake: FakeSlack, opened: int) -> None:
    """Wait until every modal has been asked for (or, for the no-op, until Bolt's pool is idle)."""
    if opened:
        fake.wait_for("views.open", opened, timeout=60)
    executor = app._listener_runner.listener_executor
    executor.submit(lambda: None).result()
    time.sleep(0.05)


if __name__ == "__main__":
    main()
