"""Logging for `lotsen run` and `lotsen dispatch`: Lotsen's own lines, without the libraries' chatter.

APScheduler logs two lines for every outbox tick (every five seconds) and Bolt warns that `token` is
unused because Lotsen hands it a ready client. Both are hidden unless LOTSEN_LOG_LEVEL=DEBUG (or
`--verbose`), which shows everything.
"""

from __future__ import annotations

import logging
import sys

CHATTY_LIBRARIES = ("apscheduler", "slack_bolt", "slack_sdk", "waitress")
KNOWN_NOISE = ("As you gave `client` as well, `token` will be unused",)
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class _DropKnownNoise(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(noise in message for noise in KNOWN_NOISE)


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
    for handler in root.handlers:
        for old in [f for f in handler.filters if isinstance(f, _DropKnownNoise)]:
            handler.removeFilter(old)
        if not detail:
            handler.addFilter(_DropKnownNoise())
