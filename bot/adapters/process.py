"""What a long-running Lotsen process does once it has started, before it serves."""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    """Move everything alive after start-up out of the garbage collector's sight.

    Start-up leaves some 140,000 objects the collector tracks (modules, SQLAlchemy's and pydantic's
    models, the Bolt app), and none of them becomes garbage. CPython's full collection, which runs by
    itself every few hundred requests, walked all of them: 78 ms with the interpreter held, every
    request thread stopped, which is what the slowest requests of a burst were waiting for. Frozen
    (`gc.freeze`, meant for this), a full collection looks only at what requests left behind."""
    gc.collect()
    gc.freeze()
