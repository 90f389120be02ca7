"""Effects: physics checked across sample rates, on sine waves and noise."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from generator.engine import FartSpec, render
from generator.engine.effects import bandpass, chain, fade, gain, highpass, lowpass, pitch_shift
from generator.tests.audio import active_duration_s, db_to_gain, f0_hz

RATES = [22050, 44100, 48000]


def sine(hz: float, sr: int, duration_s: float = 1.0, amplitude: float = 0.5) -> np.ndarray:
    return (amplitude * np.sin(2 * np.pi * hz * np.arange(round(duration_s * sr)) / sr)).astype(np.float32)


def level_db(x: np.ndarray, sr: int) -> float:
    """RMS in dB, skipping the first 0.2 s where a filter settles."""
    steady = x[round(0.2 * sr) :].astype(np.float64)
    return 10 * np.log10(np.mean(steady**2))


@pytest.mark.parametrize("sr", RATES)
@pytest.mark.parametrize("cutoff_hz", [200.0, 1000.0, 5000.0])
def test_lowpass_is_3_db_down_at_its_cutoff(sr: int, cutoff_hz: float) -> None:
    x = sine(cutoff_hz, sr)
    assert level_db(lowpass(x, sr, cutoff_hz), sr) - level_db(x, sr) == pytest.approx(-3.01, abs=0.1)


@pytest.mark.parametrize("sr", RATES)
def test_lowpass_passes_lows_and_cuts_highs(sr: int) -> None:
    low, high = sine(100, sr), sine(8000, sr)
    assert level_db(lowpass(low, sr, 1000), sr) - level_db(low, sr) == pytest.approx(0, abs=0.1)
    # Fourth order: 24 dB per octave, three octaves above the cutoff.
    assert level_db(lowpass(high, sr, 1000), sr) - level_db(high, sr) < -65


@pytest.mark.parametrize("sr", RATES)
def test_highpass_is_3_db_down_at_its_cutoff_and_cuts_below(sr: int) -> None:
    at, below = sine(500, sr), sine(62.5, sr)
    assert level_db(highpass(at, sr, 500), sr) - level_db(at, sr) == pytest.approx(-3.01, abs=0.1)
    assert level_db(highpass(below, sr, 500), sr) - level_db(below, sr) < -65


@pytest.mark.parametrize("sr", RATES)
def test_bandpass_keeps_its_band_and_is_3_db_down_at_the_edges(sr: int) -> None:
    for hz, expected_db in ((300, -3.01), (1000, -3.01), (550, 0.0)):
        x = sine(hz, sr)
        assert level_db(bandpass(x, sr, 300, 1000), sr) - level_db(x, sr) == pytest.approx(expected_db, abs=0.6)
    far = sine(8000, sr)
    assert level_db(bandpass(far, sr, 300, 1000), sr) - level_db(far, sr) < -40


@pytest.mark.parametrize("cutoff_hz", [0.0, -5.0, 11025.0, 30000.0])
def test_cutoffs_outside_the_audio_band_are_refused(cutoff_hz: float) -> None:
    with pytest.raises(ValueError, match="cutoff must be between 0 and 11025 Hz"):
        lowpass(sine(100, 22050), 22050, cutoff_hz)


def test_band_edges_in_the_wrong_order_are_refused() -> None:
    with pytest.raises(ValueError, match="low_hz < high_hz"):
        bandpass(sine(100, 22050), 22050, 1000, 300)


@pytest.mark.parametrize("gain_db", [-12.0, 0.0, 6.0])
def test_gain_scales_by_decibels(gain_db: float) -> None:
    x = sine(440, 44100)
    y = gain(x, 44100, gain_db)
    assert y.dtype == np.float32
    assert np.max(np.abs(y)) == pytest.approx(np.max(np.abs(x)) * db_to_gain(gain_db), rel=1e-5)


def test_fade_starts_and_ends_at_silence_and_leaves_the_middle() -> None:
    sr = 44100
    x = np.ones(sr, dtype=np.float32)
    y = fade(x, sr, fade_in_s=0.01, fade_out_s=0.05)
    assert y[0] < 1e-3
    assert y[-1] < 1e-3
    assert np.all(np.diff(y[:441]) > 0)
    assert np.all(y[441 : sr - 2205] == 1.0)
    assert np.all(x == 1.0)


def test_a_fade_longer_than_the_sound_does_not_fail() -> None:
    y = fade(np.ones(10, dtype=np.float32), 44100, fade_in_s=1.0, fade_out_s=1.0)
    assert len(y) == 10
    assert np.all(y < 1.0)


@pytest.mark.parametrize("sr", [22050, 44100])
@pytest.mark.parametrize("semitones", [-12.0, -5.0, 7.0, 12.0])
def test_pitch_shift_moves_the_pitch_and_keeps_the_duration(sr: int, semitones: float) -> None:
    x = sine(150, sr, duration_s=1.5)
    y = pitch_shift(x, sr, semitones)
    assert len(y) == len(x)
    assert f0_hz(y, sr, fmin_hz=50, fmax_hz=700) == pytest.approx(150 * 2 ** (semitones / 12), rel=0.01)
    assert active_duration_s(y, sr) == pytest.approx(1.5, rel=0.05)
    # The level holds steady: no beating between the vocoder's frames.
    middle = y[sr // 4 : -sr // 4]
    assert np.max(np.abs(middle)) == pytest.approx(0.5, rel=0.03)
    assert np.sqrt(np.mean(middle.astype(np.float64) ** 2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.03)


def test_pitch_shift_moves_a_rendered_fart_too() -> None:
    sr = 44100
    x = render(FartSpec(pitch_hz=100, pitch_end_hz=100, roughness=0.0, wetness=0.0, breathiness=0.05), sr)
    assert f0_hz(pitch_shift(x, sr, 7.0), sr) == pytest.approx(f0_hz(x, sr) * 2 ** (7 / 12), rel=0.02)


def test_pitch_shift_by_nothing_gives_back_the_sound() -> None:
    x = sine(150, 44100)
    assert np.array_equal(pitch_shift(x, 44100, 0.0), x)


def test_pitch_shift_refuses_more_than_two_octaves() -> None:
    with pytest.raises(ValueError, match="semitones must be"):
        pitch_shift(sine(150, 22050), 22050, 30)


def test_a_chain_applies_effects_in_order() -> None:
    sr = 44100
    x = sine(100, sr) + sine(5000, sr)
    y = chain(x, sr, [functools.partial(lowpass, cutoff_hz=1000), functools.partial(gain, gain_db=-6)])
    expected = gain(lowpass(x, sr, 1000), sr, -6)
    assert np.array_equal(y, expected)
