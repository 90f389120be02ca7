"""Lowering a sound's peaks for its loudness (its crest), compiled: what the normalizer does to a sound whose
target the limiter cannot reach on its own.

A fart's flaps are sharp spikes 17–28 dB over its loudness, one every valve cycle: a limiter slow enough not to
distort follows the whole buzz, and turning the sound up only turns the limiter down again. Two things lower the
peaks at little cost in loudness:

- `rotate_phase`: all-pass sections turn the phases of the low octaves, the magnitude spectrum unchanged (a
  broadcast processor's phase rotator). A snap lands on the trough of the wave its own low harmonics make; turned,
  they no longer pile up under it, and the peak drops by several dB while the loudness stays where it was.
- `reduce_spikes`: each spike still over a threshold is turned down by a dip in gain a millisecond or two wide, so
  that its shape (a pulse a fraction of a millisecond wide) survives. What the dips take away is high-passed
  before it is taken: a snap is one-signed, and turning it down alone would leave a DC offset behind.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def rotate_phase(y: np.ndarray, sos: np.ndarray) -> None:
    """Run y (in place) through the second-order sections of `sos` (scipy's sosfilt layout), all in one pass."""
    sections = sos.shape[0]
    z1 = np.zeros(sections)
    z2 = np.zeros(sections)
    for i in range(len(y)):
        value = np.float64(y[i])
        for s in range(sections):
            out = sos[s, 0] * value + z1[s]
            z1[s] = sos[s, 1] * value - sos[s, 4] * out + z2[s]
            z2[s] = sos[s, 2] * value - sos[s, 5] * out
            value = out
        y[i] = value


@njit(cache=True, nogil=True)
def reduce_spikes(
    y: np.ndarray, threshold: float, reach: int, smoothing: int, floor: np.ndarray, correction: np.ndarray
) -> None:
    """Bring every |sample| of y over `threshold` down towards it, in place (floor and correction: scratch space
    as long as y).

    Each sample's need (threshold ÷ |sample|, at most 1) is spread to the `reach` samples on either side as a
    running minimum and averaged over the same width: a dip that reaches the need at the spike and fades out
    within 2·reach samples of it. The correction (y times the dip) loses its slow part, a running mean over
    2·(smoothing // 2) + 1 samples taken twice, before it is added: that part sums to what the correction would
    add to the sound's DC. The result stays within a few per cent of the threshold; the limiter does the rest.
    """
    n = len(y)
    floor[:] = 1.0
    for i in range(n):
        level = abs(np.float64(y[i]))
        if level > threshold:
            need = threshold / level
            for j in range(max(0, i - reach), min(n, i + reach + 1)):
                floor[j] = min(floor[j], need)
    _running_mean(floor, reach, correction, 1.0)
    for i in range(n):
        correction[i] = (correction[i] - 1.0) * y[i]
    half = smoothing // 2
    _running_mean(correction, half, floor, 0.0)
    # The second mean is taken as it is subtracted: floor still holds the first.
    total = 0.0
    for i in range(min(n, half)):
        total += floor[i]
    width = 2 * half + 1
    for i in range(n):
        if i + half < n:
            total += floor[i + half]
        if i - half - 1 >= 0:
            total -= floor[i - half - 1]
        y[i] += correction[i] - total / width


@njit(cache=True, nogil=True)
def _running_mean(x: np.ndarray, half: int, out: np.ndarray, beyond: float) -> None:
    """out[i]: the mean of x over the 2·half + 1 samples centred on i, taking `beyond` past either end."""
    n = len(x)
    width = 2 * half + 1
    total = beyond * (half + 1)
    for i in range(min(n, half)):
        total += x[i]
    total += beyond * max(0, half - n)
    for i in range(n):
        total += x[i + half] if i + half < n else beyond
        total -= x[i - half - 1] if i - half - 1 >= 0 else beyond
        out[i] = total / width
