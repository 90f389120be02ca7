"""/healthz (liveness) and /readyz (readiness), in-process and through a real daphne holding open sockets."""

from __future__ import annotations

import asyncio
import json
import socket
import sys
import time
from collections.abc import Iterator
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
import websockets
from django.test import Client
from pytest_django import Settings

from fartgen.tests.servers import served

pytestmark = pytest.mark.django_db


def test_liveness_only_says_the_process_answers(client: Client, settings: Settings) -> None:
    # Even with every dependency gone, the process itself is alive and must not be restarted for it.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_reports_every_part_with_its_time(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "channel_layer"}
    for probe in body["checks"].values():
        assert probe["ok"] is True
        assert 0 <= probe["ms"] < 1000
    assert response["Cache-Control"].startswith("max-age=0")


def test_readiness_answers_503_naming_the_cache_when_its_redis_is_down(client: Client, settings: Settings) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["ok"] is False
    assert "Error" in checks["cache"]["error"]
    assert checks["database"]["ok"] is True


def test_a_probe_that_hangs_is_cut_at_the_timeout(client: Client, settings: Settings) -> None:
    # A port that accepts connections but never answers: Redis that hangs (a TCP listener with no server behind).
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.READINESS_TIMEOUT_S = 0.3
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{silent.getsockname()[1]}/0",
            }
        }
        started = time.monotonic()
        response = client.get("/readyz")
        elapsed_s = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["error"] == "no answer within 0.3 s"
    assert elapsed_s < 2


def test_the_probes_are_exempt_from_the_request_limit(client: Client, settings: Settings) -> None:
    settings.LIMIT_REQUESTS_PER_MINUTE_IP = 2
    assert all(client.get(path).status_code == 200 for path in ["/healthz", "/readyz"] * 5)


@pytest.fixture(scope="module")
def daphne_site(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    def daphne(port: int) -> list[str]:
        return [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "fartgen.asgi:application"]

    with served(daphne, tmp_path_factory.mktemp("daphne")) as url:
        yield url


def _get(url: str) -> tuple[int, dict[str, object], float]:
    started = time.monotonic()
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, json.load(response), time.monotonic() - started
    except HTTPError as error:
        return error.code, json.load(error), time.monotonic() - started


async def test_readiness_stays_200_and_quick_while_sockets_are_open(daphne_site: str) -> None:
    host = daphne_site.removeprefix("http://")
    sockets = [await websockets.connect(f"ws://{host}/ws/api/generate/", origin=daphne_site) for _ in range(20)]
    try:
        await asyncio.sleep(0.3)  # every consumer now waits on the channel layer
        for _ in range(3):
            status, body, elapsed_s = await asyncio.to_thread(_get, daphne_site + "/readyz")
            assert status == 200, body
            assert elapsed_s < 1
        status, body, _ = await asyncio.to_thread(_get, daphne_site + "/healthz")
        assert status == 200
    finally:
        for socket_ in sockets:
            await socket_.close()
