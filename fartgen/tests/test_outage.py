"""Redis away: pages that need no cache render, generation answers 503 "busy" in the client's language (JSON for the
API, a page for people, a message and a close for sockets), and the API never answers with an HTML page."""

from __future__ import annotations

import asyncio
import json
import socket
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from channels.testing import WebsocketCommunicator
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django import Settings
from redis.exceptions import RedisError

from accounts.models import User
from fartgen.asgi import application
from fartgen.tests.servers import free_port, served
from fartgen.views import server_error
from generator.models import Sound
from generator.tests.sockets import close_database_connections
from generator.tests.test_browser import BROWSER_SITE


@pytest.fixture
def dead_redis_url() -> str:
    """A Redis URL where nothing listens (a port just released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def cache_down(settings: Settings, dead_redis_url: str) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "fartgen.cache.SharedRedisCache",
            "LOCATION": dead_redis_url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/", "/library/"])
def test_pages_that_need_no_cache_still_render(client: Client, cache_down: None, path: str) -> None:
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_the_api_answers_503_busy_in_json(client: Client, cache_down: None) -> None:
    response = client.post("/api/generate", {"prompt": "wet toot"}, content_type="application/json")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "5"
    assert response.json() == {
        "status": "error",
        "code": "busy",
        "error": "We're very busy right now. Please try again in a few seconds.",
        "retry_after_s": 5,
    }
    assert not Sound.objects.exists()


@pytest.mark.django_db
def test_the_form_without_javascript_answers_503_with_the_message(cache_down: None) -> None:
    # As a server would: whichever step first needs Redis, the answer is the busy page.
    client = Client(raise_request_exception=False)
    response = client.post(reverse("generator:generate"), {"prompt": "wet toot"})
    assert response.status_code == 503
    assert "very busy right now" in response.text


@pytest.mark.django_db
def test_a_login_waits_for_its_limits_with_a_503_page(alice: User, cache_down: None) -> None:
    # As a server would: the exception goes to handler500 instead of the test.
    client = Client(raise_request_exception=False)
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "whatever"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "very busy right now" in response.text


def test_an_api_failure_is_json_500(rf: RequestFactory) -> None:
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(rf.get("/api/generate"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["code"] == "internal"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/ws/api/generate/", "/ws/generate/"])
async def test_a_socket_hears_busy_and_is_closed_for_a_reconnection(
    settings: Settings, dead_redis_url: str, path: str
) -> None:
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "fartgen.channel_layer.SenderSkippingRedisChannelLayer",
            "CONFIG": {"hosts": [{"address": dead_redis_url, "socket_connect_timeout": 0.5}]},
        }
    }
    communicator = WebsocketCommunicator(
        application, path, headers=[(b"host", b"testserver"), (b"origin", b"http://testserver")]
    )
    try:
        await communicator.send_input({"type": "websocket.connect"})
        # The application ends with the error, and daphne closes the socket with 1011, the code after which the
        # page reconnects (test_browser.py: the socket comes back by itself). Before that, what it sent:
        await asyncio.wait_for(asyncio.wait([communicator.future]), 10)
        with pytest.raises((RedisError, OSError)):
            communicator.future.result()
        sent = [communicator.output_queue.get_nowait() for _ in range(communicator.output_queue.qsize())]
        # Accepted, so the client reads why, instead of a failed handshake (HTTP 500).
        assert sent[0]["type"] == "websocket.accept"
        assert "very busy right now" in sent[1]["text"]
    finally:
        await close_database_connections()


@pytest.mark.parametrize(("method", "path"), [("GET", "/library/"), ("POST", "/api/generate")])
def test_a_dead_database_answers_503_within_seconds(tmp_path: Path, method: str, path: str) -> None:
    # Nothing listens where the database should be; the site's own pool settings decide how long a request waits.
    dead = f"postgres://postgres@127.0.0.1:{free_port()}/fartgen"

    def daphne(port: int) -> list[str]:
        return [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), BROWSER_SITE]

    with served(daphne, tmp_path, DATABASE_URL=dead) as url:
        body = json.dumps({"prompt": "wet toot"}).encode() if method == "POST" else None
        request = urllib.request.Request(
            url + path, data=body, method=method, headers={"Content-Type": "application/json"}
        )
        started = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(request, timeout=30)
        waited_s = time.monotonic() - started
    assert answer.value.code == 503
    assert answer.value.headers["Retry-After"] == "5"
    if path.startswith("/api/"):
        assert json.load(answer.value)["code"] == "busy"
    assert waited_s < 4, f"the 503 took {waited_s:.1f} s"
