"""The work a listener does after its ack, on a few threads of Lotsen's own.

A slash command, a button or an event is acked at once; what follows (resolving the user, asking the
core, building the modal, views.open) runs here, so the threads that ack are never busy with it. The
pool is bounded (WORKERS threads), and a job waits while requests are being acked (`acking`, around
each HTTP request) and until none has been for QUIET_SECONDS, at most MAX_DEFER_SECONDS: in a burst
of commands the acks go first and the modals follow, well inside Slack's 3-second trigger_id window.
Each thread keeps one HTTP connection to Slack's Web API open for views.open and views.push (no TCP
handshake, none of slack_sdk's per-call set-up). A failure here is logged with an incident id;
listeners tell the user through response_url when a modal could not be opened.
"""

from __future__ import annotations

import http.client
import logging
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from bot.adapters.slack.transport import SlackHttp, SlackHttpError
from bot.errors import incident_id

log = logging.getLogger(__name__)

# Enough threads that views.open round trips to Slack (100-300 ms each) keep up with a burst inside
# the 3-second trigger window, few enough that they do not crowd out the acks.
WORKERS = 8
# How long a job may wait for the acks in flight; the trigger_id is good for 3 s after Slack sent it.
MAX_DEFER_SECONDS = 0.5
# A burst is over when no request has been answered for this long (requests still queued in the
# server, not yet handed to the app, are not counted in flight; this covers them).
QUIET_SECONDS = 0.02
# Background work of the same process (the in-process outbox dispatcher) waits for a longer lull: its
# DMs can wait, and a DM slipped into a short lull inside a burst held the interpreter from the acks.
BACKGROUND_QUIET_SECONDS = 0.2
STALE = (http.client.RemoteDisconnected, http.client.BadStatusLine, ConnectionResetError, BrokenPipeError)


class ViewNotOpened(Exception):
    """Slack refused a views.open/views.push (e.g. expired_trigger_id), or did not answer."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


class AfterAck:
    def __init__(self, token: str, base_url: str, *, workers: int = WORKERS, timeout: float = 10.0) -> None:
        self._token, self._base_url, self._timeout = token, base_url, timeout
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lotsen-after-ack")
        self._local = threading.local()
        self._inline = False
        self._acks = threading.Condition()
        self._in_flight = 0
        self._last_answered = 0.0

    @contextmanager
    def acking(self) -> Iterator[None]:
        """Around a request that is being answered: jobs wait until none is (or MAX_DEFER_SECONDS)."""
        with self._acks:
            self._in_flight += 1
        try:
            yield
        finally:
            with self._acks:
                self._in_flight -= 1
                self._last_answered = time.monotonic()

    def submit(self, request: str, job: Callable[[], object], on_error: Callable[[str], object] | None = None) -> None:
        """Run `job` after the ack. An unexpected error is logged with an incident id, which
        `on_error` (e.g. an ephemeral answer) can pass on to the user."""
        if self._inline:
            self._run(request, job, on_error)
        else:
            self._pool.submit(self._deferred, time.monotonic() + MAX_DEFER_SECONDS, request, job, on_error)

    def _deferred(self, deadline: float, request: str, job: Callable[[], object],
                  on_error: Callable[[str], object] | None) -> None:
        self._wait(deadline)
        self._run(request, job, on_error)

    def wait_for_acks(self) -> None:
        """Let the requests being answered go first (at most MAX_DEFER_SECONDS); for background work
        in the same process, such as the in-process outbox dispatcher."""
        self._wait(time.monotonic() + MAX_DEFER_SECONDS, BACKGROUND_QUIET_SECONDS)

    def _wait(self, deadline: float, quiet: float = QUIET_SECONDS) -> None:
        with self._acks:
            while (left := deadline - (now := time.monotonic())) > 0:
                quiet_in = self._last_answered + quiet - now
                if not self._in_flight and quiet_in <= 0:
                    return
                self._acks.wait(min(left, max(quiet_in, quiet / 2)))

    def _run(self, request: str, job: Callable[[], object], on_error: Callable[[str], object] | None) -> None:
        try:
            job()
        except Exception:
            ref = incident_id()
            log.exception("work after the ack failed", extra={"request": request, "incident": ref})
            if on_error is not None:
                try:
                    on_error(ref)
                except Exception:
                    log.exception("telling the user failed", extra={"request": request, "incident": ref})

    def open_view(self, trigger_id: str, view: dict[str, Any], *, push: bool = False) -> None:
        """views.open (or views.push onto the modal the click came from) on this thread's connection."""
        method = "views.push" if push else "views.open"
        params = {"trigger_id": trigger_id, "view": view}
        http_ = self._http()
        try:
            try:
                http_.call(method, params, json_body=True)
            except STALE:
                # A kept-alive connection the server had closed: the request never arrived; once more, fresh.
                http_.call(method, params, json_body=True)
        except SlackHttpError as exc:
            log.warning("%s failed: %s", method, exc.error or exc.status)
            raise ViewNotOpened(exc.error or str(exc.status)) from exc
        except (OSError, http.client.HTTPException) as exc:
            log.warning("%s failed: %s", method, exc.__class__.__name__)
            raise ViewNotOpened(exc.__class__.__name__) from exc

    def _http(self) -> SlackHttp:
        http_: SlackHttp | None = getattr(self._local, "http", None)
        if http_ is None:
            http_ = self._local.http = SlackHttp(token=self._token, base_url=self._base_url, timeout=self._timeout)
        return http_

    def run_inline(self) -> None:
        """Run jobs in the caller's thread (profiling)."""
        self._inline = True

    def shutdown(self) -> None:
        """Finish the jobs in hand and queued (each is short), start no new one."""
        self._pool.shutdown(wait=True)
