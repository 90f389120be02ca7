"""The meter's compiled passes against the same steps done with NumPy and SciPy: the Haar steps and the K-weighting
filter, the limiter's gain curve (two filters) and the gated loudness of limited blocks."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import sosfilt

from generator.engine.metering import gated_loudness, limiter_gains, weighted_squares_and_peaks
from generator.engine.mixer import ABSOLUTE_GATE_LUFS, RELATIVE_GATE_LU, TOP_OCTAVE_WEIGHT, _k_weighting


def haar_then_filter(x: np.ndarray, levels: int, sos: np.ndarray) -> np.ndarray:
    low, top = x.astype(np.float64), np.zeros(len(x))
    for _ in range(levels):
        even, odd = low[0 : len(low) - 1 : 2], low[1::2]
        half = len(odd)
        top = 0.25 * TOP_OCTAVE_WEIGHT * (even - odd) ** 2 + 0.5 * (top[0 : 2 * half : 2] + top[1 : 2 * half : 2])
        low = 0.5 * (even + odd)
    return sosfilt(sos, low) ** 2 + top[: len(low)]


@pytest.mark.parametrize(("levels", "rate"), [(0, 22050), (1, 22050), (2, 24000), (3, 24000)])
@pytest.mark.parametrize("n", [5001, 44100])
def test_squares_and_peaks_match_the_steps_done_one_by_one(levels: int, rate: int, n: int) -> None:
    rng = np.random.default_rng(n + levels)
    x = (rng.standard_normal(n) * np.exp(rng.standard_normal(n).cumsum() / 300)).astype(np.float32)
    block = 37
    squares, peaks = np.empty(n >> levels), np.empty(-(-n // block))
    weighted_squares_and_peaks(x, levels, _k_weighting(rate), TOP_OCTAVE_WEIGHT, block, squares, peaks)
    np.testing.assert_allclose(squares, haar_then_filter(x, levels, _k_weighting(rate)), rtol=1e-9, atol=1e-12)
    # The last block is short: n is no multiple of 37.
    np.testing.assert_array_equal(peaks, np.maximum.reduceat(np.abs(x), np.arange(len(peaks)) * block))


def spiky_blocks(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Block peaks and energies of a sound that swells, fades to silence and has spikes far over its level."""
    rng = np.random.default_rng(seed)
    level = np.exp(rng.standard_normal(n).cumsum() / 20)
    level[n // 3 : n // 3 + 50] = 0.0
    peaks = level * np.where(rng.random(n) < 0.1, 30.0, 3.0)
    return peaks, level**2


@pytest.mark.parametrize("reach", [1, 8, 17])
@pytest.mark.parametrize("n", [1, 40, 3001])
def test_the_limiter_gains_are_the_two_filters_over_the_blocks_needs(reach: int, n: int) -> None:
    peaks, _ = spiky_blocks(n, reach)
    ceiling = float(np.median(peaks)) or 1.0
    gains = np.empty(n + 1)
    limiter_gains(peaks, ceiling, reach, gains)
    need = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-30))
    lowest = minimum_filter1d(np.append(need, need[-1]), 2 * reach + 2, mode="nearest")
    np.testing.assert_allclose(gains, uniform_filter1d(lowest, 2 * reach + 1, mode="nearest"), rtol=1e-12)
    assert np.all(gains[:-1] * peaks <= ceiling * (1 + 1e-12))
    assert np.all(gains[1:] * peaks <= ceiling * (1 + 1e-12))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_gated_loudness_of_limited_blocks_is_the_meters_gating(seed: int) -> None:
    peaks, energies = spiky_blocks(3000, seed)
    gains = np.empty(3001)
    limiter_gains(peaks, float(np.percentile(peaks, 80)), 8, gains)
    lower = np.arange(0, 2601, 100)
    upper = lower + 400
    power = energies * (gains[:-1] ** 2 + gains[:-1] * gains[1:] + gains[1:] ** 2) / 3.0
    z = np.array([power[a:b].mean() for a, b in zip(lower, upper, strict=True)])
    with np.errstate(divide="ignore"):
        lufs = -0.691 + 10.0 * np.log10(z)
    audible = lufs > ABSOLUTE_GATE_LUFS
    gate = -0.691 + 10.0 * np.log10(z[audible].mean()) + RELATIVE_GATE_LU
    expected = -0.691 + 10.0 * np.log10(z[audible & (lufs > gate)].mean())
    assert gated_loudness(energies, gains, lower, upper, ABSOLUTE_GATE_LUFS, RELATIVE_GATE_LU) == pytest.approx(
        expected, abs=1e-9
    )
    assert gated_loudness(energies * 0.0, gains, lower, upper, ABSOLUTE_GATE_LUFS, RELATIVE_GATE_LU) == -np.inf
