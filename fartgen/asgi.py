"""ASGI entry point: HTTP through Django, WebSockets through Channels."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fartgen.settings")
# Django must be set up before anything imports models, so the HTTP app comes first.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.db import database_sync_to_async  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import WebsocketDenier  # noqa: E402

from accounts.models import ApiToken  # noqa: E402
from fartgen.origins import origin_allowed  # noqa: E402
from fartgen.proxies import TrustedProxyMiddleware  # noqa: E402
from fartgen.routing import websocket_urlpatterns  # noqa: E402
from generator.makers import bearer_token  # noqa: E402


class TokenOrOriginMiddleware:
    """Admit a socket that presents a valid API token, whatever its Origin, or one from an allowed Origin.

    A browser cannot put an Authorization header on a WebSocket, so a bearer socket is a program acting for the
    token's owner and needs no Origin. Any other socket rides on the session cookie (or on nothing, for anonymous
    makers, whose sounds still hang on the session): it must come from one of our hosts, or another site could open
    it with the visitor's cookie (cross-site WebSocket hijacking).
    """

    def __init__(self, inner: object) -> None:
        self.inner = inner

    async def __call__(self, scope: dict, receive: object, send: object) -> object:
        raw = _bearer(scope)
        if raw is None:
            if origin_allowed(scope):
                return await self.inner(scope, receive, send)
            return await WebsocketDenier()(scope, receive, send)
        user = await database_sync_to_async(ApiToken.objects.authenticate)(raw)
        if user is None:
            return await WebsocketDenier()(scope, receive, send)
        return await self.inner({**scope, "user": user}, receive, send)


def _bearer(scope: dict) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            return bearer_token(value.decode("latin1"))
    return None


application = TrustedProxyMiddleware(
    ProtocolTypeRouter(
        {
            "http": django_asgi_app,
            "websocket": AuthMiddlewareStack(TokenOrOriginMiddleware(URLRouter(websocket_urlpatterns))),
        }
    )
)
