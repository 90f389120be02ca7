"""Which pages may open a cookie-authenticated WebSocket: the site's own origin, scheme, host and port alike.

Browsers send the page's origin with every WebSocket handshake and nothing else stops another site (or a plain-HTTP
copy of ours) from opening a socket with the visitor's cookie. Loopback names count only when debugging: in
production they are allowed for HTTP, so that a container's health check can reach /readyz, but no visitor's page
is served from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http.request import split_domain_port, validate_host

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
DEFAULT_PORTS = {"http": "80", "https": "443"}


def origin_allowed(scope: Mapping[str, Any]) -> bool:
    """Whether the handshake's Origin is the site as the browser reached it, or one of CSRF_TRUSTED_ORIGINS."""
    origin = _header(scope, b"origin")
    if not origin:
        return False
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    host = _header(scope, b"host")
    domain, _port = split_domain_port(host)
    hosts = [*settings.SITE_HOSTS, *(LOOPBACK_HOSTS if settings.DEBUG else ())]
    if not domain or not validate_host(domain, hosts):
        return False
    scheme = _scheme(scope)
    return origin == f"{scheme}://{_without_default_port(host, scheme)}"


def _header(scope: Mapping[str, Any], name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin1").strip()
    return ""


def _scheme(scope: Mapping[str, Any]) -> str:
    # The same rule Django applies to HTTP requests (SECURE_PROXY_SSL_HEADER): a TLS-terminating proxy says so.
    header, secure_value = settings.SECURE_PROXY_SSL_HEADER
    forwarded_proto = _header(scope, header.removeprefix("HTTP_").replace("_", "-").lower().encode())
    if scope.get("scheme") == "wss" or forwarded_proto.split(",")[0].strip() == secure_value:
        return "https"
    return "http"


def _without_default_port(host: str, scheme: str) -> str:
    # Browsers leave the default port out of Origin; some clients put it in Host.
    suffix = ":" + DEFAULT_PORTS[scheme]
    return host.removesuffix(suffix) if host.endswith(suffix) else host
