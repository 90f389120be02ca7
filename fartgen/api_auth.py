"""Who calls the JSON API, as for POST /api/generate: `Authorization: Bearer fg_…` (an API token of the account
page), or the session cookie of a signed-in browser, which must then carry the CSRF token on unsafe methods. A bad
token is a 401 even when a cookie would do: a program should learn that its token is wrong.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie

from accounts.models import ApiToken, User
from generator.makers import InvalidToken, Maker


class TokenAuth(HttpBearer):
    """An API token of the account page; an unknown, revoked or expired one is refused outright."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = ApiToken.objects.authenticate(token.strip())
        if user is None:
            raise InvalidToken("This API token is not valid.")
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser's session; CSRF is checked only when the session cookie is there to be borrowed."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        return request.user if key is not None and request.user.is_authenticated else None


def anonymous(request: HttpRequest) -> str:
    """The last resort of operations open to anyone (ninja wants a truthy answer from one of the methods)."""
    return "anonymous"


SIGNED_IN = [TokenAuth(), SessionAuth()]
ANYONE = [*SIGNED_IN, anonymous]


def maker_of(request: HttpRequest) -> Maker:
    """The Maker behind an authenticated API request (the token's or session's user, or nobody)."""
    auth = getattr(request, "auth", None)
    ip = request.META.get("REMOTE_ADDR") or "0.0.0.0"
    if isinstance(auth, User):
        return Maker(user=auth, anon_id=None, ip=ip)
    return Maker(user=None, anon_id=None, ip=ip)
