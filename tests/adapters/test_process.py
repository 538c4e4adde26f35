"""A long-running process freezes its start-up heap before it serves (bot.adapters.process)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from bot.adapters.process import freeze_startup_heap


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the test process goes on collecting as before


def test_after_the_freeze_a_full_collection_no_longer_walks_the_start_up_objects(unfrozen: None) -> None:
    assert gc.get_freeze_count() == 0
    freeze_startup_heap()
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the test process's modules, at least
    assert len(gc.get_objects()) < frozen / 10  # what a collection still looks at


def test_the_slack_http_server_freezes_before_it_serves(unfrozen: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.adapters.slack import runner

    seen: list[int] = []

    class Server:
        def run(self) -> None:
            seen.append(gc.get_freeze_count())

    class Runtime:
        def stop(self) -> None:
            pass

    monkeypatch.setattr(runner, "stop_on_sigterm", lambda: None)
    runtime: Any = Runtime()
    runner.run_http(runtime, Server())
    assert seen and seen[0] > 0
