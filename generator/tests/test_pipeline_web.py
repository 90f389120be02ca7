from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import User
from generator.consumers import MAX_FRAME_BYTES, read_frame
from generator.engine import FartSpec
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import BadMessage, EncodedAudio, GenerationRequest, RecentAudio, generate, run

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
API_FIELDS = st.sampled_from(["prompt", "parameters", "seed", "parent", "variation", "wetness", "HEADERS"])


def outcome(read: Callable[[Any], GenerationRequest], data: Any) -> GenerationRequest | str:
    """The request read, or the message of the BadMessage refusing it (any other exception fails the test)."""
    try:
        return read(data)
    except BadMessage as error:
        return str(error)


@given(st.dictionaries(API_FIELDS, JSON, max_size=5) | JSON)
def test_any_json_is_a_request_or_bad_message(data: Any) -> None:
    for read in (GenerationRequest.from_api, GenerationRequest.from_form):
        result = outcome(read, data)
        if isinstance(result, str):
            assert result
        else:
            assert result.prompt is not None or result.parameters or result.variation


@given(st.text(max_size=200))
def test_any_text_frame_is_json_or_bad_message(frame: str) -> None:
    with contextlib.suppress(BadMessage):
        assert read_frame(frame, None) == json.loads(frame)


@given(st.binary(max_size=50))
def test_any_binary_frame_is_a_bad_message(frame: bytes) -> None:
    with pytest.raises(BadMessage):
        read_frame(None, frame)


@pytest.mark.parametrize("frame", ["NaN", '{"seed": Infinity}', '{"prompt": "toot", "seed": -Infinity}'])
def test_python_only_json_constants_are_refused(frame: str) -> None:
    with pytest.raises(BadMessage):
        read_frame(frame, None)


def test_a_frame_is_measured_in_bytes_not_characters() -> None:
    assert read_frame(json.dumps({"prompt": "a" * 100}), None) == {"prompt": "a" * 100}
    with pytest.raises(BadMessage):
        read_frame(json.dumps({"prompt": "💨" * (MAX_FRAME_BYTES // 4)}), None)


def test_the_api_reads_every_field() -> None:
    parent = uuid.uuid4()
    request = GenerationRequest.from_api(
        {"prompt": "wetter", "parameters": {"duration_s": 99}, "seed": 5, "parent": str(parent)}
    )
    assert request == GenerationRequest(prompt="wetter", parameters={"duration_s": 99}, seed=5, parent_id=parent)


def test_a_blank_prompt_with_parameters_is_a_parameters_request() -> None:
    assert GenerationRequest.from_api({"prompt": "  ", "parameters": {"wetness": 1}}).prompt is None


def test_the_form_reads_strings_and_ignores_htmx_headers() -> None:
    parent = uuid.uuid4()
    request = GenerationRequest.from_form(
        {
            "HEADERS": {"HX-Request": "true"},
            "csrfmiddlewaretoken": "x",
            "parent": str(parent),
            "pitch_hz": "310",
            "bursts": "3",
            "room": "car",
            "wetness": "",
            "prompt": "",
            "seed": "12",
        }
    )
    assert request == GenerationRequest(
        parameters={"pitch_hz": 310.0, "bursts": 3, "room": "car"}, seed=12, parent_id=parent
    )


def test_the_variation_button_is_read_from_the_form() -> None:
    parent = uuid.uuid4()
    assert GenerationRequest.from_form({"variation": "1", "parent": str(parent)}) == GenerationRequest(
        parent_id=parent, variation=True
    )


@pytest.mark.parametrize(
    "form",
    [{}, {"pitch_hz": "loud"}, {"variation": "1"}, {"prompt": "toot", "parent": "nope"}],
)
def test_a_form_that_asks_for_nothing_valid_is_a_bad_message(form: dict[str, str]) -> None:
    with pytest.raises(BadMessage):
        GenerationRequest.from_form(form)


def test_an_empty_prompt_box_stays_a_prompt_so_the_person_hears_what_it_needs() -> None:
    assert GenerationRequest.from_form({"prompt": "   "}) == GenerationRequest(prompt="")


@pytest.mark.django_db
def test_generate_records_the_sound_and_its_timings(alice: User, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    update = generate(GenerationRequest(prompt="long wet rumbler"), Maker(user=alice, anon_id=None, ip="127.0.0.1"))
    assert update.status == "complete"
    sound = Sound.objects.get()
    assert update.sound == sound
    assert sound.owner == alice
    assert sound.prompt == "long wet rumbler"
    assert sound.source in {"local", "claude", "cache"}
    assert sound.spec_obj.seed == sound.seed
    assert sound.duration_s > 0.2
    assert len(sound.peaks) == 240
    assert all(low <= high for low, high in sound.peaks)
    assert set(sound.timings_ms) >= {"limits", "interpret", "render", "encode", "save_file"}
    assert set(update.timings_ms) >= {*sound.timings_ms, "save_row", "channel_layer"}
    assert all(value >= 0 for value in update.timings_ms.values())


@pytest.mark.django_db
def test_parameters_alone_make_a_sound_marked_as_such(alice: User, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    update = generate(GenerationRequest(parameters={"duration_s": 0.5}), Maker(user=alice, anon_id=None, ip="::1"))
    assert update.sound is not None
    assert update.sound.source == "parameters"
    assert update.sound.spec["duration_s"] == 0.5


@pytest.mark.django_db(transaction=True)
async def test_run_reports_progress_in_order_and_never_raises(alice: User, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    maker = Maker(user=alice, anon_id=None, ip="127.0.0.1")
    updates = [update async for update in run(GenerationRequest(prompt="toot"), maker)]
    assert [update.status for update in updates] == ["interpreting", "synthesizing", "encoding", "saving", "complete"]
    bad = [update async for update in run(GenerationRequest(prompt="x" * 600), maker)]
    assert [(update.status, update.code) for update in bad] == [("interpreting", None), ("error", "invalid_prompt")]


@pytest.mark.django_db(transaction=True)
async def test_synthesis_can_run_in_render_processes(alice: User, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.GENERATOR_RENDER_PROCESSES = 1
    # Both runs must render: none may recall the other's audio.
    settings.GENERATOR_RECENT_AUDIO_MB = 0
    maker = Maker(user=alice, anon_id=None, ip="127.0.0.1")
    updates = [update async for update in run(GenerationRequest(prompt="long wet rumbler"), maker)]
    assert updates[-1].status == "complete", updates[-1].error
    bad = [update async for update in run(GenerationRequest(prompt=" "), maker)]
    # A ValueError raised in the render process still comes back as the person's message.
    assert bad[-1].code == "invalid_prompt"
    assert bad[-1].error
    settings.GENERATOR_RENDER_PROCESSES = 0
    in_threads = [update async for update in run(GenerationRequest(prompt="long wet rumbler"), maker)]
    by_process, by_thread = updates[-1].sound, in_threads[-1].sound
    assert by_process is not None
    assert by_thread is not None
    assert by_thread.spec == by_process.spec
    assert (tmp_path / by_thread.wav.name).read_bytes() == (tmp_path / by_process.wav.name).read_bytes()


@pytest.mark.django_db
def test_the_same_spec_again_is_recalled_not_rendered(alice: User, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    maker = Maker(user=alice, anon_id=None, ip="127.0.0.1")
    first = generate(GenerationRequest(prompt="long wet rumbler"), maker)
    again = generate(GenerationRequest(prompt="long wet rumbler"), maker)
    assert first.sound is not None
    assert again.sound is not None
    assert {"render", "encode"} <= set(first.timings_ms)
    assert "render_cache" not in first.timings_ms
    assert "render_cache" in again.timings_ms
    assert not {"render", "encode"} & set(again.timings_ms)
    # Recalled audio still had its prompt read, and says how long that took.
    assert again.timings_ms["interpret"] > 0
    # Another sound with its own file and row, the same audio.
    assert again.sound.id != first.sound.id
    assert (tmp_path / again.sound.wav.name).read_bytes() == (tmp_path / first.sound.wav.name).read_bytes()
    assert (again.sound.peaks, again.sound.duration_s) == (first.sound.peaks, first.sound.duration_s)
    other_take = generate(GenerationRequest(prompt="long wet rumbler", seed=first.sound.seed + 1), maker)
    assert "render" in other_take.timings_ms


def test_recent_audio_drops_the_least_recently_used_beyond_its_memory(settings: Any) -> None:
    settings.GENERATOR_RECENT_AUDIO_MB = 1
    recent = RecentAudio()
    audio = EncodedAudio(wav=b"x" * 400_000, waveform=[], duration_s=1.0, sample_rate=44100)
    keys = [(FartSpec(seed=seed), 44100) for seed in range(4)]
    for key in keys[:2]:
        recent.put(key, audio)
    assert recent.get(keys[0]) is audio  # now the most recently used
    recent.put(keys[2], audio)  # 1.2 MB: keys[1] goes
    assert recent.get(keys[1]) is None
    assert recent.get(keys[0]) is audio
    assert recent.get(keys[2]) is audio
    assert recent.get(keys[3]) is None


def test_recent_audio_of_zero_megabytes_keeps_nothing(settings: Any) -> None:
    settings.GENERATOR_RECENT_AUDIO_MB = 0
    recent = RecentAudio()
    key = (FartSpec(), 44100)
    recent.put(key, EncodedAudio(wav=b"RIFF", waveform=[], duration_s=0.1, sample_rate=44100))
    assert recent.get(key) is None
