"""The client's address behind trusted proxies, for HTTP and WebSocket alike (TRUSTED_PROXY_HOPS / _NETWORKS).

`X-Forwarded-For` is written by whoever sends the request, so only the entries that our own proxies appended can
be believed: the address of the client is the one right before them. By default no proxy is trusted and the header
is ignored: the peer of the TCP connection is the client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def client_address(peer: str, forwarded_for: Iterable[str], *, hops: int, networks: Sequence[Network]) -> str:
    """The client's address: `peer` itself, or an `X-Forwarded-For` entry appended by a trusted proxy.

    `hops`: the number of proxies in front of us, each appending the address it got the request from. `networks`:
    the proxies' networks; entries are read from the right, skipping the proxies', and the first other one wins.
    """
    if not hops and not networks:
        return peer
    chain = [entry.strip() for value in forwarded_for for entry in value.split(",") if entry.strip()]
    chain.append(peer)
    if networks:
        return _first_outside(chain, networks)
    # The Nth proxy from us appended the address of the client, which sits right before what the others appended.
    chosen = chain[max(0, len(chain) - 1 - hops)]
    return chosen if _parse(chosen) is not None else peer


def _first_outside(chain: list[str], networks: Sequence[Network]) -> str:
    for index in range(len(chain) - 1, -1, -1):
        address = _parse(chain[index])
        if address is None:
            # Junk where a proxy should have written an address: take the last one a trusted proxy vouched for.
            return chain[index + 1] if index + 1 < len(chain) else chain[-1]
        if not any(address in network for network in networks):
            return str(address)
    return chain[0]


def _parse(entry: str) -> Address | None:
    text = entry
    if text.startswith("["):  # [2001:db8::1]:443
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # 203.0.113.7:5000
        text = text.partition(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


class TrustedProxyMiddleware:
    """ASGI middleware setting `scope["client"]` to the client behind the configured proxies (HTTP and WebSocket)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        if scope["type"] in ("http", "websocket") and scope.get("client"):
            peer, port = scope["client"][0], scope["client"][1]
            client = self._client(scope)
            scope = {**scope, "client": (client, port if client == peer else 0)}
        return await self.inner(scope, receive, send)

    @staticmethod
    def _client(scope: dict[str, Any]) -> str:
        forwarded = [value.decode("latin1") for name, value in scope.get("headers", []) if name == b"x-forwarded-for"]
        return client_address(
            scope["client"][0],
            forwarded,
            hops=settings.TRUSTED_PROXY_HOPS,
            networks=settings.TRUSTED_PROXY_NETWORKS,
        )
