"""Helpers for consumer tests: sockets on the real ASGI application (origin and auth middleware included)."""

from __future__ import annotations

from typing import Any

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connections
from django.test import Client

from accounts.models import User
from fartgen.asgi import application
from generator.makers import ANON_SESSION_KEY

ORIGIN = "http://testserver"
DONE = {"complete", "error"}


async def open_socket(
    path: str = "/ws/api/generate/",
    *,
    origin: str | None = ORIGIN,
    session_key: str | None = None,
    token: str | None = None,
) -> tuple[WebsocketCommunicator, bool]:
    headers = [(b"host", b"testserver")]
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    if session_key is not None:
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={session_key}".encode()))
    if token is not None:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await communicator.connect(timeout=5)
    return communicator, connected


@sync_to_async
def session_of(user: User) -> str:
    """The session key of a fresh login of the user."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@sync_to_async
def anonymous_session(anon_id: str) -> str:
    session = SessionStore()
    session[ANON_SESSION_KEY] = anon_id
    session.save()
    return session.session_key


async def generate_json(communicator: WebsocketCommunicator, request: dict[str, Any]) -> list[dict[str, Any]]:
    """Send one request; every message up to and including `complete` or `error`."""
    await communicator.send_json_to(request)
    messages = []
    while not messages or messages[-1].get("status") not in DONE:
        messages.append(await communicator.receive_json_from(timeout=10))
    return messages


async def close_database_connections() -> None:
    """Close what the consumers' database thread keeps open, so the test database can be dropped at the end."""
    await database_sync_to_async(connections.close_all)()
