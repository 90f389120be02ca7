"""NUL and other control characters in a prompt: 400 invalid_prompt on every interface, never 500 / internal."""

from __future__ import annotations

import json
from unittest.mock import ANY

import pytest
from django.test import Client
from django.urls import reverse

from generator.models import Sound
from generator.synthesis import refuse_control_characters
from generator.tests.sockets import close_database_connections, generate_json, open_socket

PROMPTS = ["wet\x00 rumbler", "\x00", "toot\x1b[31m", "pfft\x7f"]
MESSAGE = "A description can't contain control characters (such as NUL). Type it again, please."


@pytest.mark.parametrize("prompt", ["long wet\nrumbler", "wet\ttoot\r\n", "💨 brrt"])
def test_spacing_and_emoji_are_fine(prompt: str) -> None:
    refuse_control_characters(prompt)


@pytest.mark.django_db
@pytest.mark.parametrize("prompt", PROMPTS)
def test_the_json_api_answers_400_invalid_prompt(client: Client, prompt: str) -> None:
    response = client.post("/api/generate", json.dumps({"prompt": prompt}), content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"status": "error", "code": "invalid_prompt", "error": MESSAGE}
    assert not Sound.objects.exists()


@pytest.mark.django_db
def test_the_form_without_javascript_answers_400_with_the_message(client: Client) -> None:
    response = client.post(reverse("generator:generate"), {"prompt": "wet\x00 rumbler"})
    assert response.status_code == 400
    assert "can&#x27;t contain control characters" in response.text


@pytest.mark.django_db(transaction=True)
async def test_the_socket_answers_invalid_prompt_and_stays_open() -> None:
    communicator, connected = await open_socket()
    assert connected
    try:
        refused = (await generate_json(communicator, {"prompt": "wet\x00 rumbler"}))[-1]
        # Every error carries the request id that its log line has.
        assert refused == {"status": "error", "code": "invalid_prompt", "error": MESSAGE, "request_id": ANY}
        assert (await generate_json(communicator, {"prompt": "wet rumbler"}))[-1]["status"] == "complete"
    finally:
        await communicator.disconnect()
        await close_database_connections()


@pytest.mark.django_db(transaction=True)
async def test_the_page_socket_shows_the_message() -> None:
    communicator, connected = await open_socket("/ws/generate/")
    assert connected
    try:
        await communicator.send_json_to({"prompt": "wet\x00 rumbler"})
        html = await communicator.receive_from(timeout=10)
        while "interpreting" in html.lower() and "control characters" not in html:
            html = await communicator.receive_from(timeout=10)
        assert "can&#x27;t contain control characters" in html
    finally:
        await communicator.disconnect()
        await close_database_connections()
