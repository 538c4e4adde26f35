"""The one place Lotsen imports Microsoft's Teams SDK, and builds its `App` with every option explicit.

Two traps of the SDK (microsoft-teams-apps 2.1) are closed here:

* Importing `microsoft_teams.apps` calls `load_dotenv(find_dotenv(usecwd=True))`: any `.env` in the
  working directory or above would be copied into `os.environ`. The import runs under a guard that
  restores the environment exactly as it was.
* Options left unset are filled from ambient variables (CLIENT_ID, CLIENT_SECRET, TENANT_ID,
  SERVICE_URL, CLOUD, OAUTH_URL, MANAGED_IDENTITY_CLIENT_ID, PORT and
  DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS, which alone switches JWT checking off). Every option is
  passed explicitly, the App is built with those variables hidden, and `assert_authentication_pinned`
  refuses to run an App whose JWT validation is not on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# Variables the SDK reads when an option is missing (see microsoft_teams/apps/app.py and options.py).
AMBIENT_VARIABLES = (
    "CLIENT_ID", "CLIENT_SECRET", "TENANT_ID", "MANAGED_IDENTITY_CLIENT_ID", "SERVICE_URL", "CLOUD",
    "OAUTH_URL", "PORT", "DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS",
)

# Microsoft's public-cloud Bot Connector; only a fallback, since every send names the stored service URL.
DEFAULT_SERVICE_URL = "https://smba.trafficmanager.net/teams"


@contextmanager
def _environment_restored() -> Iterator[None]:
    """Whatever runs inside may add or change variables; afterwards os.environ is exactly as before."""
    saved = dict(os.environ)
    try:
        yield
    finally:
        for key in set(os.environ) - set(saved):
            del os.environ[key]
        for key, value in saved.items():
            if os.environ.get(key) != value:
                os.environ[key] = value


@contextmanager
def ambient_variables_hidden() -> Iterator[None]:
    """Hide the SDK's fallback variables while an App is constructed (restored afterwards)."""
    with _environment_restored():
        for name in AMBIENT_VARIABLES:
            os.environ.pop(name, None)
        yield


with _environment_restored():  # the SDK's import-time load_dotenv must leave no trace
    from microsoft_teams.api.activities.message.message import MessageActivityInput
    from microsoft_teams.api.auth.cloud_environment import PUBLIC, CloudEnvironment, with_overrides
    from microsoft_teams.api.clients.api_client_settings import ApiClientSettings
    from microsoft_teams.api.models.attachment.attachment import Attachment
    from microsoft_teams.apps import ActivityContext, App, FastAPIAdapter

__all__ = [
    "AMBIENT_VARIABLES",
    "PUBLIC",
    "ActivityContext",
    "App",
    "Attachment",
    "AuthenticationNotPinned",
    "CloudEnvironment",
    "FastAPIAdapter",
    "MessageActivityInput",
    "assert_authentication_pinned",
    "build_app",
    "cloud_for",
]


class AuthenticationNotPinned(RuntimeError):
    """The SDK would accept unsigned requests; Lotsen refuses to serve."""


def cloud_for(openid_url: str, issuer: str | None = None) -> CloudEnvironment:
    """The public cloud with Lotsen's OpenID metadata URL (sovereign clouds, local fakes)."""
    return with_overrides(PUBLIC, openid_metadata_url=openid_url, token_issuer=issuer or PUBLIC.token_issuer)


def build_app(
    *, app_id: str, tenant_id: str, token: Any, cloud: CloudEnvironment, adapter: Any,
) -> App:
    """An App whose every option comes from Lotsen: credentials as a token provider (Lotsen's own
    client-credentials call, so no client secret goes to MSAL and no CLIENT_SECRET can replace it),
    authentication forced on, service URL, cloud and OAuth URL fixed."""
    with ambient_variables_hidden():
        app = App(
            client_id=app_id,
            tenant_id=tenant_id,
            token=token,
            dangerously_allow_unauthenticated_requests=False,
            service_url=DEFAULT_SERVICE_URL,
            cloud=cloud,
            api_client_settings=ApiClientSettings(oauth_url=cloud.token_service_url),
            http_server_adapter=adapter,
            messaging_endpoint="/api/messages",
            default_connection_name="graph",
            fetch_user_token=False,
            state=False,
            telemetry={"agent365": False},
        )
    credentials = app.credentials
    if credentials is None or credentials.client_id != app_id or credentials.tenant_id != tenant_id:
        raise AuthenticationNotPinned("Teams-appens identitet kom inte från Lotsens inställningar.")
    if app.options.dangerously_allow_unauthenticated_requests is not False:
        raise AuthenticationNotPinned("Teams SDK skulle ta emot osignerade anrop.")
    return app


def assert_authentication_pinned(app: App) -> None:
    """After `initialize()`: the messaging endpoint validates JWTs. Fails closed if the SDK changed."""
    server = app.server
    if getattr(server, "_dangerously_allow_unauthenticated_requests", True) is not False:
        raise AuthenticationNotPinned("Teams SDK skulle ta emot osignerade anrop.")
    if getattr(server, "_token_validator", None) is None:
        raise AuthenticationNotPinned("Teams SDK har ingen kontroll av inkommande tokens.")
