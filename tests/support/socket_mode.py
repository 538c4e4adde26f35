"""A local Socket Mode server speaking Slack's envelope protocol over a real WebSocket (ws://).

Slack hands the app a WebSocket URL (apps.connections.open); over it, Slack sends envelopes
(`{"envelope_id", "type": "slash_commands" | "interactive" | "events_api", "payload"}`) and the app
acks each by sending back its envelope_id. This server sends what a test queues and records the acks.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve


class FakeSocketMode:
    def __init__(self) -> None:
        self.outgoing: queue.Queue[dict[str, Any]] = queue.Queue()
        self.acks: list[dict[str, Any]] = []
        self.connected = threading.Event()
        self._server = serve(self._handle, "127.0.0.1", 0)
        self.port = self._server.socket.getsockname()[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link"

    def _handle(self, ws: ServerConnection) -> None:
        ws.send(json.dumps({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"}}))
        self.connected.set()
        while True:
            try:
                envelope = self.outgoing.get_nowait()
                ws.send(json.dumps(envelope))
            except queue.Empty:
                pass
            try:
                message = ws.recv(timeout=0.05)
            except TimeoutError:
                continue
            except ConnectionClosed:
                return
            data = json.loads(message)
            if "envelope_id" in data:
                self.acks.append(data)

    def send(self, kind: str, payload: dict[str, Any], envelope_id: str) -> None:
        self.outgoing.put({"envelope_id": envelope_id, "type": kind, "payload": payload,
                           "accepts_response_payload": kind == "slash_commands"})

    def wait_for_ack(self, envelope_id: str, timeout: float = 10) -> dict[str, Any] | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for ack in self.acks:
                if ack["envelope_id"] == envelope_id:
                    return ack
            time.sleep(0.02)
        return None

    def stop(self) -> None:
        self._server.shutdown()
