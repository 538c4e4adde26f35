"""The bot's own token for its calls to the Bot Connector: OAuth 2.0 client credentials, at a URL Lotsen
configures (LOTSEN_TEAMS_TOKEN_URL), cached until shortly before it expires.

Lotsen makes this call itself instead of letting the SDK build an MSAL client from CLIENT_SECRET: the
endpoint is then configurable for sovereign clouds and local fakes, and no ambient variable can
swap the credentials.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

BOT_SCOPE = "https://api.botframework.com/.default"
REFRESH_MARGIN_SECONDS = 300


class TokenError(RuntimeError):
    """Microsoft refused the credentials or could not be reached (message names what, no secrets)."""


@dataclass
class ClientCredentialsToken:
    token_url: str  # may contain {tenant}
    app_id: str
    password: str
    tenant_id: str
    timeout: float = 10.0
    _cache: dict[str, tuple[str, float]] = field(default_factory=dict, repr=False)
    _lock: asyncio.Lock | None = field(default=None, repr=False)

    def url(self) -> str:
        return self.token_url.replace("{tenant}", self.tenant_id)

    def _form(self, scope: str) -> dict[str, str]:
        return {"grant_type": "client_credentials", "client_id": self.app_id, "client_secret": self.password,
                "scope": scope}

    def _parse(self, response: httpx.Response) -> tuple[str, float]:
        try:
            body: dict[str, Any] = response.json()
        except ValueError:
            body = {}
        token = body.get("access_token")
        if response.status_code != 200 or not isinstance(token, str):
            raise TokenError(f"{response.status_code} {body.get('error', 'utan token')}")
        try:
            lifetime = float(body.get("expires_in", 3600))
        except (TypeError, ValueError):
            lifetime = 3600.0
        return token, time.monotonic() + max(0.0, lifetime - REFRESH_MARGIN_SECONDS)

    def fetch_sync(self, scope: str = BOT_SCOPE) -> str:
        """For start-up: prove the credentials work before serving."""
        try:
            response = httpx.post(self.url(), data=self._form(scope), timeout=self.timeout)
        except httpx.HTTPError as exc:
            raise TokenError(f"kunde inte nå {self.url()} ({exc.__class__.__name__})") from exc
        token, until = self._parse(response)
        self._cache[scope] = (token, until)
        return token

    async def __call__(self, scope: str | list[str], tenant_id: str | None = None) -> str:
        """The SDK's token provider: (scope, tenant) → bearer token."""
        key = scope if isinstance(scope, str) else " ".join(scope)
        cached = self._cache.get(key)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            cached = self._cache.get(key)
            if cached and cached[1] > time.monotonic():
                return cached[0]
            try:
                async with httpx.AsyncClient(timeout=self.timeout) as client:
                    response = await client.post(self.url(), data=self._form(key))
            except httpx.HTTPError as exc:
                raise TokenError(f"kunde inte nå {self.url()} ({exc.__class__.__name__})") from exc
            token, until = self._parse(response)
            self._cache[key] = (token, until)
            return token
