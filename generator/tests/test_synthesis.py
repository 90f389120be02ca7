"""synthesis.synthesize: prompt and/or parameters → interpretation → seed → samples."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from generator.engine import PRESETS, FartSpec
from generator.engine.sequence import FartSequence
from generator.engine.spec import SEED_MAX
from generator.interpret import Heard
from generator.interpret.local import interpret_locally
from generator.synthesis import prompt_seed, render_interpretation, synthesize, understand
from generator.tests.audio import stretches_s


def test_a_prompt_becomes_samples_with_its_interpretation_and_timings() -> None:
    result = synthesize("long wet rumbler in a bathtub", sample_rate=22050)

    spec = result.interpretation.spec
    assert result.interpretation.source == "local"
    assert result.interpretation.title == "Long wet rumbler in the bathtub"
    assert (spec.preset, spec.room) == ("rumbler", "bathtub")
    assert result.sample_rate == 22050
    assert result.samples.dtype == np.float32
    # The room's tail comes after the sound itself.
    assert len(result.samples) >= spec.duration_s * 22050
    assert np.abs(result.samples).max() > 0.1
    assert set(result.timings_ms) >= {"interpret", "render"}
    assert all(ms >= 0 for ms in result.timings_ms.values())


def test_the_same_prompt_makes_the_same_sound() -> None:
    first = synthesize("squeaky balloon")
    second = synthesize("  SQUEAKY   balloon ")

    assert first.interpretation.spec == second.interpretation.spec
    assert np.array_equal(first.samples, second.samples)


def test_different_prompts_get_different_seeds() -> None:
    assert synthesize("wet").interpretation.spec.seed != synthesize("dry").interpretation.spec.seed


def test_the_prompt_seed_is_the_same_in_another_process() -> None:
    code = (
        "import django; django.setup();"
        "from generator.synthesis import prompt_seed; from generator.engine import PRESETS;"
        "print(prompt_seed('Wet Rumbler', PRESETS['tuba'].spec))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "DJANGO_SETTINGS_MODULE": "fartgen.settings"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, timeout=60)

    assert int(out.stdout) == prompt_seed("wet   rumbler", PRESETS["tuba"].spec)


def test_again_keeps_the_spec_and_changes_the_seed() -> None:
    first = synthesize("long wet rumbler").interpretation.spec

    again = synthesize("again", first).interpretation.spec
    once_more = synthesize("again", again).interpretation.spec

    assert {**again.to_dict(), "seed": 0} == {**first.to_dict(), "seed": 0}
    assert len({first.seed, again.seed, once_more.seed}) == 3


@pytest.mark.parametrize("prompt", ["make it wetter", "longer", "in a church", "no echo", "now a tuba",
                                    "3 seconds", "wetter but not louder"])
def test_a_follow_up_keeps_the_previous_take(prompt: str) -> None:
    previous = synthesize("long rumbler in a bathtub").interpretation.spec

    refined = synthesize(prompt, previous).interpretation.spec

    assert refined.seed == previous.seed
    assert refined != previous


@pytest.mark.parametrize("prompt", ["again", "another one", "one more", "new take", "once more, but wetter",
                                    "give me another take", "take two"])
def test_asking_for_another_one_gets_a_new_take_every_time_the_same(prompt: str) -> None:
    previous = synthesize("long rumbler in a bathtub").interpretation.spec

    again = synthesize(prompt, previous).interpretation.spec

    assert again.seed != previous.seed
    assert again.seed == synthesize(prompt, previous).interpretation.spec.seed


def test_an_explicit_seed_wins_over_the_previous_take() -> None:
    previous = synthesize("long rumbler").interpretation.spec

    assert synthesize("wetter", previous, seed=11).interpretation.spec.seed == 11
    assert synthesize("again", previous, seed=12).interpretation.spec.seed == 12


def test_unrounded_parameters_come_back_at_slider_precision() -> None:
    previous = PRESETS["trumpet"].spec.with_changes(seed=5)
    parameters = {"duration_s": 1.0072048790632009, "pitch_hz": 93.1234, "pitch_end_hz": 120.05999,
                  "wetness": 0.123456, "loudness": 0.77777}

    spec = synthesize(None, previous, parameters=parameters).interpretation.spec

    assert (spec.duration_s, spec.pitch_hz, spec.pitch_end_hz) == (1.01, 93.1, 120.1)
    assert (spec.wetness, spec.loudness) == (0.123, 0.778)
    assert spec.seed == 5


def test_a_follow_up_starts_from_the_previous_spec() -> None:
    first = synthesize("long rumbler in a bathtub").interpretation.spec

    wetter = synthesize("make it wetter", first).interpretation.spec

    assert wetter.wetness > first.wetness
    assert (wetter.duration_s, wetter.room, wetter.preset) == (first.duration_s, first.room, first.preset)


def test_parameters_override_what_the_prompt_gave() -> None:
    result = synthesize("very wet squeaker", parameters={"wetness": 0.1, "room": "car"})

    spec = result.interpretation.spec
    assert (spec.wetness, spec.room) == (0.1, "car")
    assert spec.pitch_hz == interpret_locally("very wet squeaker").spec.pitch_hz
    assert result.interpretation.title == interpret_locally("very wet squeaker").title


def test_parameters_are_clamped() -> None:
    spec = synthesize("wet", parameters={"wetness": 5, "duration_s": 0.01}).interpretation.spec

    assert (spec.wetness, spec.duration_s) == (1.0, 0.2)


@pytest.mark.parametrize("parameters", [{"colour": "brown"}, {"wetness": "very"}, {"room": "moon"}])
def test_bad_parameters_are_refused(parameters: dict) -> None:
    with pytest.raises(ValueError, match=r"colour|wetness|room"):
        synthesize("wet", parameters=parameters)


def test_parameters_alone_change_the_previous_sound_and_keep_its_seed() -> None:
    previous = PRESETS["trumpet"].spec.with_changes(seed=4242)

    result = synthesize(None, previous, parameters={"loudness": 0.2})

    spec = result.interpretation.spec
    assert spec == previous.with_changes(loudness=0.2)
    assert result.interpretation.source == "local"
    assert result.interpretation.title == "Quiet trumpet"


def test_parameters_alone_start_from_the_defaults() -> None:
    spec = synthesize(None, parameters={"wetness": 0.9}).interpretation.spec

    assert spec.wetness == 0.9
    assert spec.duration_s == FartSpec().duration_s
    assert spec == synthesize(None, parameters={"wetness": 0.9}).interpretation.spec


def test_neither_prompt_nor_parameters_is_refused() -> None:
    with pytest.raises(ValueError, match="Describe"):
        synthesize(None)
    with pytest.raises(ValueError, match="Describe"):
        synthesize(None, PRESETS["tuba"].spec, parameters={})


@pytest.mark.parametrize("prompt", ["", "   ", "\x00\x01", "x" * 501])
def test_a_bad_prompt_is_refused_with_a_sentence(prompt: str) -> None:
    with pytest.raises(ValueError, match=r"^[A-Z].*\.$"):
        synthesize(prompt)


def test_an_explicit_seed_wins_over_parameters_and_prompt() -> None:
    spec = synthesize("wet", seed=7, parameters={"seed": 8}).interpretation.spec
    from_parameters = synthesize("wet", parameters={"seed": 8}).interpretation.spec

    assert spec.seed == 7
    assert from_parameters.seed == 8


@pytest.mark.parametrize("seed", [-1, 2**32, True])
def test_an_invalid_explicit_seed_is_refused(seed: int) -> None:
    with pytest.raises(ValueError, match="seed"):
        synthesize("wet", seed=seed)


@pytest.mark.parametrize("seed", [-1, 2**32, 10**30])
@pytest.mark.parametrize("prompt", ["wet", None])
def test_an_invalid_seed_in_the_parameters_is_refused_too(prompt: str | None, seed: int) -> None:
    with pytest.raises(ValueError, match="seed must be a whole number from 0 to 4294967295"):
        synthesize(prompt, parameters={"seed": seed})


def test_another_seed_makes_another_take_of_the_same_spec() -> None:
    one = synthesize("popcorn", seed=1)
    two = synthesize("popcorn", seed=2)

    assert one.interpretation.spec.with_changes(seed=0) == two.interpretation.spec.with_changes(seed=0)
    assert not np.array_equal(one.samples, two.samples)


TWO_PARTS = FartSequence(
    (FartSpec(duration_s=0.4, pitch_hz=200.0, seed=7), FartSpec(duration_s=1.5, pitch_hz=60.0, seed=8)), (0.3,)
)


def test_a_sequence_sent_as_is_renders_its_parts_in_order() -> None:
    interpretation = understand(None, sequence=TWO_PARTS)
    assert interpretation.sequence == TWO_PARTS
    assert interpretation.spec == TWO_PARTS.parts[0]
    assert interpretation.title == "High short fart, then deep long fart"
    synthesis = render_interpretation(interpretation, 22050)
    assert len(stretches_s(synthesis.samples, 22050)) == 2


def test_parameters_change_one_part_of_a_previous_sequence_and_keep_its_seeds() -> None:
    interpretation = understand(None, TWO_PARTS, parameters={"wetness": 0.9}, part=1)
    assert interpretation.sequence is not None
    assert interpretation.sequence.parts[1].wetness == 0.9
    assert interpretation.sequence.parts[0] == TWO_PARTS.parts[0]
    assert [part.seed for part in interpretation.sequence.parts] == [7, 8]


def test_parameters_without_a_part_change_the_whole_sequence() -> None:
    interpretation = understand(None, TWO_PARTS, parameters={"room": "bathtub"})
    assert interpretation.sequence is not None
    assert {part.room for part in interpretation.sequence.parts} == {"bathtub"}


def test_an_explicit_seed_counts_up_from_part_to_part() -> None:
    interpretation = understand(None, sequence=TWO_PARTS, seed=SEED_MAX)
    assert interpretation.sequence is not None
    assert [part.seed for part in interpretation.sequence.parts] == [SEED_MAX, 0]


def test_a_part_of_a_sound_that_has_none_is_refused() -> None:
    with pytest.raises(ValueError, match="all one part"):
        understand(None, FartSpec(), parameters={"wetness": 0.9}, part=0)


def test_a_part_the_sequence_does_not_have_is_refused() -> None:
    with pytest.raises(ValueError, match="part must be 0–1 for a sound of 2 parts"):
        understand(None, TWO_PARTS, parameters={"wetness": 0.9}, part=2)


def test_parts_come_back_at_slider_precision() -> None:
    interpretation = understand(None, TWO_PARTS, parameters={"wetness": 0.123456789}, part=0)
    assert interpretation.sequence is not None
    assert interpretation.sequence.parts[0].wetness == 0.123


def test_understand_keeps_what_the_reading_heard_and_ignored() -> None:
    result = understand("a wet fart in the hallway, hello")

    assert Heard("hallway", "room: hall (closest)") in result.understood
    assert result.ignored == ("hello",)


def test_a_sound_in_parts_starts_with_the_spec_and_gives_each_part_its_own_take() -> None:
    result = understand("two quick ones and a long one")

    assert result.sequence is not None
    assert result.sequence.parts[0] == result.spec
    seeds = [part.seed for part in result.sequence.parts]
    assert seeds == [result.spec.seed, result.spec.seed + 1, result.spec.seed + 2]


def test_a_follow_up_of_a_sound_in_parts_keeps_every_take() -> None:
    first = understand("two quick ones and a long one")
    assert first.sequence is not None

    result = understand("make the last one wetter", first.sequence)

    assert result.sequence is not None
    assert [part.seed for part in result.sequence.parts] == [part.seed for part in first.sequence.parts]
    assert result.sequence.parts[2].wetness > first.sequence.parts[2].wetness
