"""Reusable effects. Each is a plain function: signal, sample rate, then parameters with units.

A chain is a list of such functions (parameters bound with functools.partial) applied in order by `chain`.
Signals are 1-D float32 arrays; every effect returns a new float32 array and leaves its input alone.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence

import numpy as np
from scipy.signal import butter, sosfilt

Effect = Callable[[np.ndarray, int], np.ndarray]


def lowpass(x: np.ndarray, sr: int, cutoff_hz: float, order: int = 4) -> np.ndarray:
    """Butterworth low-pass: −3 dB at cutoff_hz, −6·order dB per octave above it."""
    return sosfilt(butterworth_sos(sr, (_below_nyquist(sr, cutoff_hz),), order, "lowpass"), x).astype(np.float32)


def highpass(x: np.ndarray, sr: int, cutoff_hz: float, order: int = 4) -> np.ndarray:
    """Butterworth high-pass: −3 dB at cutoff_hz."""
    return sosfilt(butterworth_sos(sr, (_below_nyquist(sr, cutoff_hz),), order, "highpass"), x).astype(np.float32)


def bandpass(x: np.ndarray, sr: int, low_hz: float, high_hz: float, order: int = 2) -> np.ndarray:
    """Butterworth band-pass between low_hz and high_hz (−3 dB at both edges)."""
    if not 0 < low_hz < high_hz:
        raise ValueError(f"band edges must satisfy 0 < low_hz < high_hz, got {low_hz:g} and {high_hz:g}")
    edges = (low_hz, _below_nyquist(sr, high_hz))
    return sosfilt(butterworth_sos(sr, edges, order, "bandpass"), x).astype(np.float32)


def gain(x: np.ndarray, sr: int, gain_db: float) -> np.ndarray:
    """Scale by gain_db decibels."""
    return (x * np.float32(db_to_gain(gain_db))).astype(np.float32)


def fade(x: np.ndarray, sr: int, fade_in_s: float = 0.005, fade_out_s: float = 0.005) -> np.ndarray:
    """Raised-cosine fade in and out, so that the sound starts and stops without a click."""
    y = np.array(x, dtype=np.float32)
    fade_in_inplace(y, round(fade_in_s * sr))
    fade_out_inplace(y, round(fade_out_s * sr))
    return y


def pitch_shift(x: np.ndarray, sr: int, semitones: float) -> np.ndarray:
    """Shift pitch by `semitones` and keep the duration: phase-vocoder time stretch, then resampling."""
    if not -24 <= semitones <= 24:
        raise ValueError(f"semitones must be −24–24, got {semitones:g}")
    x = np.asarray(x, dtype=np.float32)
    if len(x) == 0 or semitones == 0:
        return x.copy()
    ratio = 2.0 ** (semitones / 12.0)
    stretched = _time_stretch(x, sr, ratio)
    # Played `ratio` times faster, the stretched sound is back to its length, every frequency times `ratio`.
    return np.interp(np.arange(len(x)) * ratio, np.arange(len(stretched)), stretched, right=0.0).astype(np.float32)


def _time_stretch(x: np.ndarray, sr: int, factor: float) -> np.ndarray:
    """x made `factor` times longer at the same pitch: a phase vocoder with identity phase locking.

    ~46 ms Hann frames at 75 % overlap, read at 1/factor of a frame per output frame. Each spectral peak carries
    its phase forward by its measured frequency; the bins around a peak keep their phase offsets to it, so a
    partial's bins stay coherent and its level does not wobble (Laroche & Dolson, 1999).
    """
    n_fft = 1 << round(math.log2(0.046 * sr))
    hop = n_fft // 4
    window = np.hanning(n_fft + 1)[:n_fft]
    padded = np.pad(x.astype(np.float64), (n_fft, n_fft + hop))
    spectra = np.fft.rfft(np.lib.stride_tricks.sliding_window_view(padded, n_fft)[::hop] * window, axis=1)
    steps = np.arange(0.0, len(spectra) - 1, 1.0 / factor)
    left = steps.astype(np.int64)
    weight = (steps - left)[:, None]
    magnitude = (1.0 - weight) * np.abs(spectra[left]) + weight * np.abs(spectra[left + 1])
    analysis_phase = np.angle(spectra)
    bins = np.arange(n_fft // 2 + 1)
    expected = 2.0 * np.pi * hop * bins / n_fft
    deviation = analysis_phase[left + 1] - analysis_phase[left] - expected
    advance = expected + deviation - 2.0 * np.pi * np.round(deviation / (2.0 * np.pi))
    phase = np.empty_like(magnitude)
    previous = analysis_phase[0]
    for k in range(len(steps)):
        mag = magnitude[k]
        is_peak = np.zeros(len(bins), dtype=bool)
        is_peak[1:-1] = (mag[1:-1] > mag[:-2]) & (mag[1:-1] >= mag[2:])
        if not is_peak.any():
            phase[k] = previous = previous + advance[k]
            continue
        # Every bin follows its nearest peak.
        below = np.maximum.accumulate(np.where(is_peak, bins, -len(bins)))
        above = np.minimum.accumulate(np.where(is_peak, bins, 2 * len(bins))[::-1])[::-1]
        nearest = np.where(bins - below <= above - bins, below, above)
        peak_phase = previous + advance[k]
        phase[k] = peak_phase[nearest] + analysis_phase[left[k], bins] - analysis_phase[left[k], nearest]
        previous = phase[k]
    out_frames = np.fft.irfft(magnitude * np.exp(1j * phase), n_fft, axis=1) * window
    out = np.zeros((len(out_frames) + 3) * hop)
    for q in range(4):
        # Frames q, q+4, q+8… do not overlap each other, so each group adds in one vectorized step.
        group = out_frames[q::4].ravel()
        out[q * hop : q * hop + len(group)] += group
    # Squared Hann windows at 75 % overlap sum to 1.5.
    return out[n_fft : n_fft + round(len(x) * factor)] / 1.5


def chain(x: np.ndarray, sr: int, effects: Sequence[Effect]) -> np.ndarray:
    """Apply effects in order, each called as effect(signal, sr)."""
    y = np.asarray(x, dtype=np.float32)
    for effect in effects:
        y = effect(y, sr)
    return y


def db_to_gain(gain_db: float) -> float:
    """Linear amplitude factor of gain_db decibels."""
    return 10.0 ** (gain_db / 20.0)


def fade_in_inplace(y: np.ndarray, n_samples: int) -> None:
    """Raised-cosine fade over the first n_samples of y, in place."""
    n_samples = min(n_samples, len(y))
    if n_samples > 0:
        y[:n_samples] *= _half_cosine(n_samples)


def fade_out_inplace(y: np.ndarray, n_samples: int) -> None:
    """Raised-cosine fade over the last n_samples of y, in place."""
    n_samples = min(n_samples, len(y))
    if n_samples > 0:
        y[len(y) - n_samples :] *= _half_cosine(n_samples)[::-1]


@functools.cache
def _half_cosine(n_samples: int) -> np.ndarray:
    ramp = (0.5 - 0.5 * np.cos(np.pi * (np.arange(n_samples) + 0.5) / n_samples)).astype(np.float32)
    ramp.setflags(write=False)
    return ramp


@functools.cache  # filter design costs more than filtering a short clip
def butterworth_sos(sr: int, edges_hz: tuple[float, ...], order: int, btype: str) -> np.ndarray:
    """Second-order sections of a Butterworth filter (shared and cached: do not modify)."""
    sos = butter(order, edges_hz if len(edges_hz) > 1 else edges_hz[0], btype=btype, fs=sr, output="sos")
    return sos


def peaking_section(sr: int, centre_hz: float, q: float, gain_db: float) -> np.ndarray:
    """One second-order section boosting (or cutting) gain_db around centre_hz: a cavity resonance.

    RBJ audio-EQ cookbook peaking filter; unity gain far from the centre, so broadband hiss passes coloured,
    not removed.
    """
    a = 10.0 ** (gain_db / 40.0)
    w0 = 2.0 * math.pi * min(centre_hz, 0.45 * sr) / sr
    alpha = math.sin(w0) / (2.0 * q)
    cos_w0 = math.cos(w0)
    a0 = 1.0 + alpha / a
    return np.array(
        [
            (1.0 + alpha * a) / a0,
            -2.0 * cos_w0 / a0,
            (1.0 - alpha * a) / a0,
            1.0,
            -2.0 * cos_w0 / a0,
            (1.0 - alpha / a) / a0,
        ]
    )


def allpass_section(sr: int, centre_hz: float, q: float) -> np.ndarray:
    """One second-order section that passes every frequency at unity gain and turns the phase by 180° at centre_hz
    (360° across the band around it, narrower for a higher q). RBJ audio-EQ cookbook all-pass filter."""
    w0 = 2.0 * math.pi * min(centre_hz, 0.45 * sr) / sr
    alpha = math.sin(w0) / (2.0 * q)
    cos_w0 = math.cos(w0)
    a0 = 1.0 + alpha
    return np.array([(1.0 - alpha) / a0, -2.0 * cos_w0 / a0, 1.0, 1.0, -2.0 * cos_w0 / a0, (1.0 - alpha) / a0])


def pass_section(sr: int, cutoff_hz: float, q: float, btype: str) -> np.ndarray:
    """One second-order low- or high-pass section with resonance q (0.707 is Butterworth)."""
    w0 = 2.0 * math.pi * min(cutoff_hz, 0.45 * sr) / sr
    alpha = math.sin(w0) / (2.0 * q)
    cos_w0 = math.cos(w0)
    a0 = 1.0 + alpha
    if btype == "lowpass":
        b = ((1.0 - cos_w0) / 2.0, 1.0 - cos_w0, (1.0 - cos_w0) / 2.0)
    elif btype == "highpass":
        b = ((1.0 + cos_w0) / 2.0, -(1.0 + cos_w0), (1.0 + cos_w0) / 2.0)
    else:
        raise ValueError(f"btype must be lowpass or highpass, got {btype!r}")
    return np.array([b[0] / a0, b[1] / a0, b[2] / a0, 1.0, -2.0 * cos_w0 / a0, (1.0 - alpha) / a0])


def _below_nyquist(sr: int, cutoff_hz: float) -> float:
    if not 0 < cutoff_hz < sr / 2:
        raise ValueError(f"cutoff must be between 0 and {sr / 2:g} Hz (half the sample rate), got {cutoff_hz:g}")
    return float(cutoff_hz)
