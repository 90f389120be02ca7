"""The loudness meter's per-sample work, compiled: one pass over a sound for its K-weighted squares and peaks;
and the normalizer's per-block work: the limiter's gain curve and the gated loudness it leaves.

mixer.quick_loudness halves the rate with Haar steps (a pair's mean carries the low octaves, its half-difference
the top one, where the K-weighting is flat) and K-weights what is left; in NumPy that was eight whole-clip passes
and a filter call, and the limiter's block peaks two more. Here each group of samples is split, filtered, squared
and its peak kept as it is read. No fastmath: the sums come out in the same order on every CPU.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def weighted_squares_and_peaks(
    x: np.ndarray, levels: int, sos: np.ndarray, top_weight: float, block: int, squares: np.ndarray, peaks: np.ndarray
) -> None:
    """Fill squares (len(x) >> levels of them) and peaks (one per `block` samples of x, the last maybe short).

    squares[j]: the K-weighted square at 1/2**levels of the rate: the group of 2**levels samples from j is
    halved `levels` times, each pair into its mean and the energy of its half-difference (times top_weight,
    the weighting's flat +4 dB) plus the mean of the pair's energies from the halving before; the last mean runs
    through the two sections of `sos` (scipy's sosfilt layout) and is squared, and the top octaves' energy added.
    """
    block_peaks(x, block, peaks)
    group = 1 << levels
    b00, b01, b02, a01, a02 = sos[0, 0], sos[0, 1], sos[0, 2], sos[0, 4], sos[0, 5]
    b10, b11, b12, a11, a12 = sos[1, 0], sos[1, 1], sos[1, 2], sos[1, 4], sos[1, 5]
    z00 = z01 = z10 = z11 = 0.0
    means = np.empty(group)
    tops = np.zeros(group)
    for j in range(len(squares)):
        first = j * group
        if levels == 1:
            # The common case (44.1 and 48 kHz), without the buffers.
            a, b = np.float64(x[first]), np.float64(x[first + 1])
            tops[0] = 0.25 * top_weight * (a - b) * (a - b)
            means[0] = 0.5 * (a + b)
        else:
            _halve(x, first, group, top_weight, means, tops)
        value = means[0]
        out = b00 * value + z00
        z00 = b01 * value - a01 * out + z01
        z01 = b02 * value - a02 * out
        value = out
        out = b10 * value + z10
        z10 = b11 * value - a11 * out + z11
        z11 = b12 * value - a12 * out
        squares[j] = out * out + tops[0]


@njit(cache=True, nogil=True)
def block_peaks(x: np.ndarray, block: int, peaks: np.ndarray) -> None:
    """peaks[k]: the largest |x| in x[k·block : (k + 1)·block] (the last block maybe short)."""
    for k in range(len(peaks)):
        top = 0.0
        for i in range(k * block, min(len(x), (k + 1) * block)):
            top = max(top, abs(np.float64(x[i])))
        peaks[k] = top


@njit(cache=True, nogil=True)
def _halve(x: np.ndarray, first: int, group: int, top_weight: float, means: np.ndarray, tops: np.ndarray) -> None:
    """Halve x[first:first + group] down to one mean (means[0]) and its top octaves' energy (tops[0])."""
    for g in range(group):
        means[g] = x[first + g]
        tops[g] = 0.0
    width = group
    while width > 1:
        width //= 2
        for h in range(width):
            a, b = means[2 * h], means[2 * h + 1]
            tops[h] = 0.25 * top_weight * (a - b) * (a - b) + 0.5 * (tops[2 * h] + tops[2 * h + 1])
            means[h] = 0.5 * (a + b)


@njit(cache=True, nogil=True)
def limiter_gains(peaks: np.ndarray, ceiling: float, reach: int, gains: np.ndarray) -> None:
    """Fill gains (len(peaks) + 1): the limiter's gain at each block boundary k, between blocks k − 1 and k.

    It is the mean over boundaries k − reach … k + reach of the least need of blocks k − reach − 1 … k + reach
    (need: ceiling ÷ peak, at most 1; indices past either end take the end's value), so that a gain never
    exceeds what the blocks either side of its boundary need. The normalizer's solver asks this a few times per
    sound: two scipy filters took 40 µs for 3 s, one pass here a few.
    """
    n = len(peaks)
    need = np.empty(n + 1)
    for j in range(n):
        need[j] = min(1.0, ceiling / max(peaks[j], 1e-30))
    need[n] = need[n - 1]
    lowest = np.empty(n + 1)
    for k in range(n + 1):
        least = 1.0
        for j in range(max(0, k - reach - 1), min(n, k + reach) + 1):
            least = min(least, need[j])
        lowest[k] = least
    for k in range(n + 1):
        total = 0.0
        for i in range(k - reach, k + reach + 1):
            total += lowest[min(max(i, 0), n)]
        gains[k] = total / (2 * reach + 1)


@njit(cache=True, nogil=True)
def gated_loudness(
    energies: np.ndarray,
    gains: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    absolute_gate: float,
    relative_gate: float,
) -> float:
    """The gated loudness (LUFS; −inf when nothing is audible) of 1 ms blocks of mean K-weighted square
    `energies`, each turned by a gain that runs linearly from gains[j] to gains[j + 1] across it (the block's
    mean square: energy times the mean of g0² + g0·g1 + g1², over 3); the gating blocks span blocks
    lower[b]:upper[b]. In NumPy, with its masks and cumulative sum, 45 µs for 3 s."""
    n = len(energies)
    prefix = np.empty(n + 1)
    prefix[0] = 0.0
    for j in range(n):
        g0, g1 = gains[j], gains[j + 1]
        prefix[j + 1] = prefix[j] + energies[j] * (g0 * g0 + g0 * g1 + g1 * g1) / 3.0
    z = np.empty(len(lower))
    lufs = np.full(len(lower), -np.inf)
    audible_sum, audible = 0.0, 0
    for b in range(len(lower)):
        z[b] = (prefix[upper[b]] - prefix[lower[b]]) / (upper[b] - lower[b])
        if z[b] > 0.0:
            lufs[b] = lufs_of(z[b])
        if lufs[b] > absolute_gate:
            audible_sum += z[b]
            audible += 1
    if audible == 0:
        return -np.inf
    gate = lufs_of(audible_sum / audible) + relative_gate
    gated_sum, gated = 0.0, 0
    for b in range(len(lower)):
        if lufs[b] > absolute_gate and lufs[b] > gate:
            gated_sum += z[b]
            gated += 1
    return lufs_of(gated_sum / gated) if gated else -np.inf


@njit(cache=True, nogil=True)
def lufs_of(mean_square: float) -> float:
    """The loudness (LUFS) of a mean K-weighted square; −inf for silence."""
    return -0.691 + 10.0 * math.log10(mean_square) if mean_square > 0.0 else -math.inf
