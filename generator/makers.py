"""Who is making a sound: a signed-in user or an anonymous visitor, seen the same way from HTTP and WebSocket.

The edge (views, consumers) turns a request or a scope into a `Maker`; the pipeline and the models only see that.
An anonymous visitor is known by a random `anon_id` kept in the session DATA, not by the session key: Django
cycles the key at login while the data survives, which lets `generator.signals` move the visitor's sounds to the
account they log in to.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accounts.models import ApiToken, User

ANON_SESSION_KEY = "anon_id"


class InvalidToken(PermissionDenied):
    """An `Authorization: Bearer` header carried a token that is unknown, revoked or belongs to an inactive user."""


@dataclass(frozen=True)
class Maker:
    """The author of a generation: `user` when signed in (or a token's owner), else the anonymous `anon_id`."""

    user: User | None
    anon_id: str | None
    ip: str

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def group(self) -> str:
        """The channel-layer group that every socket of this maker joins."""
        if self.user is not None:
            return f"maker.user.{self.user.pk}"
        return f"maker.anon.{self.anon_id}"

    @property
    def limit_key(self) -> str:
        """What the generation limit counts: the account, or the network an anonymous visitor comes from."""
        if self.user is not None:
            return f"user:{self.user.pk}"
        return f"ip:{limit_network(self.ip)}"

    @classmethod
    def from_request(cls, request: HttpRequest) -> Maker:
        """The maker behind an HTTP request: bearer token first, then the session's user, then its anon_id.

        Raises InvalidToken when a bearer token is presented but is not valid. An anonymous request whose session
        has no anon_id yet gets a one-off id, which owns nothing anyone can reach later (see ensure_anon_id).
        """
        ip = request.META.get("REMOTE_ADDR") or "0.0.0.0"
        raw = bearer_token(request.headers.get("Authorization", ""))
        if raw is not None:
            return cls(user=_token_user(raw), anon_id=None, ip=ip)
        if request.user.is_authenticated:
            return cls(user=request.user, anon_id=None, ip=ip)
        anon_id = request.session.get(ANON_SESSION_KEY) if hasattr(request, "session") else None
        return cls(user=None, anon_id=anon_id or new_anon_id(), ip=ip)

    @classmethod
    def from_scope(cls, scope: Mapping[str, Any]) -> Maker:
        """The maker behind a WebSocket scope (as fartgen.asgi leaves it). Reads the session: call it from sync code.

        An anonymous socket without a session anon_id (a program without cookies) gets an id for the life of the
        connection, so follow-ups on the same socket can still name their parent.
        """
        client = scope.get("client") or ("0.0.0.0", 0)
        user = scope.get("user")
        if user is not None and user.is_authenticated:
            return cls(user=user, anon_id=None, ip=client[0])
        session = scope.get("session")
        anon_id = session.get(ANON_SESSION_KEY) if session is not None else None
        return cls(user=None, anon_id=anon_id or new_anon_id(), ip=client[0])


def new_anon_id() -> str:
    # token_urlsafe only uses [A-Za-z0-9_-], all allowed in channel-layer group names.
    return secrets.token_urlsafe(16)


def ensure_anon_id(request: HttpRequest) -> str:
    """The session's anon_id, created (and the session saved with it) if it has none yet."""
    anon_id = request.session.get(ANON_SESSION_KEY)
    if not anon_id:
        anon_id = new_anon_id()
        request.session[ANON_SESSION_KEY] = anon_id
    return anon_id


def bearer_token(authorization: str) -> str | None:
    """The raw token of an `Authorization: Bearer <token>` header value, or None when there is no bearer token."""
    scheme, _, raw = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return raw.strip()


def _token_user(raw: str) -> User:
    user = ApiToken.objects.authenticate(raw)
    if user is None:
        raise InvalidToken("This API token is not valid.")
    return user


def limit_network(ip: str) -> str:
    """The address limits count by: the IPv4 address itself, the /64 network of an IPv6 address."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)
