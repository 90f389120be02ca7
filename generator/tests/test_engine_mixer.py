"""Mixer, loudness meter and normalizer, checked against pyloudnorm (ITU-R BS.1770)."""

from __future__ import annotations

import math

import numpy as np
import pyloudnorm
import pytest

from generator.engine import PRESETS, integrated_loudness, mix, normalize, render
from generator.engine.mixer import limit, lower_crest, quick_loudness
from generator.tests.audio import db_to_gain, peak_dbfs, valve_buzz


def noise(sr: int, duration_s: float, seed: int = 0, amplitude: float = 0.1) -> np.ndarray:
    return (amplitude * np.random.default_rng(seed).standard_normal(round(duration_s * sr))).astype(np.float32)


def test_mix_sums_layers_with_gains_and_pads_the_short_ones() -> None:
    a = np.ones(4, dtype=np.float32)
    b = np.ones(2, dtype=np.float32)
    out = mix([(a, 0.0), (b, -6.0206)])
    assert out.tolist() == pytest.approx([1.5, 1.5, 1.0, 1.0], abs=1e-4)


def test_mix_needs_a_layer() -> None:
    with pytest.raises(ValueError, match="at least one layer"):
        mix([])


@pytest.mark.parametrize("sr", [8000, 22050, 44100, 48000])
@pytest.mark.parametrize("duration_s", [0.5, 1.37, 3.0])
def test_the_meter_agrees_with_pyloudnorm(sr: int, duration_s: float) -> None:
    x = noise(sr, duration_s).astype(np.float64)
    # A quiet first third, so that the gates have something to do.
    x[: len(x) // 3] *= 0.01
    assert integrated_loudness(x, sr) == pytest.approx(pyloudnorm.Meter(sr).integrated_loudness(x), abs=1e-6)


@pytest.mark.parametrize("name", ["classic", "squeaker", "silent_but_deadly", "wet_one", "zipper"])
@pytest.mark.parametrize("sr", [44100, 48000, 96000])
def test_the_quick_meter_stays_within_a_tenth_of_a_lu(name: str, sr: int) -> None:
    x = render(PRESETS[name].spec, sr)
    assert quick_loudness(x, sr) == pytest.approx(integrated_loudness(x, sr), abs=0.1)


def test_a_clip_shorter_than_a_gating_block_is_measured_as_one_block() -> None:
    sr = 44100
    long, short = noise(sr, 3.0), noise(sr, 0.3)
    # Steady noise: the ungated short-clip fallback lands where the gated meter does for a long clip.
    assert integrated_loudness(short, sr) == pytest.approx(integrated_loudness(long, sr), abs=0.2)


def test_silence_measures_minus_infinity_and_stays_silent() -> None:
    silence = np.zeros(44100, dtype=np.float32)
    assert integrated_loudness(silence, 44100) == -math.inf
    assert not np.any(normalize(silence, 44100))
    assert len(normalize(np.zeros(0, dtype=np.float32), 44100)) == 0


@pytest.mark.parametrize("target_lufs", [-30.0, -23.0, -16.0])
def test_normalize_brings_a_sound_to_the_target(target_lufs: float) -> None:
    sr = 44100
    y = normalize(noise(sr, 2.0, amplitude=0.01), sr, target_lufs)
    assert y.dtype == np.float32
    assert pyloudnorm.Meter(sr).integrated_loudness(y.astype(np.float64)) == pytest.approx(target_lufs, abs=0.1)


def test_normalize_limits_peaks_without_clipping() -> None:
    sr = 44100
    x = noise(sr, 2.0, amplitude=0.01)
    gain_to_target = db_to_gain(-16.0 - pyloudnorm.Meter(sr).integrated_loudness(x.astype(np.float64)))
    # A few clicks that would pass the −1 dBFS ceiling by 4 dB at −16 LUFS.
    x[[sr // 2, sr, 3 * sr // 2]] = np.array([1.0, -1.0, 1.0]) * db_to_gain(-1.0 + 4.0) / gain_to_target
    y = normalize(x, sr, -16.0)
    assert peak_dbfs(y) <= -1.0
    # Only the moments around the clicks are turned down: elsewhere the sound is scaled as a whole.
    quiet = slice(sr // 4, sr // 4 + 1000)
    assert np.allclose(y[quiet], x[quiet] * gain_to_target, rtol=0.01)
    assert pyloudnorm.Meter(sr).integrated_loudness(y.astype(np.float64)) == pytest.approx(-16.0, abs=0.2)


def test_normalize_gives_up_limiting_and_turns_everything_down_for_extreme_peaks() -> None:
    sr = 44100
    x = noise(sr, 2.0, amplitude=0.01)
    x[sr] = 1.0
    y = normalize(x, sr, -16.0)
    assert peak_dbfs(y) <= -1.0
    assert pyloudnorm.Meter(sr).integrated_loudness(y.astype(np.float64)) < -20.0


@pytest.mark.parametrize("sr", [8000, 44100])
def test_the_limiter_keeps_every_sample_under_the_ceiling_with_a_smooth_gain(sr: int) -> None:
    rng = np.random.default_rng(4)
    x = (rng.standard_normal(sr) * np.exp(rng.standard_normal(sr).cumsum() / 200)).astype(np.float64)
    x /= np.max(np.abs(x))
    y = x.copy()
    limit(y, sr, db_to_gain(-6.0))
    assert np.max(np.abs(y)) <= db_to_gain(-6.0) * (1 + 1e-9)
    both_audible = (np.abs(x[1:]) > 1e-3) & (np.abs(x[:-1]) > 1e-3)
    gain_curve = y / np.where(x == 0, 1.0, x)
    assert np.all(gain_curve <= 1.0 + 1e-9)
    # The gain moves by small steps from one sample to the next: no switching, no clipping.
    assert np.max(np.abs(np.diff(gain_curve))[both_audible]) < 0.02


def test_lower_crest_leaves_alone_a_sound_the_limiter_brings_to_its_target() -> None:
    sr = 44100
    x = noise(sr, 2.0, amplitude=0.01)
    gain_to_target = db_to_gain(-16.0 - pyloudnorm.Meter(sr).integrated_loudness(x.astype(np.float64)))
    x[[sr // 2, sr, 3 * sr // 2]] = np.array([1.0, -1.0, 1.0]) * db_to_gain(-1.0 + 4.0) / gain_to_target
    for target_lufs in (-30.0, -16.0):
        y = x.copy()
        lower_crest(y, sr, target_lufs)
        assert y.tobytes() == x.tobytes()


@pytest.mark.parametrize("target_lufs", [-18.0, -16.0])
def test_lower_crest_lets_normalize_bring_a_valve_buzz_to_its_target(target_lufs: float) -> None:
    # Its spikes come every cycle: the limiter follows them all and leaves it several LU short.
    sr = 44100
    x = valve_buzz(sr, 2.0)
    meter = pyloudnorm.Meter(sr)
    assert meter.integrated_loudness(normalize(x, sr, target_lufs).astype(np.float64)) < target_lufs - 2.5
    lower_crest(x, sr, target_lufs)
    y = normalize(x, sr, target_lufs)
    assert meter.integrated_loudness(y.astype(np.float64)) == pytest.approx(target_lufs, abs=0.3)
    assert peak_dbfs(y) <= -1.0
    assert abs(float(np.mean(y))) < 1e-3


def test_lower_crest_cuts_no_spike_so_far_that_normalize_would_not_give_up() -> None:
    sr = 44100
    x = noise(sr, 2.0, amplitude=0.001)
    x[sr] = 1.0
    lower_crest(x, sr, -16.0)
    y = normalize(x, sr, -16.0)
    assert peak_dbfs(y) <= -1.0
    assert pyloudnorm.Meter(sr).integrated_loudness(y.astype(np.float64)) < -20.0
