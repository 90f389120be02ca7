"""Measurements of what a listener hears, for the engine tests: duration, pitch, brightness, onsets, transients."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np
from scipy.signal import butter, sosfilt


def db_to_gain(gain_db: float) -> float:
    return 10.0 ** (gain_db / 20.0)


def peak_dbfs(x: np.ndarray) -> float:
    peak = float(np.max(np.abs(x)))
    return 20.0 * math.log10(peak) if peak > 0 else -math.inf


def envelope_db(x: np.ndarray, sr: int, frame_s: float = 0.005) -> np.ndarray:
    """RMS level of consecutive frames, in dB relative to the loudest frame."""
    frame = max(1, round(frame_s * sr))
    n = len(x) // frame
    rms = np.sqrt(np.mean(np.asarray(x[: n * frame], dtype=np.float64).reshape(n, frame) ** 2, axis=1))
    with np.errstate(divide="ignore"):
        return 20.0 * np.log10(rms / rms.max())


def active_duration_s(x: np.ndarray, sr: int, floor_db: float = -40.0) -> float:
    """Time from the first to the last 5 ms frame within floor_db of the loudest frame."""
    level = envelope_db(x, sr)
    loud = np.flatnonzero(level > floor_db)
    return (loud[-1] - loud[0] + 1) * round(0.005 * sr) / sr


def onset_count(
    x: np.ndarray, sr: int, on_db: float = -20.0, off_db: float = -40.0, min_gap_s: float = 0.02
) -> int:
    """Separate puffs: the 10 ms level rises above on_db after at least min_gap_s below off_db (re the peak).

    Shorter dips, such as the gaps between the last sputtering pulses of one puff, merge into it, as they do to
    the ear.
    """
    count, quiet_s, armed = 0, math.inf, True
    for level in envelope_db(x, sr, 0.01):
        quiet_s = quiet_s + 0.01 if level < off_db else 0.0
        if quiet_s >= min_gap_s:
            armed = True
        if armed and level > on_db:
            count, armed = count + 1, False
    return count


def spectral_centroid_hz(x: np.ndarray, sr: int) -> float:
    """Power-weighted mean frequency of the whole clip."""
    power = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1.0 / sr)
    return float(np.sum(freqs * power) / np.sum(power))


def band_share(x: np.ndarray, sr: int, low_hz: float, high_hz: float) -> float:
    """Fraction of the clip's power between low_hz and high_hz."""
    power = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1.0 / sr)
    return float(np.sum(power[(freqs >= low_hz) & (freqs < high_hz)]) / np.sum(power))


def f0_track_hz(x: np.ndarray, sr: int, fmin_hz: float = 18.0, fmax_hz: float = 600.0) -> np.ndarray:
    """YIN pitch of each loud 5 ms-hop frame (NaN where unvoiced)."""
    x = np.asarray(x, dtype=np.float64)
    max_lag = int(sr / fmin_hz)
    min_lag = max(2, int(sr / fmax_hz))
    window = 2 * max_lag
    hop = round(0.005 * sr)
    level = envelope_db(x, sr)
    track = []
    for start in range(0, len(x) - window - max_lag, hop):
        if level[min(len(level) - 1, (start + window // 2) // hop)] < -25.0:
            track.append(np.nan)
            continue
        frame = x[start : start + window + max_lag]
        track.append(_yin(frame, window, min_lag, max_lag, sr))
    return np.array(track)


def f0_hz(x: np.ndarray, sr: int, fmin_hz: float = 18.0, fmax_hz: float = 600.0) -> float:
    """Median YIN pitch over the voiced, loud part of the clip."""
    track = f0_track_hz(x, sr, fmin_hz, fmax_hz)
    voiced = track[np.isfinite(track)]
    return float(np.median(voiced)) if len(voiced) else math.nan


def transient_rate_per_s(x: np.ndarray, sr: int, threshold: float = 4.0) -> float:
    """Clicks and bubble pops per second of active sound (meant for a buzz of 85 Hz or more).

    Above 1.5 kHz, a 2 ms energy envelope is compared with the usual height of the buzz's own pulses there: the
    running 30th percentile (200 ms) of a running maximum over 12 ms, a window that holds at least one reed pulse,
    so periodic pulses set the bar instead of crossing it, and dense bubbles do not lift it. Each rise above
    `threshold` times the bar, at least 15 ms after the previous one, counts.
    """
    sos = butter(4, 1500.0, btype="highpass", fs=sr, output="sos")
    high = sosfilt(sos, np.asarray(x, dtype=np.float64))
    frame_s = 0.002
    frame = max(1, round(frame_s * sr))
    n = len(high) // frame
    energy = np.mean(high[: n * frame].reshape(n, frame) ** 2, axis=1)
    pulse_peaks = _running(energy, round(0.012 / frame_s) | 1, np.max)
    usual = _running(pulse_peaks, round(0.2 / frame_s) | 1, functools.partial(np.percentile, q=30))
    hot = energy > threshold * np.maximum(usual, 1e-6 * energy.max())
    count, last = 0, -math.inf
    for i in np.flatnonzero(hot & ~np.roll(hot, 1)):
        if (i - last) * frame_s >= 0.015:
            count, last = count + 1, i
    return count / active_duration_s(x, sr)


def _running(values: np.ndarray, width: int, reduce: Callable[..., np.ndarray]) -> np.ndarray:
    padded = np.pad(values, width // 2, mode="edge")
    return reduce(np.lib.stride_tricks.sliding_window_view(padded, width), axis=1)


def _yin(frame: np.ndarray, window: int, min_lag: int, max_lag: int, sr: int, threshold: float = 0.2) -> float:
    """One YIN estimate (de Cheveigné & Kawahara 2002): cumulative-mean-normalized difference, first dip."""
    n_fft = 1 << (len(frame) + window).bit_length()
    spectrum = np.fft.rfft(frame, n_fft)
    kernel = np.fft.rfft(frame[:window][::-1], n_fft)
    cross = np.fft.irfft(spectrum * kernel, n_fft)[window - 1 : window - 1 + max_lag + 1]
    squares = np.concatenate([[0.0], np.cumsum(frame**2)])
    energy_0 = squares[window]
    energy_lag = squares[np.arange(max_lag + 1) + window] - squares[np.arange(max_lag + 1)]
    diff = energy_0 + energy_lag - 2.0 * cross
    diff[0] = 0.0
    cumulative = np.cumsum(diff[1:])
    normalized = np.ones(max_lag + 1)
    normalized[1:] = diff[1:] * np.arange(1, max_lag + 1) / np.maximum(cumulative, 1e-12)
    candidates = np.flatnonzero(normalized[min_lag:max_lag] < threshold)
    if len(candidates) == 0:
        return np.nan
    lag = candidates[0] + min_lag
    while lag + 1 < max_lag and normalized[lag + 1] < normalized[lag]:
        lag += 1
    # Parabolic interpolation around the dip for a sub-sample period.
    a, b, c = normalized[lag - 1], normalized[lag], normalized[lag + 1]
    shift = 0.5 * (a - c) / (a - 2.0 * b + c) if a - 2.0 * b + c != 0 else 0.0
    return sr / (lag + shift)


def stretches_s(x: np.ndarray, sr: int, floor_db: float = -45.0, min_gap_s: float = 0.04) -> list[tuple[float, float]]:
    """(start, end) of each stretch of sound: 5 ms frames within floor_db of the loudest, split by quiet of at least
    min_gap_s (shorter dips stay inside one stretch, as they do to the ear)."""
    frame_s = round(0.005 * sr) / sr
    loud = np.flatnonzero(envelope_db(x, sr) > floor_db)
    if len(loud) == 0:
        return []
    breaks = np.flatnonzero(np.diff(loud) * frame_s > min_gap_s)
    starts = np.concatenate([[loud[0]], loud[breaks + 1]])
    ends = np.concatenate([loud[breaks], [loud[-1]]]) + 1
    return [(float(start * frame_s), float(end * frame_s)) for start, end in zip(starts, ends, strict=True)]
