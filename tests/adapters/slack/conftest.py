from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import make_lotsen
from tests.support.slack import SlackHarness


@pytest.fixture
def slack(sqlite_url: str) -> Iterator[SlackHarness]:
    harness = SlackHarness.start(make_lotsen(sqlite_url))
    yield harness
    harness.stop()
    harness.lotsen.db.dispose()
