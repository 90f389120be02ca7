"""Mixer and loudness normalizer.

Loudness follows ITU-R BS.1770-4 as pyloudnorm implements it (its K-weighting filters, 400 ms blocks with 75 %
overlap, −70 LUFS absolute and −10 LU relative gates), vectorized: pyloudnorm's own meter loops over blocks in
Python and takes longer than rendering a whole sound. `integrated_loudness` gives pyloudnorm's figure to the
last digit; `quick_loudness`, which the normalizer uses, measures at half the rate above 44 kHz (in one
compiled pass, metering.py) and stays within 0.1 LU of it on our sounds (tests hold both to that).

Clips shorter than one 400 ms gating block have no gated loudness; for them we take the K-weighted mean square
of the whole clip (one ungated block), which is what the gated value tends to for a steady sound.

The normalizer brings a sound to a loudness target (−16 LUFS by default) and keeps every sample peak at or
under −1 dBFS with a look-ahead limiter: gain reduction, never clipping. A fart's flaps are spikes that come every
valve cycle, and a limiter slow enough not to distort follows them all: turning such a sound up only turns the
limiter down. Where the limiter alone would fall short, `lower_crest` first lowers the sound's peaks for its
loudness (crest.py); normalize_in_place(crest=True) does so on its way, measuring once for both.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np
import pyloudnorm
from scipy.signal import sosfilt

from generator.engine.crest import reduce_spikes, rotate_phase
from generator.engine.effects import allpass_section, db_to_gain, fade_out_inplace
from generator.engine.metering import block_peaks, gated_loudness, limiter_gains, lufs_of, weighted_squares_and_peaks
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
# lower_crest leaves a sound alone that the limiter alone brings this near its target; its spikes are cut only
# if turning its phases leaves it further short than SPIKE_TOLERANCE_LU (cutting costs time and sharpness).
CREST_TOLERANCE_LU = 0.25
SPIKE_TOLERANCE_LU = 0.5
ROTATOR_HZ = (100.0, 150.0, 220.0, 330.0)  # all-pass centres: the octaves under a flap's lobe (higher smear its snap)
ROTATOR_Q = 0.7
ROTATOR_FADE_S = 0.003  # the rotator rings on past the end: its last samples fade out
SPIKE_ALLOWANCE_DB = 2.0  # see _gain_plan
SPIKE_MAX_CUT_DB = 18.0  # the most lower_crest turns a spike down: past that, normalize gives up as it would
SPIKE_REACH_S = 0.0005  # a spike's dip reaches twice this far either side: wider than a snap, keeping its shape
SPIKE_SMOOTHING_S = 0.01  # the slow part of the spikes' correction, left out, is what lies below ~50 Hz
LOUDNESS_TOLERANCE_LU = 0.02  # how near the normalizer's gain search gets to the target
SOLVER_STEPS = 6

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
    squares, rate, _ = _meter(x, sr)
    return _gated_loudness(squares, rate)


def _meter(x: np.ndarray, sr: int) -> tuple[np.ndarray, float, np.ndarray]:
    """The K-weighted squares at the reduced rate quick_loudness measures at, that rate, and the peak of each of
    the limiter's blocks."""
    levels = 0
    while sr / 2 ** (levels + 1) >= QUICK_METER_MIN_RATE_HZ and len(x) >> levels >= 2:
        levels += 1
    rate = sr / 2**levels
    block = _limiter_block(sr)
    squares, peaks = np.empty(len(x) >> levels), np.empty(-(-len(x) // block))
    weighted_squares_and_peaks(x, levels, _k_weighting(round(rate)), TOP_OCTAVE_WEIGHT, block, squares, peaks)
    return squares, rate, peaks


def _gated_loudness(squares: np.ndarray, sr: float) -> float:
    n = len(squares)
    block = BLOCK_S * sr
    if n < block:
        return lufs_of(float(np.mean(squares))) if n else -math.inf
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
    relative_gate = lufs_of(float(np.mean(z[above_absolute]))) + RELATIVE_GATE_LU
    gated = z[(block_lufs > relative_gate) & (block_lufs > ABSOLUTE_GATE_LUFS)]
    return lufs_of(float(np.mean(gated))) if len(gated) else -math.inf


def normalize(
    x: np.ndarray,
    sr: int,
    target_lufs: float = LOUDNESS_TARGET_LUFS,
    peak_ceiling_dbfs: float = PEAK_CEILING_DBFS,
) -> np.ndarray:
    """Scale to target_lufs; moments whose peaks would then pass peak_ceiling_dbfs are turned down smoothly.

    The turning down is a look-ahead limiter (see `limit`), never clipping. Limiting costs loudness, so the
    sound is turned up by as much more as the limiting will cost. It gives up at LIMITER_MAX_DB of gain
    reduction: a sound that needs more is scaled down as a whole and ends up quieter than the target.
    Returns a new float32 array.
    """
    y = np.array(x, dtype=np.float32)
    normalize_in_place(y, sr, target_lufs, peak_ceiling_dbfs)
    return y


def normalize_in_place(
    y: np.ndarray,
    sr: int,
    target_lufs: float = LOUDNESS_TARGET_LUFS,
    peak_ceiling_dbfs: float = PEAK_CEILING_DBFS,
    crest: bool = False,
) -> None:
    """normalize, writing into y (float32); with `crest`, lower_crest's steps come first where they are needed.

    One pass measures, one pass scales and limits: what limiting will cost is worked out on 1 ms blocks (their
    peaks and K-weighted energies) for each gain tried, not by limiting the samples and measuring again.
    """
    if len(y) == 0:
        return
    ceiling = _ceiling(peak_ceiling_dbfs)
    plan = _gain_plan(y, sr, target_lufs, ceiling, crest)
    if plan is None:
        y[:] = 0.0
        return
    gain_db, blocks = plan
    if blocks is None:
        y *= np.float32(db_to_gain(gain_db))
        return
    _apply_gains(y, sr, db_to_gain(gain_db) * blocks.limiter_gains(db_to_gain(gain_db), ceiling))


def lower_crest(
    y: np.ndarray,
    sr: int,
    target_lufs: float = LOUDNESS_TARGET_LUFS,
    peak_ceiling_dbfs: float = PEAK_CEILING_DBFS,
) -> None:
    """Lower y's peaks for its loudness (in place) as far as normalize needs to bring it to target_lufs.

    A sound normalize's limiter brings within CREST_TOLERANCE_LU of the target is left alone. Otherwise its low
    octaves' phases are turned (crest.rotate_phase: loudness and spectrum stay), and if that leaves it more than
    SPIKE_TOLERANCE_LU short, its tallest spikes are turned down (crest.reduce_spikes), by SPIKE_MAX_CUT_DB at most.
    """
    if len(y):
        _gain_plan(y, sr, target_lufs, _ceiling(peak_ceiling_dbfs), crest=True)


def _ceiling(peak_ceiling_dbfs: float) -> float:
    # A hair under the ceiling, so that rounding to float32 cannot land a peak on the wrong side of it.
    return db_to_gain(peak_ceiling_dbfs) * (1.0 - 1e-6)


def _gain_plan(
    y: np.ndarray, sr: int, target_lufs: float, ceiling: float, crest: bool
) -> tuple[float, _Blocks | None] | None:
    """The gain (dB) that brings y to target_lufs, and the blocks to limit it by (None: it needs no limiting);
    None for silence. With `crest`, y's crest is lowered first (in place) where the limiter would fall short."""
    squares, rate, peaks = _meter(y, sr)
    loudness = _gated_loudness(squares, rate)
    peak = float(np.max(peaks))
    if peak == 0.0 or not math.isfinite(loudness):
        return None
    wanted_db = target_lufs - loudness
    if db_to_gain(wanted_db) * peak <= ceiling:
        return wanted_db, None
    blocks = _Blocks.of(peaks, sr, squares, rate)
    gain_db, short_db = _gain_to_reach(blocks, ceiling, wanted_db, _most_db(ceiling, peak, LIMITER_MAX_DB))
    if not crest or short_db <= CREST_TOLERANCE_LU:
        return gain_db, blocks
    rotate_phase(y, _rotator_sos(sr))
    # The sections ring on past the last sample: the sound must still end in silence.
    fade_out_inplace(y, round(ROTATOR_FADE_S * sr))
    # An all-pass moves energy by a millisecond or two at most: the blocks' energies stand, only their peaks move.
    block_peaks(y, _limiter_block(sr), peaks)
    blocks = _Blocks(peaks, blocks.energies, sr)
    peak = float(np.max(peaks))
    gain_db, short_db = _gain_to_reach(blocks, ceiling, wanted_db, _most_db(ceiling, peak, LIMITER_MAX_DB))
    if short_db <= SPIKE_TOLERANCE_LU:
        return gain_db, blocks
    # Spikes are cut to SPIKE_ALLOWANCE_DB under the ceiling at the gain wanted: cutting costs loudness, and the
    # gain that makes up for it lifts them again (the limiter takes the rest).
    threshold = max(ceiling / db_to_gain(wanted_db + SPIKE_ALLOWANCE_DB), peak / db_to_gain(SPIKE_MAX_CUT_DB))
    reach, smoothing = max(1, round(SPIKE_REACH_S * sr)), max(1, round(SPIKE_SMOOTHING_S * sr))
    reduce_spikes(y, threshold, reach, smoothing, scratch(1, len(y)), scratch(2, len(y)))
    return _gain_plan(y, sr, target_lufs, ceiling, crest=False)


def _most_db(ceiling: float, peak: float, reduction_db: float) -> float:
    """The gain (dB) that takes `peak` reduction_db past the ceiling."""
    return 20.0 * math.log10(ceiling / peak) + reduction_db


def limit(y: np.ndarray, sr: int, ceiling: float) -> None:
    """Bring every |sample| of y to at most `ceiling` (linear), in place, with a smooth gain curve.

    Peaks are found per 1 ms block; each block boundary gets the smallest gain that any block within
    LIMITER_REACH_S needs, and these gains are averaged over the same reach. A boundary's gain is thus never
    more than what the blocks on either side of it need, and linear interpolation between boundaries keeps
    every sample under the ceiling, while gain changes take a few milliseconds instead of one sample.
    """
    block = _limiter_block(sr)
    peaks = np.empty(-(-len(y) // block))
    block_peaks(y, block, peaks)
    _apply_gains(y, sr, _limiter_gains(peaks, sr, ceiling))


class _Blocks:
    """A sound seen 1 ms at a time: each block's peak and mean K-weighted square (the limiter's blocks), and the
    gating blocks of the loudness meter as spans of them."""

    def __init__(self, peaks: np.ndarray, energies: np.ndarray, sr: int) -> None:
        self.peaks, self.energies, self.sr = peaks, energies, sr
        per_s = sr / _limiter_block(sr)
        n = len(energies)
        span = max(1, round(BLOCK_S * per_s))
        starts = np.arange(0, max(1, n - span + 1), max(1, round(BLOCK_S * BLOCK_STEP * per_s)))
        self.lower, self.upper = starts, np.minimum(starts + span, n)
        self.loudness = self.gated_loudness(np.ones(n + 1))

    @classmethod
    def of(cls, peaks: np.ndarray, sr: int, squares: np.ndarray, rate: float) -> _Blocks:
        block = _limiter_block(sr)
        # The weighted squares run at a reduced rate: the first of them in each block, as near as it falls.
        starts = np.minimum(np.rint(np.arange(len(peaks)) * block * rate / sr).astype(np.int64), len(squares) - 1)
        energies = np.add.reduceat(squares, starts) / (block * rate / sr)
        return cls(peaks, energies, sr)

    def gated_loudness(self, gains: np.ndarray) -> float:
        """The gated loudness (as _gated_loudness measures it) once each block is turned by the gain curve
        through the block boundaries' `gains`, which moves linearly across each block (the mean of its square)."""
        return gated_loudness(self.energies, gains, self.lower, self.upper, ABSOLUTE_GATE_LUFS, RELATIVE_GATE_LU)

    def limiter_gains(self, scale: float, ceiling: float) -> np.ndarray:
        return _limiter_gains(self.peaks * scale, self.sr, ceiling)

    def limiting_cost_db(self, scale: float, ceiling: float) -> float:
        """How much quieter the limiter makes the sound scaled by `scale` (dB, ≥ 0)."""
        return self.loudness - self.gated_loudness(self.limiter_gains(scale, ceiling))


def _gain_to_reach(blocks: _Blocks, ceiling: float, wanted_db: float, most_db: float) -> tuple[float, float]:
    """The gain (dB) that, with what the limiter then takes away, turns the sound up by wanted_db (at most
    most_db), and how far short of wanted_db the sound then stays (dB). Loudness rises with gain, at most one
    for one: the secant method gets there in a few steps."""

    def short_db(gain_db: float) -> float:
        return wanted_db - (gain_db - blocks.limiting_cost_db(db_to_gain(gain_db), ceiling))

    low = min(wanted_db, most_db)
    low_short = short_db(low)
    if low >= most_db or low_short <= LOUDNESS_TOLERANCE_LU:
        return low, low_short
    high = min(low + 1.5 * low_short, most_db)
    high_short = short_db(high)
    for _ in range(SOLVER_STEPS):
        if abs(high_short) <= LOUDNESS_TOLERANCE_LU or (high >= most_db and high_short > 0.0):
            break
        slope = (low_short - high_short) / (high - low) if high != low else 1.0
        low, low_short = high, high_short
        high = min(high + high_short / max(slope, 0.05), most_db)
        high_short = short_db(high)
    return high, high_short


def _limiter_block(sr: int) -> int:
    return max(1, round(0.001 * sr))


def _limiter_gains(peaks: np.ndarray, sr: int, ceiling: float) -> np.ndarray:
    """The gain at each block boundary (one more than there are blocks) that keeps every peak under ceiling."""
    reach = max(1, round(LIMITER_REACH_S * sr / _limiter_block(sr)))
    gains = np.empty(len(peaks) + 1)
    # A few units of single-precision rounding under the ceiling: the gain curve is computed in float32.
    limiter_gains(peaks, ceiling * (1.0 - 4.0 * np.finfo(np.float32).eps), reach, gains)
    return gains


def _apply_gains(y: np.ndarray, sr: int, gains: np.ndarray) -> None:
    """Multiply y by the gain curve that runs linearly between the block boundaries' gains."""
    block = _limiter_block(sr)
    gains = gains.astype(np.float32)
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
def _rotator_sos(sr: int) -> np.ndarray:
    return np.array([allpass_section(sr, centre_hz, ROTATOR_Q) for centre_hz in ROTATOR_HZ])


@functools.cache
def _k_weighting(sr: int) -> np.ndarray:
    # pyloudnorm's K-weighting stages (Meter's "K-weighting" class): a high shelf for the head, then the RLB high-pass.
    stages = (
        pyloudnorm.IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, sr, "high_shelf"),
        pyloudnorm.IIRfilter(0.0, 0.5, 38.0, sr, "high_pass"),
    )
    sos = np.array([[*stage.b, *stage.a] for stage in stages])
    return sos
