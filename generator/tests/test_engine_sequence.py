"""render_sequence: parts in order with pauses between them, measured on the audio."""

from __future__ import annotations

import numpy as np
import pytest

from generator.engine import FartSpec, integrated_loudness, render, tail_s
from generator.engine.sequence import FartSequence, render_recipe, render_sequence
from generator.tests.audio import peak_dbfs, stretches_s

TOOT = FartSpec(duration_s=0.35, pitch_hz=180.0, pitch_end_hz=170.0, tightness=0.7, seed=3)
RUMBLE = FartSpec(duration_s=2.2, pitch_hz=55.0, pitch_end_hz=45.0, roughness=0.6, seed=4)
THREE_TOOTS_THEN_A_RUMBLE = FartSequence(
    parts=(TOOT, TOOT.with_changes(seed=5), TOOT.with_changes(seed=6), RUMBLE), gaps_s=(0.25, 0.25, 0.5)
)


@pytest.mark.parametrize("sr", [22050, 44100, 48000])
def test_each_part_is_a_stretch_of_its_own_in_order(sr: int) -> None:
    x = render_sequence(THREE_TOOTS_THEN_A_RUMBLE, sr)
    stretches = stretches_s(x, sr)
    assert len(stretches) == 4
    for (start_s, end_s), (planned_start_s, planned_end_s) in zip(
        stretches, THREE_TOOTS_THEN_A_RUMBLE.spans_s(), strict=True
    ):
        assert start_s == pytest.approx(planned_start_s, abs=0.03)
        assert end_s == pytest.approx(planned_end_s, abs=0.12)


def test_the_last_part_is_the_longest_when_its_spec_says_so() -> None:
    lengths = [end - start for start, end in stretches_s(render_sequence(THREE_TOOTS_THEN_A_RUMBLE, 44100), 44100)]
    assert lengths[-1] == max(lengths)
    assert lengths[-1] > 4 * max(lengths[:-1])


def test_the_sound_lasts_as_long_as_its_parts_and_pauses() -> None:
    x = render_sequence(THREE_TOOTS_THEN_A_RUMBLE, 44100)
    assert len(x) / 44100 == pytest.approx(THREE_TOOTS_THEN_A_RUMBLE.total_s, abs=0.01)


def test_the_last_rooms_tail_ends_the_sound() -> None:
    sequence = FartSequence((TOOT, RUMBLE.with_changes(room="hall")), (0.3,))
    x = render_sequence(sequence, 44100)
    assert len(x) / 44100 == pytest.approx(sequence.total_s + tail_s("hall", 44100), abs=0.01)


def test_an_echo_rings_on_into_the_pause() -> None:
    dry = FartSequence((TOOT, TOOT), (1.0,))
    wet = FartSequence((TOOT.with_changes(room="hall"), TOOT), (1.0,))
    assert len(stretches_s(render_sequence(dry, 44100), 44100)) == 2
    # The hall's tail fills the pause that separated the two toots in open air.
    assert len(stretches_s(render_sequence(wet, 44100), 44100)) < 2


@pytest.mark.parametrize("loudness", [0.3, 0.7, 1.0])
def test_the_whole_is_as_loud_as_its_long_loudest_part_alone_under_the_peak_ceiling(loudness: float) -> None:
    loudest = RUMBLE.with_changes(loudness=loudness)
    x = render_sequence(FartSequence((TOOT.with_changes(loudness=0.2), loudest), (0.4,)), 44100)
    assert peak_dbfs(x) <= -1.0
    # Within 1 LU: the meter's blocks that straddle the pause and the quiet part pull the whole down a little.
    assert integrated_loudness(x, 44100) == pytest.approx(integrated_loudness(render(loudest, 44100), 44100), abs=1.0)


def test_a_quiet_part_stays_quieter_than_a_loud_one() -> None:
    quiet, loud = TOOT.with_changes(loudness=0.2), TOOT.with_changes(loudness=0.9, seed=8)
    x = render_sequence(FartSequence((quiet, loud), (0.4,)), 44100)
    first, second = (x[round(start_s * 44100) : round(end_s * 44100)] for start_s, end_s in stretches_s(x, 44100))
    in_sequence_lu = integrated_loudness(second, 44100) - integrated_loudness(first, 44100)
    alone_lu = integrated_loudness(render(loud, 44100), 44100) - integrated_loudness(render(quiet, 44100), 44100)
    assert alone_lu > 10
    assert in_sequence_lu == pytest.approx(alone_lu, abs=1.0)


def test_overlapping_tails_stay_under_the_peak_ceiling() -> None:
    loud = RUMBLE.with_changes(loudness=1.0, room="hall", duration_s=1.0)
    sequence = FartSequence((loud, loud.with_changes(seed=9), loud.with_changes(seed=10)), (0.05, 0.05))
    x = render_sequence(sequence, 44100)
    assert peak_dbfs(x) <= -1.0
    assert integrated_loudness(x, 44100) <= integrated_loudness(render(loud, 44100), 44100) + 1.0


def test_the_same_sequence_makes_the_same_samples() -> None:
    first = render_sequence(THREE_TOOTS_THEN_A_RUMBLE, 44100)
    assert (render_sequence(THREE_TOOTS_THEN_A_RUMBLE, 44100) == first).all()
    other_seeds = FartSequence(
        tuple(part.with_changes(seed=part.seed + 10) for part in THREE_TOOTS_THEN_A_RUMBLE.parts),
        THREE_TOOTS_THEN_A_RUMBLE.gaps_s,
    )
    assert not np.array_equal(render_sequence(other_seeds, 44100), first)


def test_a_part_sounds_as_it_does_alone() -> None:
    x = render_sequence(FartSequence((RUMBLE, TOOT), (0.5,)), 44100)
    alone = render(RUMBLE, 44100)
    # The same waveform, give or take the whole's gain and limiter.
    correlation = float(np.corrcoef(x[: len(alone)], alone)[0, 1])
    assert correlation > 0.99


def test_spans_follow_the_parts_and_pauses() -> None:
    spans = FartSequence((TOOT, RUMBLE), (0.5,)).spans_s()
    assert [value for span in spans for value in span] == pytest.approx([0.0, 0.35, 0.85, 3.05])


def test_the_overall_spec_stands_for_the_whole() -> None:
    overall = THREE_TOOTS_THEN_A_RUMBLE.overall()
    assert overall.duration_s == pytest.approx(THREE_TOOTS_THEN_A_RUMBLE.total_s)
    assert overall.pitch_hz == pytest.approx((3 * 180.0 + 55.0) / 4, abs=0.001)
    assert overall.room == RUMBLE.room
    assert overall.seed == TOOT.seed


def test_a_longer_whole_stretches_parts_and_pauses_alike() -> None:
    longer = THREE_TOOTS_THEN_A_RUMBLE.with_overall({"duration_s": THREE_TOOTS_THEN_A_RUMBLE.total_s * 2})
    assert [part.duration_s for part in longer.parts] == pytest.approx([0.7, 0.7, 0.7, 4.4])
    assert longer.gaps_s == pytest.approx((0.5, 0.5, 1.0))
    x = render_sequence(longer, 22050)
    assert len(stretches_s(x, 22050)) == 4


def test_a_higher_whole_keeps_the_tune_of_its_parts() -> None:
    overall = THREE_TOOTS_THEN_A_RUMBLE.overall()
    higher = THREE_TOOTS_THEN_A_RUMBLE.with_overall({"pitch_hz": overall.pitch_hz * 1.5})
    assert [part.pitch_hz for part in higher.parts] == pytest.approx([270.0, 270.0, 270.0, 82.5], rel=0.01)


def test_a_wetter_whole_wets_every_part_by_the_same_step() -> None:
    wetter = THREE_TOOTS_THEN_A_RUMBLE.with_overall({"wetness": THREE_TOOTS_THEN_A_RUMBLE.overall().wetness + 0.3})
    assert [part.wetness for part in wetter.parts] == pytest.approx([0.5] * 4)


def test_the_whole_unchanged_is_the_same_sequence() -> None:
    overall = THREE_TOOTS_THEN_A_RUMBLE.overall().to_dict()
    assert THREE_TOOTS_THEN_A_RUMBLE.with_overall(overall) == THREE_TOOTS_THEN_A_RUMBLE


def test_a_room_and_a_seed_go_to_every_part() -> None:
    changed = THREE_TOOTS_THEN_A_RUMBLE.with_overall({"room": "car", "seed": 40})
    assert {part.room for part in changed.parts} == {"car"}
    assert [part.seed for part in changed.parts] == [40, 41, 42, 43]


def test_one_part_changes_alone() -> None:
    changed = THREE_TOOTS_THEN_A_RUMBLE.with_part(3, {"wetness": 0.9})
    assert changed.parts[3].wetness == 0.9
    assert changed.parts[:3] == THREE_TOOTS_THEN_A_RUMBLE.parts[:3]
    assert changed.gaps_s == THREE_TOOTS_THEN_A_RUMBLE.gaps_s


def test_a_part_longer_than_the_whole_allows_is_cut_to_fit() -> None:
    changed = THREE_TOOTS_THEN_A_RUMBLE.with_part(3, {"duration_s": 12.0})
    assert changed.total_s == pytest.approx(12.0)


@pytest.mark.parametrize("index", [-1, 4, True, "1"])
def test_a_part_the_sound_does_not_have_is_refused(index: object) -> None:
    with pytest.raises(ValueError, match="part must be 0–3 for a sound of 4 parts"):
        THREE_TOOTS_THEN_A_RUMBLE.with_part(index, {"wetness": 0.9})  # type: ignore[arg-type]


def test_a_whole_stretched_past_twelve_seconds_is_fitted_into_them() -> None:
    sequence = FartSequence((RUMBLE.with_changes(duration_s=5.0), RUMBLE.with_changes(duration_s=5.0)), (1.0,))
    assert sequence.with_overall({"wetness": 0.9}).total_s == pytest.approx(11.0)
    assert sequence.with_overall({"duration_s": 12.0}).total_s <= 12.0


def test_render_recipe_takes_a_spec_or_a_sequence() -> None:
    assert np.array_equal(render_recipe(TOOT, 22050), render(TOOT, 22050))
    sequence = THREE_TOOTS_THEN_A_RUMBLE
    assert np.array_equal(render_recipe(sequence, 22050), render_sequence(sequence, 22050))


def test_parts_and_pauses_over_twelve_seconds_are_fitted_into_them() -> None:
    fitted = FartSequence.fitted([RUMBLE.with_changes(duration_s=7.0), RUMBLE.with_changes(duration_s=6.0)], [1.0])
    assert 11.9 <= fitted.total_s <= 12.0
    assert fitted.parts[0].duration_s / fitted.parts[1].duration_s == pytest.approx(7 / 6, rel=0.01)
