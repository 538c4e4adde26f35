"""What a sender may raise, platform-neutral, so the dispatcher can tell waiting from failing.

Adapters translate their SDK's errors into these; anything else counts as a failed attempt with backoff.
"""

from __future__ import annotations


class RetryAfter(Exception):
    """The platform asked us to slow down (HTTP 429 with Retry-After). Not a failed attempt."""

    def __init__(self, seconds: float, detail: str = "rate limited") -> None:
        super().__init__(f"{detail}; retry after {seconds:g} s")
        self.seconds = max(0.0, seconds)


class TemporaryFailure(Exception):
    """The platform failed for now (5xx, time-out): an attempt, retried with backoff.

    A time-out may hide a post that landed; the next attempt asks the sender whether it did."""


class Undeliverable(Exception):
    """The platform said no for good (unknown user, deactivated account): failed at once."""
