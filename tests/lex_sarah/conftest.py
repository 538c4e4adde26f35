"""Every lex Sarah test runs at the same frozen moment (a Thursday in December, within working hours)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine


@pytest.fixture(autouse=True)
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel("2026-12-10 09:30 +01:00", tick=False) as traveller:
        yield traveller
