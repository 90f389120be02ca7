"""The crest steps: an all-pass phase rotator that keeps spectrum and loudness, and a spike reducer that keeps DC."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import sosfilt

from generator.engine.crest import reduce_spikes, rotate_phase
from generator.engine.effects import allpass_section
from generator.engine.mixer import ROTATOR_HZ, ROTATOR_Q
from generator.tests.audio import peak_dbfs, pulse_width_ms, valve_buzz

SR = 44100
REACH = round(0.0005 * SR)
SMOOTHING = round(0.01 * SR)


def rotator(sr: int) -> np.ndarray:
    return np.array([allpass_section(sr, centre_hz, ROTATOR_Q) for centre_hz in ROTATOR_HZ])


def reduced(x: np.ndarray, threshold: float) -> np.ndarray:
    y = x.copy()
    reduce_spikes(y, threshold, REACH, SMOOTHING, np.empty_like(y), np.empty_like(y))
    return y


@pytest.mark.parametrize("sr", [8000, 22050, 44100, 96000])
def test_the_rotator_keeps_the_spectrum_and_the_energy(sr: int) -> None:
    x = np.zeros(sr, dtype=np.float32)
    # Half a second of noise, then silence for the sections to ring out into.
    x[: sr // 2] = np.random.default_rng(1).standard_normal(sr // 2) * 0.1
    y = x.copy()
    rotate_phase(y, rotator(sr))
    assert np.sum(np.square(y, dtype=np.float64)) == pytest.approx(np.sum(np.square(x, dtype=np.float64)), rel=1e-4)
    before, after = np.abs(np.fft.rfft(x.astype(np.float64))), np.abs(np.fft.rfft(y.astype(np.float64)))
    assert np.max(np.abs(after - before)) <= 1e-3 * np.max(before)
    assert not np.allclose(y, x, atol=1e-3)


def test_the_rotator_is_its_sections_in_turn() -> None:
    # The compiled loop staggers the sections by a sample each; the result must not show it.
    x = np.random.default_rng(2).standard_normal(SR // 4).astype(np.float32)
    y = x.copy()
    rotate_phase(y, rotator(SR))
    assert np.max(np.abs(y - sosfilt(rotator(SR), x.astype(np.float64)))) < 1e-6


def test_the_rotator_passes_dc() -> None:
    y = np.ones(SR, dtype=np.float32)
    rotate_phase(y, rotator(SR))
    assert np.allclose(y[SR // 2 :], 1.0, atol=1e-5)


def test_the_rotator_lowers_the_peaks_of_a_valve_buzz_and_keeps_its_snaps_narrow() -> None:
    # The snap sits on the trough its own low harmonics make: turned, they no longer pile up under it. Turning
    # octaves up to 1.2 kHz took 6 dB off, but smeared the snaps into lobes up to 1.1 ms wide (a recording's are
    # 0.05–0.5 ms); the octaves under the lobe (100–330 Hz) take 3 dB and leave the snap as it was.
    x = valve_buzz(SR)
    y = x.copy()
    rotate_phase(y, rotator(SR))
    assert peak_dbfs(y) <= peak_dbfs(x) - 2.5
    assert pulse_width_ms(y, SR) == pytest.approx(pulse_width_ms(x, SR), abs=0.02)


def test_the_spike_reducer_leaves_a_sound_under_its_threshold_alone() -> None:
    x = valve_buzz(SR)
    assert reduced(x, float(np.max(np.abs(x))) * 1.01).tobytes() == x.tobytes()


def test_the_spike_reducer_brings_the_spikes_near_the_threshold() -> None:
    x = valve_buzz(SR)
    threshold = 0.5 * float(np.max(np.abs(x)))
    y = reduced(x, threshold)
    assert np.max(np.abs(y)) <= 1.1 * threshold
    # Only the spikes: the lobes between them (at most a third of the peak) keep their height.
    lobes = x > 0
    assert np.max(y[lobes]) == pytest.approx(np.max(x[lobes]), rel=0.1)


def test_the_spike_reducer_adds_no_dc() -> None:
    # The snaps are one-signed: turning them down alone would leave the mean above where it was.
    x = valve_buzz(SR)
    y = reduced(x, 0.4 * float(np.max(np.abs(x))))
    change = y.astype(np.float64) - x
    assert abs(np.mean(change)) <= 0.01 * np.mean(np.abs(change))


def test_the_spike_reducer_keeps_a_snap_as_narrow_as_it_was() -> None:
    x = valve_buzz(SR)
    y = reduced(x, 0.5 * float(np.max(np.abs(x))))
    assert pulse_width_ms(y, SR) == pytest.approx(pulse_width_ms(x, SR), rel=0.2)
