from __future__ import annotations

import base64
import html
import io
import json
import logging
import re
from collections.abc import AsyncIterator

import pytest
import soundfile
from channels.testing import WebsocketCommunicator
from pytest_django import Settings

from accounts.models import User
from generator.models import Sound
from generator.tests.hostile import HOSTILE_PROMPTS
from generator.tests.sockets import anonymous_session, open_socket, session_of
from generator.tests.sounds import use_storage

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media", "closed_connections")]

PATH = "/ws/generate/"
# What htmx's ws extension adds to the form's values.
HTMX_HEADERS = {"HX-Request": "true", "HX-Trigger": "prompt-form", "HX-Target": "prompt-form"}


@pytest.fixture
async def page() -> AsyncIterator[WebsocketCommunicator]:
    communicator, connected = await open_socket(PATH, session_key=await anonymous_session("visitor-1"))
    assert connected
    yield communicator
    await communicator.disconnect()


async def submit(communicator: WebsocketCommunicator, form: dict[str, object]) -> list[str]:
    """Send the form as htmx does; every fragment up to the result card or an error."""
    await communicator.send_to(text_data=json.dumps({**form, "HEADERS": HTMX_HEADERS}))
    fragments: list[str] = []
    while True:
        fragments.append(await communicator.receive_from(timeout=10))
        if 'data-status="error"' in fragments[-1]:
            return fragments
        if 'id="result"' in fragments[-1]:
            fragments.append(await communicator.receive_from(timeout=5))
            return fragments


async def test_right_after_complete_the_page_gets_the_opus_and_the_sound_its_compressed_files(
    page: WebsocketCommunicator,
) -> None:
    await submit(page, {"prompt": "long wet rumbler"})
    pushed = await page.receive_from(timeout=5)
    sound = await Sound.objects.aget()
    assert 'id="playback" hidden hx-swap-oob="true"' in pushed
    assert f'data-sound-id="{sound.id}"' in pushed
    opus = base64.b64decode(pushed.split('data-audio="')[1].split('"')[0])
    info = soundfile.info(io.BytesIO(opus))
    assert (info.format, info.subtype) == ("OGG", "OPUS")
    assert info.duration == pytest.approx(sound.duration_s, abs=0.02)
    # Stored too, with the MP3 for browsers without Opus, before the socket closes.
    await page.disconnect()
    await sound.arefresh_from_db()
    assert sound.opus.name.endswith(".opus")
    assert sound.mp3.name.endswith(".mp3")


async def test_the_form_gets_progress_then_the_result_card_and_a_recent_item(page: WebsocketCommunicator) -> None:
    fragments = await submit(page, {"prompt": "long wet rumbler in a bathtub"})
    progress, result, recent = fragments[:-2], fragments[-2], fragments[-1]
    assert all('id="progress"' in fragment and "hx-swap-oob" in fragment for fragment in progress)
    assert [fragment.split('data-status="')[1].split('"')[0] for fragment in progress] == [
        "interpreting",
        "synthesizing",
        "encoding",
        "saving",
        "complete",
    ]
    sound = await Sound.objects.aget()
    assert sound.anon_id == "visitor-1"
    assert 'hx-swap-oob="true"' in result
    assert f'data-sound-id="{sound.id}"' in result
    assert sound.title in result
    assert sound.audio_url() in result
    assert "afterbegin:#recent" in recent
    assert f'data-sound-id="{sound.id}"' in recent


async def test_a_follow_up_chip_makes_a_child_sound(page: WebsocketCommunicator) -> None:
    await submit(page, {"prompt": "short dry toot"})
    parent = await Sound.objects.aget()
    fragments = await submit(page, {"prompt": "wetter", "parent": str(parent.id)})
    child = await Sound.objects.exclude(id=parent.id).aget()
    assert child.parent_id == parent.id
    assert f'data-sound-id="{child.id}"' in fragments[-2]


async def test_sliders_and_the_variation_button_make_children_too(page: WebsocketCommunicator) -> None:
    await submit(page, {"prompt": "short dry toot"})
    parent = await Sound.objects.aget()
    await submit(page, {"parent": str(parent.id), "pitch_hz": "310", "wetness": "0.9", "room": "car"})
    slid = await Sound.objects.filter(parent=parent).aget()
    assert (slid.spec["pitch_hz"], slid.spec["wetness"], slid.spec["room"]) == (310.0, 0.9, "car")
    await submit(page, {"parent": str(parent.id), "variation": "1"})
    variation = await Sound.objects.filter(parent=parent, source="variation").aget()
    assert variation.spec["seed"] != parent.spec["seed"]


@pytest.mark.parametrize(
    "frame",
    [
        "x" * (16 * 1024 + 1),
        "{not json",
        "[1]",
        json.dumps({"HEADERS": HTMX_HEADERS}),
        json.dumps({"pitch_hz": "high"}),
        '{"prompt": "hi", "seed": ' + "1" * 5000 + "}",
    ],
)
async def test_a_bad_frame_shows_the_error_in_the_progress_area(page: WebsocketCommunicator, frame: str) -> None:
    await page.send_to(text_data=frame)
    fragment = await page.receive_from(timeout=5)
    assert 'id="progress"' in fragment
    assert 'data-status="error"' in fragment
    assert (await submit(page, {"prompt": "toot"}))[-2].count('id="result"') == 1


async def test_a_binary_frame_shows_the_error(page: WebsocketCommunicator) -> None:
    await page.send_to(bytes_data=b"\x00\x01")
    assert 'data-status="error"' in await page.receive_from(timeout=5)


async def test_someone_elses_parent_shows_not_found(alice: User, page: WebsocketCommunicator) -> None:
    alice_page, connected = await open_socket(PATH, session_key=await session_of(alice))
    assert connected
    try:
        await submit(alice_page, {"prompt": "toot"})
        alices = await Sound.objects.aget()
        fragments = await submit(page, {"prompt": "wetter", "parent": str(alices.id)})
        assert 'data-status="error"' in fragments[-1]
        assert await Sound.objects.acount() == 1
    finally:
        await alice_page.disconnect()


async def test_the_limit_shows_when_to_try_again(settings: Settings, page: WebsocketCommunicator) -> None:
    settings.LIMIT_GENERATIONS_PER_HOUR_ANON = 1
    await submit(page, {"prompt": "toot"})
    fragment = (await submit(page, {"prompt": "another toot"}))[-1]
    assert 'data-status="error"' in fragment
    assert "You can make more in about" in fragment
    assert "Signing in raises the limit to 50 an hour." in fragment


async def test_a_second_tab_gets_the_new_sound_in_its_recent_list_only(page: WebsocketCommunicator) -> None:
    second, connected = await open_socket(PATH, session_key=await anonymous_session("visitor-1"))
    assert connected
    try:
        await submit(page, {"prompt": "toot"})
        sound = await Sound.objects.aget()
        fragment = await second.receive_from(timeout=5)
        assert "afterbegin:#recent" in fragment
        assert f'data-sound-id="{sound.id}"' in fragment
        assert await second.receive_nothing(timeout=0.3)
        # The page that made it gets its audio pushed; the other tab does not.
        assert 'id="playback"' in await page.receive_from(timeout=5)
        assert await page.receive_nothing(timeout=0.1)
    finally:
        await second.disconnect()


async def test_a_foreign_origin_cannot_open_the_page_socket(alice: User) -> None:
    session_key = await session_of(alice)
    communicator, connected = await open_socket(PATH, origin="https://evil.example", session_key=session_key)
    assert not connected
    await communicator.disconnect()


async def test_the_same_request_twice_within_a_second_is_made_once(page: WebsocketCommunicator) -> None:
    await page.send_to(text_data=json.dumps({"prompt": "toot", "HEADERS": HTMX_HEADERS}))
    fragments = await submit(page, {"prompt": "toot"})
    assert 'id="result"' in fragments[-2]
    # The one sound's audio, pushed after it; then nothing more.
    assert 'id="playback"' in await page.receive_from(timeout=5)
    assert await page.receive_nothing(timeout=0.5)
    assert await Sound.objects.acount() == 1


async def test_a_prompt_with_three_takes_shows_them_side_by_side(page: WebsocketCommunicator) -> None:
    fragments = await submit(page, {"prompt": "brrt brrt", "takes": "3"})
    first = await Sound.objects.aget(take_number=1)
    assert 'id="takes"' in fragments[-2]
    assert f'data-take-id="{first.id}"' in fragments[-2]
    # The first take's audio is pushed right after it (id="playback"), before the next take is made.
    later = [await page.receive_from(timeout=5) for _ in range(6)]
    appended = [fragment for fragment in later if "beforeend:#takes-list" in fragment]
    assert len(appended) == 2
    kinds = ["take" if "beforeend:#takes-list" in fragment else "audio" if 'id="playback"' in fragment else "other"
             for fragment in later]
    assert kinds.index("audio") < kinds.index("take")
    assert await Sound.objects.acount() == 3


async def test_surprise_me_makes_a_random_plausible_prompt(page: WebsocketCommunicator) -> None:
    await submit(page, {"surprise": "1"})
    sound = await Sound.objects.aget()
    assert sound.prompt
    assert sound.title
async def test_a_sound_in_parts_shows_what_was_heard_and_a_timeline_of_its_parts(page: WebsocketCommunicator) -> None:
    result = (await submit(page, {"prompt": "three short toots then a long rumble, meow"}))[-2]
    sound = await Sound.objects.aget()
    assert sound.sequence is not None
    assert len(sound.sequence["parts"]) == 4
    chips = result.split('class="heard"')[1].split("</div>")[0]
    assert '<span class="heard-words" lang="" dir="auto">toots</span>' in chips
    assert "part 4: preset: rumbler" in chips
    assert "Didn't catch" in chips
    assert '<li class="heard-chip heard-chip-missed" lang="" dir="auto">meow</li>' in chips
    timeline = result.split("data-timeline")[1].split("</ol>")[0]
    assert [f'href="{sound.get_absolute_url()}?part={index}"' in timeline for index in range(4)] == [True] * 4
    assert timeline.count('class="timeline-part"') == 4
    data_parts = re.search(r'data-parts="([^"]*)"', result)
    assert data_parts is not None
    assert json.loads(html.unescape(data_parts.group(1))) == sound.sequence["parts"]


async def test_a_refinement_that_changes_nothing_says_so_beside_the_follow_up_box(page: WebsocketCommunicator) -> None:
    await submit(page, {"prompt": "short dry toot"})
    parent = await Sound.objects.aget()
    fragments = await submit(page, {"prompt": "qwzxv", "parent": str(parent.id)})
    assert "That wouldn&#x27;t change the sound, so no new one was made." in fragments[-1]
    beside = await page.receive_from(timeout=5)
    assert 'id="followup-status"' in beside
    assert 'hx-swap-oob="true"' in beside
    assert "I didn&#x27;t catch: qwzxv." in beside
    assert await Sound.objects.acount() == 1
    assert (await submit(page, {"prompt": "toot"}))[-2].count('id="result"') == 1


async def test_one_part_tweaked_on_the_page_changes_alone(page: WebsocketCommunicator) -> None:
    await submit(page, {"prompt": "two quick ones and a long one"})
    parent = await Sound.objects.aget()
    assert parent.sequence is not None
    await submit(page, {"parent": str(parent.id), "part": "2", "wetness": "0.95"})
    child = await Sound.objects.filter(parent=parent).aget()
    assert child.sequence is not None
    assert child.sequence["parts"][:2] == parent.sequence["parts"][:2]
    assert child.sequence["parts"][2]["wetness"] == 0.95


@pytest.mark.parametrize("prompt", HOSTILE_PROMPTS)
async def test_hostile_prompts_get_a_card_or_a_clear_message_and_the_socket_stays_open(
    page: WebsocketCommunicator, prompt: str
) -> None:
    fragments = await submit(page, {"prompt": prompt})
    if 'data-status="error"' in fragments[-1]:
        assert "<p>" in fragments[-1]
    else:
        assert 'class="heard"' in fragments[-2]
        assert "<script>" not in fragments[-2]
    assert (await submit(page, {"prompt": "toot"}))[-2].count('id="result"') == 1


async def test_an_internal_error_shows_a_reference_that_is_in_the_logs(
    page: WebsocketCommunicator, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    use_storage(settings, "generator.tests.sounds.FailingStorage", location=str(settings.MEDIA_ROOT))
    with caplog.at_level(logging.INFO):
        fragments = await submit(page, {"prompt": "long wet rumbler"})
    (request_id,) = re.findall(r'data-status="error" data-request-id="(\w+)"', fragments[-1])
    assert f"tell us this reference: <code>{request_id}</code>" in fragments[-1]
    (failure,) = [record for record in caplog.records if "could not be stored" in record.getMessage()]
    assert failure.request_id == request_id
    (line,) = [record for record in caplog.records if record.name == "fartgen.generation"]
    assert (line.request_id, line.outcome) == (request_id, "internal")
