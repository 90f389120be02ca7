"""The client's address behind trusted proxies: spoofed X-Forwarded-For entries change nothing."""

from __future__ import annotations

import ipaddress

import pytest
from channels.testing import HttpCommunicator, WebsocketCommunicator
from pytest_django import Settings

from fartgen.asgi import application
from fartgen.proxies import client_address
from generator.tests.sockets import close_database_connections, generate_json

PROXIES = [ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("fd00::/8")]


def test_by_default_the_header_is_ignored() -> None:
    assert client_address("198.51.100.9", ["1.2.3.4"], hops=0, networks=[]) == "198.51.100.9"


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ([], "10.0.0.2"),  # straight to the proxy's address: someone inside
        (["203.0.113.7"], "203.0.113.7"),
        # The client wrote "1.2.3.4" itself; our proxy appended the address it saw.
        (["1.2.3.4, 203.0.113.7"], "203.0.113.7"),
        (["1.2.3.4", "203.0.113.7"], "203.0.113.7"),  # the same, as two header lines
    ],
)
def test_one_hop_believes_only_what_the_proxy_appended(forwarded: list[str], client: str) -> None:
    assert client_address("10.0.0.2", forwarded, hops=1, networks=[]) == client


def test_two_hops_skip_the_inner_proxy() -> None:
    assert client_address("10.0.0.3", ["6.6.6.6, 203.0.113.7, 10.0.0.2"], hops=2, networks=[]) == "203.0.113.7"


def test_junk_where_the_proxy_writes_falls_back_to_the_peer() -> None:
    assert client_address("10.0.0.2", ["not-an-ip"], hops=1, networks=[]) == "10.0.0.2"


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("203.0.113.7", ["1.2.3.4"], "203.0.113.7"),  # not from a proxy: the header is the client's own words
        ("10.0.0.2", ["1.2.3.4, 203.0.113.7"], "203.0.113.7"),
        ("10.0.0.2", ["1.2.3.4, 203.0.113.7, 10.1.2.3"], "203.0.113.7"),  # through two of our proxies
        ("10.0.0.2", ["[2001:db8::5]:443"], "2001:db8::5"),
        ("fd00::2", ["203.0.113.7:5000"], "203.0.113.7"),
    ],
)
def test_proxy_networks_are_skipped_from_the_right(peer: str, forwarded: list[str], client: str) -> None:
    assert client_address(peer, forwarded, hops=0, networks=PROXIES) == client


async def _status(path: str, peer: str, forwarded_for: str) -> int:
    headers = [(b"host", b"testserver"), (b"x-forwarded-for", forwarded_for.encode())]
    communicator = HttpCommunicator(application, "GET", path, headers=headers)
    communicator.scope["client"] = (peer, 40000)
    response = await communicator.get_response(timeout=10)
    return response["status"]


@pytest.mark.django_db(transaction=True)
async def test_rotating_the_header_does_not_escape_the_request_limit(settings: Settings) -> None:
    settings.LIMIT_REQUESTS_PER_MINUTE_IP = 3
    statuses = [await _status("/no-such-page/", "203.0.113.7", f"198.51.100.{n}") for n in range(5)]
    assert statuses == [404, 404, 404, 429, 429]


@pytest.mark.django_db(transaction=True)
async def test_behind_an_appending_proxy_spoofed_entries_change_nothing(settings: Settings) -> None:
    settings.LIMIT_REQUESTS_PER_MINUTE_IP = 3
    settings.TRUSTED_PROXY_HOPS = 1
    statuses = [await _status("/no-such-page/", "10.0.0.2", f"198.51.100.{n}, 203.0.113.7") for n in range(5)]
    assert statuses == [404, 404, 404, 429, 429]
    # Another client behind the same proxy has its own count.
    assert await _status("/no-such-page/", "10.0.0.2", "203.0.113.8") == 404


async def _socket_generation(peer: str, forwarded_for: str) -> str:
    headers = [
        (b"host", b"testserver"),
        (b"origin", b"http://testserver"),
        (b"x-forwarded-for", forwarded_for.encode()),
    ]
    communicator = WebsocketCommunicator(application, "/ws/api/generate/", headers=headers)
    communicator.scope["client"] = (peer, 40000)
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    try:
        return (await generate_json(communicator, {"prompt": "short toot"}))[-1]["status"]
    finally:
        await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("media")
async def test_sockets_rotating_the_header_share_the_anonymous_limit(settings: Settings) -> None:
    settings.LIMIT_GENERATIONS_PER_HOUR_ANON = 2
    outcomes = [await _socket_generation("203.0.113.7", f"198.51.100.{n}") for n in range(3)]
    await close_database_connections()
    assert outcomes == ["complete", "complete", "error"]
