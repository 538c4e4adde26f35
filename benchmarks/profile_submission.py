"""CPU per Slack form submission (`avvikelse_new`), in-process and sequential, with a cProfile of the top costs.

Run: `.venv/bin/python -m benchmarks.profile_submission [--n 400] [--profile]`. Each submission is a
correctly signed `view_submission` handed to Lotsen's Bolt app (`create_app`, so the middlewares and
listener run as in production) without HTTP; beside it, the peer Bolt app of `benchmarks.peer_bolt`
(validate the fields, insert one row in a transaction) on the same kind of database. CPU is the
process's user+sys time per submission, so other load on the machine matters less than for wall time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from slack_bolt import App, BoltRequest
from slack_sdk.signature import SignatureVerifier

from benchmarks.peer_bolt import create_peer_app, create_peer_schema
from bot.devtools.fake_slack import FakeSlack
from bot.devtools.slack_client import select, state_entry

SECRET = "bench-secret"
USERS = ["U0DEMOME01", "U0DEMOHL01", "U0DEMOHL02", "U0DEMOTL01"]
FORM = {
    "event_date": "2026-11-20", "unit": select("MOTT"), "subject": select("organisatorisk"),
    "origin": select("intern"), "category": select("Dokumentation"),
    "what_happened": "Journalanteckning fördes in för sent.", "consequence": "Information saknades.",
    "immediate_action": "Anteckningen fördes in.", "case_reference": "SN 2026/0001",
}


class InlineExecutor(Executor):
    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def signed_submission(user: str, callback_id: str, view_id: str) -> BoltRequest:
    payload = {
        "type": "view_submission", "team": {"id": "T0LOTSEN"}, "user": {"id": user}, "api_app_id": "A0LOTSEN",
        "trigger_id": f"trigger.{view_id}",
        "view": {"id": view_id, "type": "modal", "callback_id": callback_id, "private_metadata": "{}",
                 "state": {"values": {k: {"value": state_entry(v)} for k, v in FORM.items()}}},
    }
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    ts = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body) or ""
    return BoltRequest(body=body, headers={"content-type": ["application/x-www-form-urlencoded"],
                                           "x-slack-request-timestamp": [ts], "x-slack-signature": [signature]})


def cpu_per_request(app: App, callback_id: str, n: int, prefix: str,
                    profile: cProfile.Profile | None = None) -> float:
    requests = [signed_submission(USERS[i % 4], callback_id, f"{prefix}{i}") for i in range(n)]
    started = time.process_time()
    if profile:
        profile.enable()
    for request in requests:
        response = app.dispatch(request)
        if response.status != 200 or '"errors"' in response.body:
            raise SystemExit(f"submission failed: {response.status} {response.body[:300]}")
    if profile:
        profile.disable()
    return (time.process_time() - started) / n * 1000


def lotsen_app(workdir: Path, api_url: str) -> tuple[App, Callable[[], int]]:
    from bot.adapters.slack.app import create_app
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

    def stored() -> int:
        return len(lotsen.avvikelser.export_rows(None, None))

    return create_app(lotsen, token="xoxb-bench", signing_secret=SECRET, base_url=api_url), stored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=400, help="submissions per app")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds per app (alternating)")
    parser.add_argument("--profile", action="store_true", help="print Lotsen's top costs (cProfile, cumulative)")
    parser.add_argument("--sort", default="cumulative", help="cProfile sort key (cumulative, tottime)")
    args = parser.parse_args()
    fake = FakeSlack().start()
    workdir = Path(tempfile.mkdtemp(prefix="lotsen-profile-"))
    try:
        lotsen, stored = lotsen_app(workdir, fake.url)
        peer_url = f"sqlite:///{workdir / 'peer.db'}"
        create_peer_schema(peer_url)
        peer = create_peer_app(peer_url, SECRET, fake.url)
        cpu_per_request(lotsen, "avvikelse_new", 20, "W")  # warm up: imports, caches, statement cache
        cpu_per_request(peer, "avvikelse_new", 20, "W")
        lotsen_ms: list[float] = []
        peer_ms: list[float] = []
        for r in range(args.rounds):
            lotsen_ms.append(cpu_per_request(lotsen, "avvikelse_new", args.n, f"L{r}_"))
            peer_ms.append(cpu_per_request(peer, "avvikelse_new", args.n, f"P{r}_"))
        print(f"CPU per view_submission (avvikelse_new), sequential, {args.n} × {args.rounds} rounds, "
              "best round / median round:")
        for name, values in (("peer Bolt (validate + insert one row)", peer_ms), ("Lotsen (stores report)", lotsen_ms)):
            ordered = sorted(values)
            print(f"  {name:<40} {ordered[0]:6.2f} ms   {ordered[len(ordered) // 2]:6.2f} ms")
        print(f"  ratio Lotsen/peer (best): {min(lotsen_ms) / min(peer_ms):.2f}×")
        print(f"  reports stored by Lotsen: {stored()} (expected {20 + args.n * args.rounds})")
        if args.profile:
            # Run listeners in this thread (Bolt runs them in a pool), so cProfile sees them.
            lotsen._listener_runner.listener_executor = InlineExecutor()  # type: ignore[assignment]
            profile = cProfile.Profile()
            cpu_per_request(lotsen, "avvikelse_new", args.n, "PR", profile)
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out)
            stats.sort_stats(args.sort).print_stats(45)
            print(out.getvalue())
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
