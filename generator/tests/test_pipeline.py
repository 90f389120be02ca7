"""The web pipeline: generate() and run() from a request to a stored sound."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile

from accounts.models import User
from generator.engine import FartSpec
from generator.engine.sequence import FartSequence
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import VARIATION_JITTER, generate, run
from generator.requests import GenerationRequest
from generator.tests.audio import stretches_s


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
    # The same seed both times: without one, each run makes a new take.
    updates = [update async for update in run(GenerationRequest(prompt="long wet rumbler", seed=5), maker)]
    assert updates[-1].status == "complete", updates[-1].error
    bad = [update async for update in run(GenerationRequest(prompt=" "), maker)]
    # A ValueError raised in the render process still comes back as the person's message.
    assert bad[-1].code == "invalid_prompt"
    assert bad[-1].error
    settings.GENERATOR_RENDER_PROCESSES = 0
    in_threads = [update async for update in run(GenerationRequest(prompt="long wet rumbler", seed=5), maker)]
    by_process, by_thread = updates[-1].sound, in_threads[-1].sound
    assert by_process is not None
    assert by_thread is not None
    assert by_thread.spec == by_process.spec
    assert (tmp_path / by_thread.wav.name).read_bytes() == (tmp_path / by_process.wav.name).read_bytes()


@pytest.mark.django_db
def test_the_same_spec_again_is_recalled_not_rendered(alice: User, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    maker = Maker(user=alice, anon_id=None, ip="127.0.0.1")
    # With a seed the same words are the same spec (without one they are a new take each time).
    first = generate(GenerationRequest(prompt="long wet rumbler", seed=11), maker)
    again = generate(GenerationRequest(prompt="long wet rumbler", seed=11), maker)
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


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_changing_ones_own_sound_spends_the_refinement_budget_not_the_generations(
    alice: User, bob: User, settings: Any
) -> None:
    settings.LIMIT_GENERATIONS_PER_HOUR_USER = 2
    settings.LIMIT_REFINEMENTS_PER_HOUR_USER = 3
    maker = Maker(user=alice, anon_id=None, ip="127.0.0.1")
    sound = generate(GenerationRequest(prompt="short dry toot"), maker).sound
    assert sound is not None
    # Three slider moves, chips and variations of her own sound: generations stay at one of two.
    for request in (
        GenerationRequest(parameters={"wetness": 0.5}, parent_id=sound.id),
        GenerationRequest(prompt="wetter", parent_id=sound.id),
        GenerationRequest(variation=True, parent_id=sound.id),
    ):
        assert generate(request, maker).status == "complete"
    refused = generate(GenerationRequest(parameters={"wetness": 0.9}, parent_id=sound.id), maker)
    assert refused.code == "rate_limited"
    assert "You can go on in about" in refused.error
    assert "Signing in" not in refused.error
    assert generate(GenerationRequest(prompt="a new toot"), maker).status == "complete"
    # Remixing someone else's public sound is a new sound of one's own: it counts as a generation.
    bobs = generate(GenerationRequest(prompt="tuba"), Maker(user=bob, anon_id=None, ip="127.0.0.2")).sound
    assert bobs is not None
    Sound.objects.filter(id=bobs.id).update(visibility=Sound.Visibility.PUBLIC)
    remix = generate(GenerationRequest(prompt="wetter", parent_id=bobs.id), maker)
    assert remix.code == "rate_limited"
    assert "You can make more in about" in remix.error


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_the_refusal_tells_an_anonymous_maker_that_signing_in_raises_the_limit(settings: Any) -> None:
    settings.LIMIT_GENERATIONS_PER_HOUR_ANON = 1
    visitor = Maker(user=None, anon_id="visitor", ip="127.0.0.1")
    generate(GenerationRequest(prompt="toot"), visitor)
    refused = generate(GenerationRequest(prompt="another toot"), visitor)
    assert refused.code == "rate_limited"
    assert refused.retry_after_s is not None
    assert refused.retry_after_s > 0
    assert refused.error == (
        f"You've made 1 new sounds this hour, the most there is. You can make more in about "
        f"{round(refused.retry_after_s / 60)} minutes. Signing in raises the limit to 50 an hour."
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_variations_are_numbered_and_visibly_different(alice: User) -> None:
    maker = Maker(user=alice, anon_id=None, ip="127.0.0.1")
    parent = generate(GenerationRequest(prompt="long wet rumbler"), maker).sound
    assert parent is not None
    variations = [generate(GenerationRequest(variation=True, parent_id=parent.id), maker).sound for _ in range(3)]
    assert [sound.title for sound in variations if sound] == [f"{parent.title}, variation {n}" for n in (1, 2, 3)]
    again = generate(GenerationRequest(variation=True, parent_id=variations[0].id), maker).sound
    assert again is not None
    assert again.title == f"{parent.title}, variation 4"
    # Another seed, and numbers moved by up to 15%: its waveform is another shape.
    for sound in variations:
        assert sound is not None
        assert sound.seed != parent.seed
        assert sound.peaks != parent.peaks
SEQUENCE = FartSequence(
    (FartSpec(duration_s=0.35, pitch_hz=190.0, seed=1), FartSpec(duration_s=0.35, pitch_hz=190.0, seed=2),
     FartSpec(duration_s=1.6, pitch_hz=55.0, seed=3)),
    (0.3, 0.5),
)


def alices(alice: User) -> Maker:
    return Maker(user=alice, anon_id=None, ip="127.0.0.1")


def samples_of(sound: Sound, media: Path) -> np.ndarray:
    samples, _ = soundfile.read(media / sound.wav.name, dtype="float32")
    return samples


@pytest.mark.django_db
def test_a_sequence_is_stored_with_its_parts_and_heard_as_parts(alice: User, media: Path) -> None:
    update = generate(GenerationRequest(sequence=SEQUENCE), alices(alice))
    assert update.sound is not None, update.error
    sound = Sound.objects.get(id=update.sound.id)
    assert sound.sequence_obj == SEQUENCE
    assert sound.spec_obj == SEQUENCE.parts[0]
    assert (sound.understood, sound.ignored) == ([], [])
    stretches = stretches_s(samples_of(sound, media), sound.sample_rate)
    assert len(stretches) == 3
    assert sound.duration_s == pytest.approx(SEQUENCE.total_s, abs=0.01)


@pytest.mark.django_db
def test_parameters_for_one_part_make_a_new_sound_with_only_that_part_changed(alice: User, media: Path) -> None:
    parent = generate(GenerationRequest(sequence=SEQUENCE), alices(alice)).sound
    assert parent is not None
    request = GenerationRequest(parameters={"duration_s": 3.0}, part=2, parent_id=parent.id)
    child = generate(request, alices(alice)).sound
    assert child is not None
    assert child.sequence_obj is not None
    assert child.sequence_obj.parts[:2] == SEQUENCE.parts[:2]
    assert child.sequence_obj.parts[2].duration_s == 3.0
    lengths = [end - start for start, end in stretches_s(samples_of(child, media), child.sample_rate)]
    assert lengths[-1] == pytest.approx(3.0, abs=0.15)


@pytest.mark.django_db
def test_a_part_the_parent_does_not_have_is_an_invalid_prompt(alice: User, media: Path) -> None:
    parent = generate(GenerationRequest(sequence=SEQUENCE), alices(alice)).sound
    assert parent is not None
    update = generate(GenerationRequest(parameters={"wetness": 1}, part=5, parent_id=parent.id), alices(alice))
    assert (update.status, update.code) == ("error", "invalid_prompt")
    assert update.error == "part must be 0–2 for a sound of 3 parts"


@pytest.mark.django_db
def test_a_variation_of_a_sequence_varies_every_part(alice: User, media: Path) -> None:
    parent = generate(GenerationRequest(sequence=SEQUENCE), alices(alice)).sound
    assert parent is not None
    child = generate(GenerationRequest(variation=True, parent_id=parent.id), alices(alice)).sound
    assert child is not None
    assert child.sequence_obj is not None
    assert child.title == f"{parent.title}, variation 1"
    assert child.sequence_obj.gaps_s == SEQUENCE.gaps_s
    for mine, theirs in zip(child.sequence_obj.parts, SEQUENCE.parts, strict=True):
        assert mine.seed != theirs.seed
        assert mine.pitch_hz == pytest.approx(theirs.pitch_hz, rel=VARIATION_JITTER + 0.01)
    assert len(stretches_s(samples_of(child, media), child.sample_rate)) == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    "request_of",
    [
        lambda parent: GenerationRequest(parameters=parent.spec, parent_id=parent.id),
        lambda parent: GenerationRequest(parameters={"wetness": parent.spec["wetness"]}, parent_id=parent.id),
        lambda parent: GenerationRequest(prompt="qwzxv", parent_id=parent.id),
    ],
)
def test_a_refinement_that_changes_nothing_makes_no_sound_and_says_so(
    alice: User, media: Path, request_of: Callable[[Sound], GenerationRequest]
) -> None:
    parent = generate(GenerationRequest(prompt="long wet rumbler"), alices(alice)).sound
    assert parent is not None
    update = generate(request_of(parent), alices(alice))
    assert (update.status, update.code) == ("error", "no_change")
    assert update.error is not None
    assert update.error.startswith("That wouldn't change the sound, so no new one was made.")
    assert Sound.objects.count() == 1


@pytest.mark.django_db
def test_a_sequence_refinement_that_changes_nothing_makes_no_sound(alice: User, media: Path) -> None:
    parent = generate(GenerationRequest(sequence=SEQUENCE), alices(alice)).sound
    assert parent is not None
    overall = SEQUENCE.overall().to_dict()
    update = generate(GenerationRequest(parameters=overall, parent_id=parent.id), alices(alice))
    assert update.code == "no_change"
    same_part = generate(GenerationRequest(parameters={"wetness": 0.2}, part=1, parent_id=parent.id), alices(alice))
    assert same_part.code == "no_change"
    assert Sound.objects.count() == 1


@pytest.mark.django_db
def test_asking_for_another_take_is_a_change(alice: User, media: Path) -> None:
    parent = generate(GenerationRequest(prompt="long wet rumbler"), alices(alice)).sound
    assert parent is not None
    update = generate(GenerationRequest(prompt="again", parent_id=parent.id), alices(alice))
    assert update.status == "complete"


@pytest.mark.django_db
def test_a_variation_of_a_sequence_as_long_as_allowed_stays_within_twelve_seconds(alice: User, media: Path) -> None:
    longest = FartSequence((FartSpec(duration_s=5.5, seed=1), FartSpec(duration_s=5.5, seed=2)), (1.0,))
    parent = generate(GenerationRequest(sequence=longest), alices(alice)).sound
    assert parent is not None
    for _ in range(5):
        child = generate(GenerationRequest(variation=True, parent_id=parent.id), alices(alice)).sound
        assert child is not None
        assert child.sequence_obj is not None
        assert child.sequence_obj.total_s <= 12.0
