"""The meter's compiled pass against the Haar steps and the K-weighting filter done with NumPy and SciPy."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import sosfilt

from generator.engine.metering import weighted_squares_and_peaks
from generator.engine.mixer import TOP_OCTAVE_WEIGHT, _k_weighting


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
