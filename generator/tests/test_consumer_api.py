from __future__ import annotations

import asyncio
import io
import json
from collections.abc import AsyncIterator

import numpy as np
import pytest
import soundfile
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client
from pytest_django import Settings

from accounts.models import ApiToken, User
from generator.models import Sound
from generator.tests.audio import stretches_s
from generator.tests.hostile import HOSTILE_PROMPTS
from generator.tests.sockets import (
    anonymous_session,
    generate_json,
    open_socket,
    session_of,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media", "closed_connections")]

STATUSES = ["interpreting", "synthesizing", "encoding", "saving", "complete"]


@pytest.fixture
async def alice_socket(alice: User) -> AsyncIterator[WebsocketCommunicator]:
    communicator, connected = await open_socket(session_key=await session_of(alice))
    assert connected
    yield communicator
    await communicator.disconnect()


@pytest.fixture
async def visitor_socket() -> AsyncIterator[WebsocketCommunicator]:
    communicator, connected = await open_socket(session_key=await anonymous_session("visitor-1"))
    assert connected
    yield communicator
    await communicator.disconnect()


async def test_a_prompt_goes_through_every_stage_to_a_complete_sound(
    alice: User, alice_socket: WebsocketCommunicator
) -> None:
    messages = await generate_json(alice_socket, {"prompt": "long wet rumbler in a bathtub"})
    assert [message["status"] for message in messages] == STATUSES
    progress = [message["progress"] for message in messages]
    assert progress == sorted(progress)
    assert progress[0] >= 0
    assert progress[-1] == 100
    complete = messages[-1]
    sound = await Sound.objects.aget(id=complete["sound_id"])
    assert sound.owner_id == alice.pk
    assert complete["title"] == sound.title
    assert complete["spec"] == sound.spec
    assert complete["spec"]["room"] == "bathtub"
    assert set(complete["formats"]) == {"wav", "mp3", "ogg", "opus"}
    response = await sync_to_async(Client().get)(complete["audio_url"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"RIFF"


async def test_the_socket_serves_one_request_after_another(visitor_socket: WebsocketCommunicator) -> None:
    first = await generate_json(visitor_socket, {"prompt": "short dry toot"})
    follow_up = await generate_json(visitor_socket, {"prompt": "make it wetter", "parent": first[-1]["sound_id"]})
    assert follow_up[-1]["status"] == "complete"
    child = await Sound.objects.aget(id=follow_up[-1]["sound_id"])
    assert str(child.parent_id) == first[-1]["sound_id"]
    assert child.anon_id == "visitor-1"
    assert follow_up[-1]["spec"]["wetness"] > first[-1]["spec"]["wetness"]


async def test_sliders_send_parameters_with_the_current_sound_as_parent(visitor_socket: WebsocketCommunicator) -> None:
    first = (await generate_json(visitor_socket, {"prompt": "short dry toot"}))[-1]
    moved = (
        await generate_json(visitor_socket, {"parameters": {"pitch_hz": 300}, "parent": first["sound_id"]})
    )[-1]
    assert moved["status"] == "complete"
    assert moved["spec"]["pitch_hz"] == 300
    assert moved["spec"]["duration_s"] == first["spec"]["duration_s"]


@pytest.mark.parametrize(
    "frame",
    [
        "x" * (16 * 1024 + 1),
        json.dumps({"prompt": "é" * 9000}),
        "{not json",
        "[]",
        "{}",
        json.dumps({"seed": 4}),
        json.dumps({"prompt": None}),
        json.dumps({"prompt": "toot", "parameters": {"wetness": "soaking"}}),
        # Python refuses to read integers of over 4300 digits: still a bad message, not a crashed socket.
        '{"prompt": "hi", "seed": ' + "1" * 5000 + "}",
        '{"prompt": "hi", "parameters": {"duration_s": ' + "9" * 5000 + "}}",
    ],
)
async def test_bad_frames_get_bad_message_and_the_socket_stays_open(
    visitor_socket: WebsocketCommunicator, frame: str
) -> None:
    await visitor_socket.send_to(text_data=frame)
    reply = await visitor_socket.receive_json_from(timeout=5)
    assert reply["status"] == "error"
    assert reply["code"] == "bad_message"
    assert reply["error"]
    assert (await generate_json(visitor_socket, {"prompt": "toot"}))[-1]["status"] == "complete"


async def test_a_binary_frame_gets_bad_message(visitor_socket: WebsocketCommunicator) -> None:
    await visitor_socket.send_to(bytes_data=b'{"prompt": "toot"}')
    reply = await visitor_socket.receive_json_from(timeout=5)
    assert reply["code"] == "bad_message"
    assert (await generate_json(visitor_socket, {"prompt": "toot"}))[-1]["status"] == "complete"


async def test_an_empty_prompt_gets_invalid_prompt(visitor_socket: WebsocketCommunicator) -> None:
    reply = (await generate_json(visitor_socket, {"prompt": "   "}))[-1]
    assert reply["code"] == "invalid_prompt"
    assert reply["error"]


async def test_someone_elses_parent_is_not_found(alice: User, bob: User, alice_socket: WebsocketCommunicator) -> None:
    bobs = await Sound.objects.acount()
    bob_socket, connected = await open_socket(session_key=await session_of(bob))
    assert connected
    try:
        parent = (await generate_json(bob_socket, {"prompt": "toot"}))[-1]["sound_id"]
        reply = (await generate_json(alice_socket, {"prompt": "wetter", "parent": parent}))[-1]
        assert reply == {
            "status": "error",
            "code": "not_found",
            "error": reply["error"],
            "request_id": reply["request_id"],
        }
        unknown = (
            await generate_json(alice_socket, {"prompt": "wetter", "parent": "00000000-0000-4000-8000-000000000000"})
        )[-1]
        # Existence does not leak: the same answer (but for the request's own id).
        assert {**unknown, "request_id": reply["request_id"]} == reply
        assert await Sound.objects.acount() == bobs + 1
    finally:
        await bob_socket.disconnect()


async def test_the_limit_reached_gets_rate_limited_with_a_retry_time(
    settings: Settings, visitor_socket: WebsocketCommunicator
) -> None:
    settings.LIMIT_GENERATIONS_PER_HOUR_ANON = 2
    for _ in range(2):
        assert (await generate_json(visitor_socket, {"prompt": "toot"}))[-1]["status"] == "complete"
    reply = (await generate_json(visitor_socket, {"prompt": "toot"}))[-1]
    assert reply["code"] == "rate_limited"
    assert 0 < reply["retry_after_s"] <= 3600
    assert await Sound.objects.acount() == 2


async def test_a_second_socket_of_the_same_maker_hears_of_the_new_sound(
    alice: User, alice_socket: WebsocketCommunicator
) -> None:
    second, connected = await open_socket(session_key=await session_of(alice))
    assert connected
    try:
        complete = (await generate_json(alice_socket, {"prompt": "toot"}))[-1]
        event = await second.receive_json_from(timeout=5)
        assert event == {"event": "sound.created", "sound_id": complete["sound_id"], "title": complete["title"]}
        # The socket that made it already has it in its `complete` message.
        assert await alice_socket.receive_nothing(timeout=0.3)
    finally:
        await second.disconnect()


async def test_other_makers_do_not_hear_of_it(
    bob: User, alice_socket: WebsocketCommunicator, visitor_socket: WebsocketCommunicator
) -> None:
    bob_socket, connected = await open_socket(session_key=await session_of(bob))
    assert connected
    try:
        await generate_json(alice_socket, {"prompt": "toot"})
        assert await bob_socket.receive_nothing(timeout=0.3)
        assert await visitor_socket.receive_nothing(timeout=0.1)
    finally:
        await bob_socket.disconnect()


async def test_a_foreign_origin_is_refused_at_the_handshake(alice: User) -> None:
    for session_key in (await session_of(alice), await anonymous_session("visitor-1"), None):
        communicator, connected = await open_socket(origin="https://evil.example", session_key=session_key)
        assert not connected
        await communicator.disconnect()


async def test_a_socket_without_origin_or_token_is_refused(alice: User) -> None:
    communicator, connected = await open_socket(origin=None, session_key=await session_of(alice))
    assert not connected
    await communicator.disconnect()


async def test_a_bearer_token_socket_needs_no_origin(alice: User) -> None:
    _, raw = await sync_to_async(ApiToken.issue)(alice, "script")
    communicator, connected = await open_socket(origin=None, token=raw)
    assert connected
    try:
        complete = (await generate_json(communicator, {"prompt": "toot"}))[-1]
        assert complete["status"] == "complete"
        assert (await Sound.objects.aget(id=complete["sound_id"])).owner_id == alice.pk
    finally:
        await communicator.disconnect()


async def test_a_wrong_bearer_token_is_refused_even_from_our_origin() -> None:
    communicator, connected = await open_socket(token="fg_not-a-token")
    assert not connected
    await communicator.disconnect()


async def test_a_socket_that_stays_quiet_for_a_while_still_works(visitor_socket: WebsocketCommunicator) -> None:
    # Longer than the channel layer's 5 s blocking read, which once outlived redis-py's read timeout.
    await asyncio.sleep(6)
    assert (await generate_json(visitor_socket, {"prompt": "toot"}))[-1]["status"] == "complete"


async def test_every_message_answering_a_request_carries_its_request_id(
    visitor_socket: WebsocketCommunicator,
) -> None:
    first = await generate_json(visitor_socket, {"prompt": "short squeaky toot"})
    second = await generate_json(visitor_socket, {"prompt": "long wet rumbler"})
    (first_id,) = {message["request_id"] for message in first}
    (second_id,) = {message["request_id"] for message in second}
    assert len(first_id) == 16
    assert first_id != second_id


async def test_errors_carry_the_request_id_too(visitor_socket: WebsocketCommunicator) -> None:
    await visitor_socket.send_to(text_data="{not json")
    bad = await visitor_socket.receive_json_from(timeout=5)
    assert bad["code"] == "bad_message"
    assert len(bad["request_id"]) == 16
    refused = (await generate_json(visitor_socket, {"prompt": "   "}))[-1]
    assert refused["code"] == "invalid_prompt"
    assert refused["request_id"] != bad["request_id"]


async def test_the_socket_sends_one_complete_per_take(visitor_socket: WebsocketCommunicator) -> None:
    await visitor_socket.send_json_to({"prompt": "long wet rumbler", "takes": 3})
    completes = []
    while len(completes) < 3:
        message = await visitor_socket.receive_json_from(timeout=10)
        assert message["status"] != "error", message
        if message["status"] == "complete":
            completes.append(message)
    assert [message["take"] for message in completes] == [1, 2, 3]
    assert len({message["sound_id"] for message in completes}) == 3
    assert await visitor_socket.receive_nothing(timeout=0.3)


SEQUENCE = {
    "parts": [{"duration_s": 0.35, "pitch_hz": 190, "seed": 1}, {"duration_s": 1.5, "pitch_hz": 55, "seed": 2}],
    "gaps_s": [0.4],
}


async def test_complete_carries_understood_ignored_and_the_parts(visitor_socket: WebsocketCommunicator) -> None:
    single = (await generate_json(visitor_socket, {"prompt": "long wet rumbler"}))[-1]
    assert isinstance(single["understood"], list)
    assert isinstance(single["ignored"], list)
    assert "parts" not in single
    sequence = (await generate_json(visitor_socket, {"sequence": SEQUENCE}))[-1]
    assert sequence["status"] == "complete"
    assert [part["pitch_hz"] for part in sequence["parts"]] == [190, 55]
    assert sequence["gaps_s"] == [0.4]
    changed = await generate_json(
        visitor_socket, {"parent": sequence["sound_id"], "part": 0, "parameters": {"roughness": 0.9}}
    )
    assert changed[-1]["parts"][0]["roughness"] == 0.9
    assert changed[-1]["parts"][1] == sequence["parts"][1]


async def test_a_refinement_that_changes_nothing_says_so_and_the_socket_stays_open(
    visitor_socket: WebsocketCommunicator,
) -> None:
    first = (await generate_json(visitor_socket, {"prompt": "short dry toot"}))[-1]
    reply = (await generate_json(visitor_socket, {"parent": first["sound_id"], "prompt": "qwzxv"}))[-1]
    assert (reply["status"], reply["code"]) == ("error", "no_change")
    assert reply["error"].startswith("That wouldn't change the sound")
    same = (await generate_json(visitor_socket, {"parent": first["sound_id"], "parameters": first["spec"]}))[-1]
    assert same["code"] == "no_change"
    assert await Sound.objects.acount() == 1
    assert (await generate_json(visitor_socket, {"prompt": "toot"}))[-1]["status"] == "complete"


@pytest.mark.parametrize("prompt", HOSTILE_PROMPTS)
async def test_hostile_prompts_get_a_sound_or_a_clear_message_and_the_socket_stays_open(
    visitor_socket: WebsocketCommunicator, prompt: str
) -> None:
    reply = (await generate_json(visitor_socket, {"prompt": prompt}))[-1]
    if reply["status"] == "complete":
        assert reply["title"]
        # Something is said back: the words it used, or those it could not.
        assert reply["understood"] or reply["ignored"]
        assert all(isinstance(word, str) for word in reply["ignored"])
    else:
        assert reply["code"] == "invalid_prompt"
        assert reply["error"].endswith(".")
    assert (await generate_json(visitor_socket, {"prompt": "toot"}))[-1]["status"] == "complete"


@sync_to_async
def audio_of(url: str) -> tuple[np.ndarray, int]:
    response = Client().get(url)
    assert response.status_code == 200
    samples, sr = soundfile.read(io.BytesIO(b"".join(response.streaming_content)), dtype="float32")
    return samples, sr


async def test_three_short_toots_then_a_long_rumble_are_four_stretches_the_last_the_longest(
    visitor_socket: WebsocketCommunicator,
) -> None:
    reply = (await generate_json(visitor_socket, {"prompt": "three short toots then a long rumble"}))[-1]
    assert reply["status"] == "complete"
    assert len(reply["parts"]) == 4
    assert {"words": "rumble", "effect": "part 4: preset: rumbler"} in reply["understood"]
    assert reply["ignored"] == []
    samples, sr = await audio_of(reply["audio_url"])
    lengths = [end - start for start, end in stretches_s(samples, sr)]
    assert len(lengths) == 4
    assert lengths[-1] > 2 * max(lengths[:-1])
    assert reply["duration_s"] == pytest.approx(
        sum(part["duration_s"] for part in reply["parts"]) + sum(reply["gaps_s"]), abs=0.01
    )


async def test_make_the_last_one_wetter_changes_only_the_last_part(visitor_socket: WebsocketCommunicator) -> None:
    first = (await generate_json(visitor_socket, {"prompt": "two quick ones and a long one"}))[-1]
    second = (await generate_json(visitor_socket, {"prompt": "make the last one wetter", "parent": first["sound_id"]}))
    changed = second[-1]
    assert changed["status"] == "complete"
    assert changed["parts"][:2] == first["parts"][:2]
    assert changed["parts"][2]["wetness"] > first["parts"][2]["wetness"]
    pause = (await generate_json(visitor_socket, {"prompt": "shorter pause", "parent": changed["sound_id"]}))[-1]
    assert pause["status"] == "complete"
    assert sum(pause["gaps_s"]) < sum(changed["gaps_s"])
    assert pause["parts"] == changed["parts"]
