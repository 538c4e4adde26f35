"""Logging for `lotsen run` and `lotsen dispatch`: Lotsen's own lines, without the libraries' chatter.

APScheduler logs two lines for every outbox tick (every five seconds) and Bolt warns that `token` is
unused because Lotsen hands it a ready client. Both are hidden unless LOTSEN_LOG_LEVEL=DEBUG (or
`--verbose`), which shows everything. Waitress warns "Task queue depth is N" for every request that
waits for a thread, so a burst of fifty Slack requests wrote fifty lines, each formatted while
waitress held its task lock; one such line a minute is kept, the deepest queue since the last one.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable

CHATTY_LIBRARIES = ("apscheduler", "slack_bolt", "slack_sdk", "waitress")
KNOWN_NOISE = ("As you gave `client` as well, `token` will be unused",)
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
WAITRESS_QUEUE = "waitress.queue"
QUEUE_WARNING_SECONDS = 60.0


class _DropKnownNoise(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(noise in message for noise in KNOWN_NOISE)


class _OncePerInterval(logging.Filter):
    """Let one record through per `seconds`; it reports the largest first argument seen since the last."""

    def __init__(self, seconds: float = QUEUE_WARNING_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.seconds = seconds
        self.clock = clock
        self._next = 0.0
        self._deepest = 0

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        if args and isinstance(args[0], int):
            self._deepest = max(self._deepest, args[0])
        now = self.clock()
        if now < self._next:
            return False
        self._next = now + self.seconds
        if args:
            record.args = (self._deepest, *args[1:])
        self._deepest = 0
        return True


def setup_logging(level: str = "INFO", *, verbose: bool = False) -> None:
    effective = logging.DEBUG if verbose else logging.getLevelNamesMapping().get(level.upper(), logging.INFO)
    root = logging.getLogger()
    if not root.handlers:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(stream)
    root.setLevel(effective)
    detail = effective <= logging.DEBUG
    for name in CHATTY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET if detail else max(effective, logging.WARNING))
    queue = logging.getLogger(WAITRESS_QUEUE)
    for throttle in [f for f in queue.filters if isinstance(f, _OncePerInterval)]:
        queue.removeFilter(throttle)
    if not detail:
        queue.addFilter(_OncePerInterval())
    for handler in root.handlers:
        for old in [f for f in handler.filters if isinstance(f, _DropKnownNoise)]:
            handler.removeFilter(old)
        if not detail:
            handler.addFilter(_DropKnownNoise())
