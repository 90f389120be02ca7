"""Mixer and loudness normalizer.

Loudness follows ITU-R BS.1770-4 as pyloudnorm implements it (its K-weighting filters, 400 ms blocks with 75 %
overlap, −70 LUFS absolute and −10 LU relative gates), vectorized: pyloudnorm's own meter loops over blocks in
Python and takes longer than rendering a whole sound. `integrated_loudness` gives pyloudnorm's figure to the
last digit; `quick_loudness`, which the normalizer uses, measures at half the rate above 32 kHz and stays
within 0.1 LU of it on our sounds (tests hold both to that).

Clips shorter than one 400 ms gating block have no gated loudness; for them we take the K-weighted mean square
of the whole clip (one ungated block), which is what the gated value tends to for a steady sound.

The normalizer brings a sound to a loudness target (−16 LUFS by default) and keeps every sample peak at or
under −1 dBFS with a look-ahead limiter: gain reduction, never clipping.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import sosfilt

from generator.engine.effects import db_to_gain
from generator.engine.scratch import scratch

LOUDNESS_TARGET_LUFS = -16.0
PEAK_CEILING_DBFS = -1.0
BLOCK_S = 0.4
BLOCK_STEP = 0.25  # 75 % overlap
ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0
TOP_OCTAVE_WEIGHT = 10.0 ** (4.0 / 10.0)  # the K-weighting's high shelf, +4 dB in power
QUICK_METER_MIN_RATE_HZ = 22050  # below this the K-weighting's shelf would move too close to Nyquist
LIMITER_REACH_S = 0.008  # how far ahead the limiter looks, and how slowly it lets go
LIMITER_MAX_DB = 14.0  # the most the limiter may turn a peak down (a fart's flaps are sharp spikes)
MAKEUP_MIN_LU = 0.15  # a limited sound this far under its target is turned up again (and limited again)
MAKEUP_OVERSHOOT = 1.5
MAKEUP_ROUNDS = 2

Layer = tuple[np.ndarray, float]  # samples, gain_db


def mix(layers: Sequence[Layer]) -> np.ndarray:
    """Sum layers, each scaled by its gain in dB; shorter layers are padded with silence at the end."""
    if not layers:
        raise ValueError("mix needs at least one layer")
    out = np.zeros(max(len(samples) for samples, _ in layers), dtype=np.float32)
    for samples, gain_db in layers:
        out[: len(samples)] += np.asarray(samples, dtype=np.float32) * np.float32(db_to_gain(gain_db))
    return out


def integrated_loudness(x: np.ndarray, sr: int) -> float:
    """Integrated loudness of a mono signal in LUFS (−inf for silence)."""
    if len(x) == 0:
        return -math.inf
    weighted = sosfilt(_k_weighting(sr), x)
    weighted *= weighted
    return _gated_loudness(weighted, sr)


def quick_loudness(x: np.ndarray, sr: int) -> float:
    """integrated_loudness at a fraction of the cost, within 0.1 LU on our sounds.

    Neighbouring samples are split into their mean and half-difference (a Haar step, which keeps the energy),
    repeatedly, until the rate would fall below QUICK_METER_MIN_RATE_HZ: the means carry everything below a
    quarter of each rate and are K-weighted at the lowest rate; the differences carry the octaves above, where
    the K-weighting is a flat +4 dB, so their energy is added with that gain instead of being filtered.
    """
    rate, low, top_octaves = float(sr), x, None
    level = 0
    while rate / 2 >= QUICK_METER_MIN_RATE_HZ and len(low) >= 2:
        even, odd = low[0 : len(low) - 1 : 2], low[1::2]
        half = len(odd)
        difference = np.subtract(even, odd, out=scratch(2 * level + 1, half))
        difference *= difference
        difference *= 0.25 * TOP_OCTAVE_WEIGHT
        if top_octaves is not None:
            # The octaves split off before, at twice this rate: their energy averaged over each pair.
            difference += 0.5 * top_octaves[0 : 2 * half : 2]
            difference += 0.5 * top_octaves[1 : 2 * half : 2]
        top_octaves = difference
        low = np.add(even, odd, out=scratch(2 * level, half))
        low *= 0.5
        rate /= 2
        level += 1
    if top_octaves is None:
        return integrated_loudness(x, sr)
    # Single precision: the weighted signal only feeds a sum of squares, and it halves the copy sosfilt makes.
    weighted = sosfilt(_k_weighting(round(rate)).astype(np.float32), low)
    weighted *= weighted
    weighted += top_octaves
    return _gated_loudness(weighted, rate)


def _gated_loudness(squares: np.ndarray, sr: float) -> float:
    n = len(squares)
    block = BLOCK_S * sr
    if n < block:
        return _lufs(float(np.mean(squares))) if n else -math.inf
    # Block bounds computed with the same float expressions as pyloudnorm, so both meters cut identical blocks.
    n_blocks = int(np.round((n / sr - BLOCK_S) / (BLOCK_S * BLOCK_STEP))) + 1
    j = np.arange(n_blocks)
    lower = (BLOCK_S * (j * BLOCK_STEP) * sr).astype(np.int64)
    upper = np.minimum((BLOCK_S * (j * BLOCK_STEP + 1) * sr).astype(np.int64), n)
    bounds = np.unique(np.concatenate([lower, upper]))
    segments = np.add.reduceat(squares[: bounds[-1]], bounds[:-1])
    prefix = np.concatenate([[0.0], np.cumsum(segments)])
    z = (prefix[np.searchsorted(bounds, upper)] - prefix[np.searchsorted(bounds, lower)]) / block
    with np.errstate(divide="ignore"):
        block_lufs = -0.691 + 10.0 * np.log10(z)
    above_absolute = block_lufs >= ABSOLUTE_GATE_LUFS
    if not above_absolute.any():
        return -math.inf
    relative_gate = _lufs(float(np.mean(z[above_absolute]))) + RELATIVE_GATE_LU
    gated = z[(block_lufs > relative_gate) & (block_lufs > ABSOLUTE_GATE_LUFS)]
    return _lufs(float(np.mean(gated))) if len(gated) else -math.inf


def normalize(
    x: np.ndarray,
    sr: int,
    target_lufs: float = LOUDNESS_TARGET_LUFS,
    peak_ceiling_dbfs: float = PEAK_CEILING_DBFS,
) -> np.ndarray:
    """Scale to target_lufs; moments whose peaks would then pass peak_ceiling_dbfs are turned down smoothly.

    The turning down is a look-ahead limiter (see `limit`), never clipping. Limiting costs loudness, which is
    made up by turning the sound up again and limiting once more (twice at most). It gives up at
    LIMITER_MAX_DB of gain reduction: a sound that needs more is scaled down as a whole and ends up quieter than
    the target. Returns a new float32 array.
    """
    y = np.array(x, dtype=np.float32)
    normalize_in_place(y, sr, target_lufs, peak_ceiling_dbfs)
    return y


def normalize_in_place(
    y: np.ndarray,
    sr: int,
    target_lufs: float = LOUDNESS_TARGET_LUFS,
    peak_ceiling_dbfs: float = PEAK_CEILING_DBFS,
) -> None:
    """normalize, writing into y (float32)."""
    loudness = quick_loudness(y, sr)
    peak = max(float(np.max(y)), -float(np.min(y))) if len(y) else 0.0
    if peak == 0.0 or not math.isfinite(loudness):
        y[:] = 0.0
        return
    # A hair under the ceiling, so that rounding to float32 cannot land a peak on the wrong side of it.
    ceiling = db_to_gain(peak_ceiling_dbfs) * (1.0 - 1e-6)
    scale = min(db_to_gain(target_lufs - loudness), ceiling / peak * db_to_gain(LIMITER_MAX_DB))
    y *= np.float32(scale)
    if peak * scale <= ceiling:
        return
    limit(y, sr, ceiling)
    # Turning the spikes down cost loudness: make it up, within what the limiter may still take. Limiting the
    # louder sound costs again, about a third of what was made up: ask for that much more.
    headroom_db = LIMITER_MAX_DB - 20.0 * math.log10(peak * scale / ceiling)
    for _ in range(MAKEUP_ROUNDS):
        short_lu = target_lufs - quick_loudness(y, sr)
        makeup_db = min(MAKEUP_OVERSHOOT * short_lu, headroom_db)
        if short_lu <= MAKEUP_MIN_LU or makeup_db <= 0.0:
            return
        y *= np.float32(db_to_gain(makeup_db))
        headroom_db -= makeup_db
        limit(y, sr, ceiling)


def limit(y: np.ndarray, sr: int, ceiling: float) -> None:
    """Bring every |sample| of y to at most `ceiling` (linear), in place, with a smooth gain curve.

    Peaks are found per 1 ms block; each block boundary gets the smallest gain that any block within
    LIMITER_REACH_S needs, and these gains are averaged over the same reach. A boundary's gain is thus never
    more than what the blocks on either side of it need, and linear interpolation between boundaries keeps
    every sample under the ceiling, while gain changes take a few milliseconds instead of one sample.
    """
    block = max(1, round(0.001 * sr))
    reach = max(1, round(LIMITER_REACH_S * sr / block))
    n_blocks = -(-len(y) // block)
    peaks = np.maximum.reduceat(np.abs(y, out=scratch(0, len(y))), np.arange(n_blocks) * block)
    # A few units of single-precision rounding under the ceiling: the gain curve is computed in float32.
    need = np.minimum(1.0, ceiling * (1.0 - 4.0 * np.finfo(np.float32).eps) / np.maximum(peaks, 1e-30))
    # Boundary k sits between blocks k − 1 and k; its window holds blocks k − reach − 1 … k + reach.
    lowest = minimum_filter1d(np.append(need, need[-1]), 2 * reach + 2, mode="nearest")
    gains = uniform_filter1d(lowest, 2 * reach + 1, mode="nearest").astype(np.float32)
    steps = gains[1:] - gains[:-1]
    ramp = np.arange(block, dtype=np.float32) / np.float32(block)
    whole = len(y) // block
    rows = y[: whole * block].reshape(whole, block)
    curve = np.multiply.outer(steps[:whole], ramp, out=scratch(0, whole * block).reshape(whole, block))
    curve += gains[:whole, None]
    rows *= curve
    rest = len(y) - whole * block
    if rest:
        y[whole * block :] *= gains[whole] + steps[whole] * ramp[:rest]


@functools.cache
def _k_weighting(sr: int) -> np.ndarray:
    # pyloudnorm's K-weighting stages (Meter's "K-weighting" class): a high shelf for the head, then the RLB high-pass.
    stages = (
        pyloudnorm.IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, sr, "high_shelf"),
        pyloudnorm.IIRfilter(0.0, 0.5, 38.0, sr, "high_pass"),
    )
    sos = np.array([[*stage.b, *stage.a] for stage in stages])
    return sos


def _lufs(mean_square: float) -> float:
    return -0.691 + 10.0 * math.log10(mean_square) if mean_square > 0 else -math.inf
