"""render_sequence: parts in order with pauses between them, measured on the audio."""

from __future__ import annotations

import numpy as np
import pytest

from generator.engine import FartSpec, integrated_loudness, render, tail_s
from generator.engine.sequence import FartSequence, render_sequence
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
