"""The WebSocket frame limits of settings, through the real server (`make run`'s daphne runserver)."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator

import pytest
import websockets
from django.conf import settings

from fartgen.tests.servers import served

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def server(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    def runserver(port: int) -> list[str]:
        return [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]

    # The frame limit as settings have it by default (an empty variable means the default).
    with served(runserver, tmp_path_factory.mktemp("runserver"), WEBSOCKET_MAX_MESSAGE_BYTES="") as url:
        yield url.removeprefix("http://")


async def exchange(host: str, frames: list[str]) -> list[dict[str, object]]:
    """Send each frame on one socket and read its last answer (`complete` or `error`)."""
    answers = []
    async with websockets.connect(f"ws://{host}/ws/api/generate/", origin=f"http://{host}", max_size=None) as socket_:
        for frame in frames:
            await socket_.send(frame)
            while True:
                answer = json.loads(await asyncio.wait_for(socket_.recv(), timeout=10))
                if answer["status"] in ("complete", "error"):
                    break
            answers.append(answer)
    return answers


def test_the_servers_limit_is_a_little_above_the_request_limit() -> None:
    assert 16 * 1024 < settings.WEBSOCKET_MAX_MESSAGE_BYTES <= 32 * 1024


async def test_a_frame_a_little_over_16_kb_is_a_bad_message_and_the_socket_stays_open(server: str) -> None:
    big = json.dumps({"prompt": "wet " * 4200})
    assert 16 * 1024 < len(big) < settings.WEBSOCKET_MAX_MESSAGE_BYTES
    too_big, next_one = await exchange(server, [big, json.dumps({"prompt": "   "})])
    assert too_big["status"] == "error"
    assert too_big["code"] == "bad_message"
    assert "16 KB" in str(too_big["error"])
    assert next_one["code"] == "invalid_prompt"


async def test_a_two_megabyte_frame_closes_its_socket_only(server: str) -> None:
    # Daphne fails the connection as soon as the frame's header gives its size, instead of buffering the rest:
    # anonymous clients cannot make the server hold megabytes.
    with pytest.raises(websockets.ConnectionClosed):
        await exchange(server, [json.dumps({"prompt": "wet " * 500_000})])
    (answer,) = await exchange(server, [json.dumps({"prompt": ""})])
    assert answer["code"] == "invalid_prompt"


async def test_a_frame_just_over_the_servers_limit_closes_its_socket(server: str) -> None:
    with pytest.raises(websockets.ConnectionClosed):
        await exchange(server, ["x" * (settings.WEBSOCKET_MAX_MESSAGE_BYTES + 1)])
