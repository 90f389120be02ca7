"""The WebSocket origin check: scheme, host and port must be the site's; loopback only when debugging."""

from __future__ import annotations

import pytest
from channels.testing import WebsocketCommunicator
from pytest_django import Settings

from fartgen.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)


async def _connects(origin: str, host: str = "fartgen.example", **extra: str) -> bool:
    headers = [(b"host", host.encode()), (b"origin", origin.encode())]
    headers += [(name.encode(), value.encode()) for name, value in extra.items()]
    communicator = WebsocketCommunicator(application, "/ws/api/generate/", headers=headers)
    connected, _ = await communicator.connect(timeout=5)
    await communicator.disconnect()
    return connected


@pytest.fixture
def site(settings: Settings) -> None:
    settings.SITE_HOSTS = ["fartgen.example"]
    settings.ALLOWED_HOSTS = ["fartgen.example", "127.0.0.1", "localhost"]
    settings.DEBUG = False


async def test_the_sites_own_origin_connects(site: None) -> None:
    assert await _connects("http://fartgen.example")


@pytest.mark.parametrize(
    "origin",
    [
        "https://fartgen.example",  # the site is on plain HTTP here: another scheme is another origin
        "http://fartgen.example:8080",  # another port
        "http://fartgen.example.evil.example",
        "http://evil.example",
        "null",
    ],
)
async def test_another_scheme_port_or_host_is_refused(site: None, origin: str) -> None:
    assert not await _connects(origin)


async def test_behind_tls_the_https_origin_connects_and_plain_http_does_not(site: None) -> None:
    assert await _connects("https://fartgen.example", **{"x-forwarded-proto": "https"})
    assert not await _connects("http://fartgen.example", **{"x-forwarded-proto": "https"})


async def test_a_port_in_the_host_must_be_in_the_origin(site: None) -> None:
    assert await _connects("http://fartgen.example:8000", host="fartgen.example:8000")
    assert not await _connects("http://fartgen.example", host="fartgen.example:8000")
    assert await _connects("http://fartgen.example", host="fartgen.example:80")


async def test_localhost_pages_connect_only_when_debugging(site: None, settings: Settings) -> None:
    assert not await _connects("http://localhost:8000", host="localhost:8000")
    assert not await _connects("http://127.0.0.1:8000", host="127.0.0.1:8000")
    settings.DEBUG = True
    assert await _connects("http://localhost:8000", host="localhost:8000")


async def test_a_trusted_origin_connects_from_anywhere(site: None, settings: Settings) -> None:
    settings.CSRF_TRUSTED_ORIGINS = ["https://app.fartgen.example"]
    assert await _connects("https://app.fartgen.example")
