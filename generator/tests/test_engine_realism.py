"""Engine v2 measured like a recording (issue 11): fixed renders hold the properties real farts show.

The ranges are those of the issue's 15 checks (generator/tests/audio.py: CHECKS); bench/realism.py measures the
whole batch. These pin a few sounds so that a later change cannot quietly undo what makes them sound real.
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np
import pytest

from generator.engine import PRESETS, FartSpec, render
from generator.tests.audio import (
    CHECKS,
    band_levels_db,
    checks_passed,
    for_realism,
    median_centroid_hz,
    median_flatness,
    modulation_rate_hz,
    onset_times_s,
    praat_measures,
    pulse_width_ms,
    realism_measures,
    similarity,
    spectral_tilt_db_per_octave,
    transient_sharpness,
)

SR = 44100
RANGE = {check.name: (check.low, check.high) for check in CHECKS}
OCTAVES_HZ = 125.0 * 2.0 ** np.arange(7)  # 125 Hz … 8 kHz


@functools.cache
def classic(seed: int = 0) -> np.ndarray:
    return for_realism(render(PRESETS["classic"].spec.with_changes(seed=seed), SR), SR)


def within(name: str, value: float) -> bool:
    low, high = RANGE[name]
    return math.isfinite(value) and low <= value <= high


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_classic_falls_like_a_recording_across_the_spectrum(seed: int) -> None:
    # v1 fell at about −9 dB/oct under a blanket low-pass; recordings lie between −7.5 and −2.5.
    assert within("tilt", spectral_tilt_db_per_octave(classic(seed), 22050))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_classic_flaps_are_sharp_spikes(seed: int) -> None:
    # Each flap snaps shut: a spike well under half a millisecond wide (v1's rounded lobes were 0.6–3.4 ms).
    assert pulse_width_ms(classic(seed), 22050) <= 0.5


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_classic_is_periodic_only_part_of_the_time(seed: int) -> None:
    # Recordings slip between buzz, irregular flapping and air (voiced 0.14–0.87); v1 buzzed 96–100 % of the time.
    measures = praat_measures(classic(seed), 22050)
    assert within("voiced", measures["voiced"])
    assert within("f0", measures["f0"])


def test_classic_passes_the_checks_real_recordings_pass() -> None:
    for seed in range(3):
        measures = realism_measures(render(PRESETS["classic"].spec.with_changes(seed=seed), SR), SR)
        assert len(checks_passed(measures)) >= 12, measures


@pytest.mark.parametrize("name", ["rumbler", "tuba", "long_goodbye"])
def test_deep_presets_are_voiced_above_sixty_hertz_without_sub_bass(name: str) -> None:
    x = for_realism(render(PRESETS[name].spec, SR), SR)
    assert praat_measures(x, 22050)["f0"] >= 60.0
    assert band_levels_db(x, 22050, np.array([125.0]), 1.0)[0] <= -8.0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_tuba_is_deep_but_not_dull(seed: int) -> None:
    # A clean, low valve buzzes nearly all the time; without the rasp of its closures its frames centred at
    # 410–570 Hz, under every recording's 600 Hz.
    x = for_realism(render(PRESETS["tuba"].spec.with_changes(seed=seed), SR), SR)
    assert within("centroid", median_centroid_hz(x, 22050))
    assert within("tilt", spectral_tilt_db_per_octave(x, 22050))


def test_the_trumpet_sits_where_a_real_trumpet_fart_does() -> None:
    x = for_realism(render(PRESETS["trumpet"].spec, SR), SR)
    assert 100.0 <= praat_measures(x, 22050)["f0"] <= 150.0


def test_a_bathtub_is_heard_in_the_air_not_through_a_low_pass() -> None:
    # v1's bathtub (a 750 Hz low-pass over everything) measured a centroid of ~300 Hz.
    x = for_realism(render(PRESETS["classic"].spec.with_changes(room="bathtub"), SR), SR)
    assert within("centroid", median_centroid_hz(x, 22050))


@pytest.mark.parametrize("name", ["classic", "wet_one", "machine_gun", "squeaker", "silent_but_deadly"])
def test_the_same_spec_sounds_the_same_at_every_rate(name: str) -> None:
    spec = PRESETS[name].spec.with_changes(room="none")
    levels = {sr: band_levels_db(render(spec, sr).astype(np.float64), sr, OCTAVES_HZ, 1.0) for sr in (22050, 48000)}
    reference = band_levels_db(render(spec, SR).astype(np.float64), SR, OCTAVES_HZ, 1.0)
    for sr, octave_levels in levels.items():
        assert np.max(np.abs(octave_levels - reference)) <= 2.0, (sr, octave_levels - reference)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_series_of_puffs_speeds_up_or_slows_down(seed: int) -> None:
    x = render(PRESETS["machine_gun"].spec.with_changes(seed=seed), SR)
    intervals = np.diff(onset_times_s(x, SR))
    assert len(intervals) == PRESETS["machine_gun"].spec.bursts - 1
    # Real series vary by 20–40 % from one interval to the next, and drift one way (v1: 3–9 %, no drift).
    assert 0.15 <= np.std(intervals) / np.mean(intervals) <= 0.45
    first, last = np.mean(intervals[:3]), np.mean(intervals[-3:])
    assert max(first, last) / min(first, last) >= 1.2


def test_the_default_sound_lasts_as_long_as_a_typical_recording() -> None:
    assert 0.8 <= FartSpec().duration_s <= 1.0


NOVELTY_HIGH = ["squeaker", "zipper", "balloon", "duck_call", "popcorn"]


@functools.cache
def preset_sound(name: str, seed: int, room: str | None = None) -> np.ndarray:
    spec = PRESETS[name].spec.with_changes(seed=seed)
    return for_realism(render(spec.with_changes(room=room) if room else spec, SR), SR)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("name", NOVELTY_HIGH)
def test_a_high_novelty_sound_falls_like_a_recording_without_a_2_khz_hump(name: str, seed: int) -> None:
    # They keep their high pitch, but their flow is nearly a sine: v2 first rose at up to +0.8 dB/oct with the
    # 2 kHz octave at −4…−7 dB re the total.
    x = preset_sound(name, seed)
    assert spectral_tilt_db_per_octave(x, 22050) <= -2.5
    assert band_levels_db(x, 22050, np.array([2000.0]), 1.0)[0] <= -7.0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_silent_but_deadly_is_jet_noise_with_a_few_flaps_not_hiss(seed: int) -> None:
    # Jet noise peaks below 1.3 kHz and comes in gusts with a flap now and then; v2 first hissed steadily (tilt
    # −1.5 dB/oct, flatness 0.39–0.42, sharpness 4.5).
    x = preset_sound("silent_but_deadly", seed)
    assert within("tilt", spectral_tilt_db_per_octave(x, 22050))
    assert within("flatness", median_flatness(x, 22050))
    assert within("sharpness", transient_sharpness(x))


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_no_two_consecutive_takes_of_a_preset_are_near_copies(name: str) -> None:
    # The product's rule: no two generations in a row more than 75 % alike. Every take of a spec lasts as long and
    # ends alike (the same fade, or the same room's tail), so takes must differ in time: where a puff sputters,
    # how the series splits the clip, how the glide runs, how it dies away. v2 first measured up to 0.96, and
    # 0.76 for classic on seeds 6 and 7.
    takes = [render(PRESETS[name].spec.with_changes(seed=seed), SR) for seed in range(8)]
    alike = [similarity(first, second, SR) for first, second in itertools.pairwise(takes)]
    assert max(alike) <= 0.75, [round(value, 2) for value in alike]


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("room", ["car", "chair", "hall", "bathroom"])
def test_a_room_keeps_the_spectrum_of_a_recording(room: str, seed: int) -> None:
    # A room colours the sound and adds its tail without dragging it out of the recordings' ranges: v2 first
    # measured classic's centroid at 389–523 Hz in these rooms, and its 125 Hz octave at −5.5 dB in the car.
    x = preset_sound("classic", seed, room)
    assert within("centroid", median_centroid_hz(x, 22050))
    assert within("octave_125", band_levels_db(x, 22050, np.array([125.0]), 1.0)[0])
    assert within("tilt", spectral_tilt_db_per_octave(x, 22050))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_motorboat_putts_twenty_odd_times_a_second_with_flaps_praat_can_follow(seed: int) -> None:
    # Each putt is a short burst of flaps at an ordinary valve rate; v2 first flapped once per putt at 21–24 Hz,
    # which Praat could not track (voiced 0–0.12) and which put the 125 Hz octave at −9 dB.
    x = preset_sound("motorboat", seed)
    measures = praat_measures(x, 22050)
    assert within("f0", measures["f0"])
    assert within("voiced", measures["voiced"])
    assert 18.0 <= modulation_rate_hz(x, 22050, 10.0, 40.0) <= 27.0
    assert within("octave_125", band_levels_db(x, 22050, np.array([125.0]), 1.0)[0])
