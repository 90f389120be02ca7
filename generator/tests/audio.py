"""Measurements of what a listener hears, for the engine tests and bench/realism.py: duration, pitch, brightness,
onsets, transients, and the 15 realism measures (spectrum, flaps, Praat's pitch, voicing, jitter and shimmer)."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import parselmouth
from parselmouth.praat import call
from scipy.signal import butter, resample_poly, sosfilt, welch


def db_to_gain(gain_db: float) -> float:
    return 10.0 ** (gain_db / 20.0)


def peak_dbfs(x: np.ndarray) -> float:
    peak = float(np.max(np.abs(x)))
    return 20.0 * math.log10(peak) if peak > 0 else -math.inf


def valve_buzz(sr: int, duration_s: float = 1.0, f0_hz: float = 100.0, seed: int = 0) -> np.ndarray:
    """A fart's wave in its simplest form: each cycle a slow positive lobe (3 ms) and a sharp negative snap (0.2 ms)
    of the same area, each cycle's height drawn anew; as spiky for its loudness as the engine's flaps."""
    rng = np.random.default_rng(seed)
    x = np.zeros(round(duration_s * sr))
    period = sr / f0_hz
    open_n = round(0.003 * sr)
    lobe = np.sin(np.pi * np.arange(open_n) / open_n)
    snap_n = max(2, round(0.0002 * sr))
    snap = np.hanning(snap_n + 2)[1:-1]
    snap *= lobe.sum() / snap.sum()
    for k in range(int(len(x) / period) - 1):
        start = round(k * period)
        height = 0.05 * math.exp(0.3 * rng.standard_normal())
        x[start : start + open_n] += height * lobe
        x[start + open_n : start + open_n + snap_n] -= height * snap
    return x.astype(np.float32)


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
    return len(onset_times_s(x, sr, on_db, off_db, min_gap_s))


def onset_times_s(
    x: np.ndarray, sr: int, on_db: float = -20.0, off_db: float = -40.0, min_gap_s: float = 0.02
) -> np.ndarray:
    """When each puff starts (s), as onset_count counts them."""
    onsets, quiet_s, armed = [], math.inf, True
    for i, level in enumerate(envelope_db(x, sr, 0.01)):
        quiet_s = quiet_s + 0.01 if level < off_db else 0.0
        if quiet_s >= min_gap_s:
            armed = True
        if armed and level > on_db:
            onsets.append(0.01 * i)
            armed = False
    return np.array(onsets)


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
    `threshold` times the bar that falls back within 10 ms (a click or a pop, not the valve starting to hiss for a
    while), at least 15 ms after the previous one, counts.
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
    starts = np.flatnonzero(hot & ~np.roll(hot, 1))
    ends = np.flatnonzero(hot & ~np.roll(hot, -1))
    count, last = 0, -math.inf
    for i, j in zip(starts, ends, strict=True):
        if (i - last) * frame_s >= 0.015 and (j - i + 1) * frame_s <= 0.01:
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


# --- Realism: the 15 measures of issue 11, on which real fart recordings were measured.

REALISM_RATE = 22050
ACTIVE_FLOOR_DB = -35.0
PRAAT_FLOOR_HZ, PRAAT_CEILING_HZ = 30.0, 800.0
PRAAT_STEP_S = 0.005


@dataclass(frozen=True)
class Check:
    """One measure's range for each ordinary sound, and the range its batch median must land in (if any)."""

    name: str
    unit: str
    low: float
    high: float
    median_low: float = -math.inf
    median_high: float = math.inf

    def passes(self, value: float) -> bool:
        return math.isfinite(value) and self.low <= value <= self.high


CHECKS: tuple[Check, ...] = (
    Check("tilt", "dB/oct", -7.5, -2.5, -5.6, -3.4),
    Check("centroid", "Hz", 600.0, 6400.0, 1500.0, 3000.0),
    Check("above_8k", "dB", -50.0, -3.0),
    Check("octave_2k", "dB", -25.0, -7.0),
    Check("octave_125", "dB", -math.inf, -10.0, -21.0, -13.0),
    Check("flatness", "", 0.03, 0.37),
    Check("sharpness", "", 5.3, 14.0, 7.7, 9.7),
    Check("pulse_width", "ms", 0.0, 0.5),
    Check("jitter", "%", 0.9, 3.0, 1.3, 2.4),
    Check("shimmer", "%", 3.5, 15.0, 5.0, 14.0),
    Check("f0_step", "%", 0.0, 0.25),
    Check("wobble", "cents", 0.0, 35.0),
    Check("voiced", "", 0.14, 0.87, 0.25, 0.61),
    Check("hnr", "dB", -1.0, 13.0),
    Check("f0", "Hz", 60.0, 230.0),
)


def active_part(x: np.ndarray, sr: int, floor_db: float = ACTIVE_FLOOR_DB) -> np.ndarray:
    """From the first to the last 10 ms frame within floor_db of the loudest frame."""
    frame = round(0.01 * sr)
    level = envelope_db(x, sr, 0.01)
    loud = np.flatnonzero(level > floor_db)
    return np.asarray(x[loud[0] * frame : (loud[-1] + 1) * frame], dtype=np.float64)


def for_realism(x: np.ndarray, sr: int) -> np.ndarray:
    """The active part, resampled to 22.05 kHz and peak-normalised: how the recordings were measured."""
    y = active_part(x, sr)
    if sr != REALISM_RATE:
        g = math.gcd(sr, REALISM_RATE)
        y = resample_poly(y, REALISM_RATE // g, sr // g)
    return y / np.max(np.abs(y))


def band_levels_db(x: np.ndarray, sr: int, centres_hz: np.ndarray, fraction: float) -> np.ndarray:
    """Power in fractional-octave bands around centres_hz, dB re the total power of the long-term spectrum."""
    freqs, psd = welch(x, sr, nperseg=min(len(x), 4096))
    edges = 2.0 ** (fraction / 2.0)
    power = np.array([psd[(freqs >= c / edges) & (freqs < c * edges)].sum() for c in centres_hz])
    with np.errstate(divide="ignore"):
        return 10.0 * np.log10(power / psd.sum())


THIRD_OCTAVES_HZ = 1000.0 * 2.0 ** (np.arange(-10, 10) / 3.0)  # 100 Hz … 7.9 kHz


def spectral_tilt_db_per_octave(x: np.ndarray, sr: int) -> float:
    """Slope of the long-term spectrum from 100 Hz to 8 kHz: least squares on log frequency over 1/3-octave bands.

    Each band's level is its mean power density (not its total, which would rise 3 dB/oct more): white noise
    is flat, pink noise falls 3 dB/oct. That is the scale on which v1's classic measured about −9 dB/oct.
    """
    freqs, psd = welch(x, sr, nperseg=min(len(x), 4096))
    edges = 2.0 ** (1.0 / 6.0)
    density = np.array([np.mean(psd[(freqs >= c / edges) & (freqs < c * edges)]) for c in THIRD_OCTAVES_HZ])
    keep = density > 0
    return float(np.polyfit(np.log2(THIRD_OCTAVES_HZ[keep]), 10.0 * np.log10(density[keep]), 1)[0])


def _frames(x: np.ndarray, size: int, hop: int) -> np.ndarray:
    if len(x) < size:
        x = np.pad(x, (0, size - len(x)))
    return np.lib.stride_tricks.sliding_window_view(x, size)[::hop]


def _frame_power(x: np.ndarray, sr: int, size: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """Power spectra of the loud Hann frames (within 35 dB of the loudest), and their frequencies."""
    frames = _frames(x, size, size // 2)
    power = np.abs(np.fft.rfft(frames * np.hanning(size), axis=1)) ** 2
    energy = power.sum(axis=1)
    loud = energy > energy.max() * 10.0 ** (ACTIVE_FLOOR_DB / 10.0)
    return power[loud], np.fft.rfftfreq(size, 1.0 / sr)


def median_centroid_hz(x: np.ndarray, sr: int) -> float:
    power, freqs = _frame_power(x, sr)
    return float(np.median(power @ freqs / power.sum(axis=1)))


def median_flatness(x: np.ndarray, sr: int, low_hz: float = 80.0, high_hz: float = 2000.0) -> float:
    """Median spectral flatness (geometric over arithmetic mean of the power) between low_hz and high_hz."""
    power, freqs = _frame_power(x, sr)
    band = power[:, (freqs >= low_hz) & (freqs <= high_hz)] + 1e-20
    return float(np.median(np.exp(np.mean(np.log(band), axis=1)) / np.mean(band, axis=1)))


def transient_sharpness(x: np.ndarray) -> float:
    """99.9th percentile of |sample step| over the RMS step: how much of the sound arrives in sudden jumps."""
    step = np.abs(np.diff(x))
    return float(np.percentile(step, 99.9) / np.sqrt(np.mean(step**2)))


def pulse_width_ms(x: np.ndarray, sr: int, window_s: float = 0.046, loud_db: float = -20.0) -> float:
    """Median full width at half maximum of the largest spike in each loud window (within loud_db of the loudest)."""
    size = round(window_s * sr)
    frames = _frames(x, size, size)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    widths = []
    for k in np.flatnonzero(rms >= rms.max() * db_to_gain(loud_db)):
        frame = frames[k]
        i = int(np.argmax(np.abs(frame)))
        shape = frame * np.sign(frame[i]) / abs(frame[i])  # the spike upwards, its peak at 1
        widths.append(_half_width(shape, i))
    return 1e3 * float(np.median(widths)) / sr


def _half_width(shape: np.ndarray, i: int) -> float:
    """Samples between the half-maximum crossings on either side of the peak at i, interpolated."""
    left = i
    while left > 0 and shape[left - 1] >= 0.5:
        left -= 1
    right = i
    while right < len(shape) - 1 and shape[right + 1] >= 0.5:
        right += 1
    width = float(right - left)
    if left > 0:
        width += (shape[left] - 0.5) / (shape[left] - shape[left - 1])
    if right < len(shape) - 1:
        width += (shape[right] - 0.5) / (shape[right] - shape[right + 1])
    return width


def praat_measures(x: np.ndarray, sr: int) -> dict[str, float]:
    """Praat's jitter and shimmer (local), f0 steadiness and wobble, voiced fraction, HNR and median f0."""
    sound = parselmouth.Sound(x, sampling_frequency=sr)
    pitch = sound.to_pitch_cc(time_step=PRAAT_STEP_S, pitch_floor=PRAAT_FLOOR_HZ, pitch_ceiling=PRAAT_CEILING_HZ)
    f0 = pitch.selected_array["frequency"]
    voiced = f0 > 0
    points = call(sound, "To PointProcess (periodic, cc)", PRAAT_FLOOR_HZ, PRAAT_CEILING_HZ)
    jitter = call(points, "Get jitter (local)", 0, 0, 0.0001, 0.02, 1.3)
    shimmer = call([sound, points], "Get shimmer (local)", 0, 0, 0.0001, 0.02, 1.3, 1.6)
    hnr = call(sound.to_harmonicity_cc(time_step=0.01, minimum_pitch=PRAAT_FLOOR_HZ), "Get mean", 0, 0)
    return {
        "jitter": 100.0 * jitter,
        "shimmer": 100.0 * shimmer,
        "f0_step": _median_f0_step_percent(f0),
        "wobble": _wobble_cents(f0),
        "voiced": float(np.mean(voiced)) if len(f0) else 0.0,
        "hnr": hnr,
        "f0": float(np.median(f0[voiced])) if voiced.any() else math.nan,
    }


def _median_f0_step_percent(f0: np.ndarray) -> float:
    both = (f0[1:] > 0) & (f0[:-1] > 0)
    if not both.any():
        return math.nan
    return float(np.median(100.0 * np.abs(np.diff(f0))[both] / f0[:-1][both]))


def _wobble_cents(f0: np.ndarray, span_s: float = 0.15) -> float:
    """Robust s.d. (1.4826 × MAD) of log f0 around its running median over span_s, in cents."""
    cents = np.where(f0 > 0, 1200.0 * np.log2(np.maximum(f0, 1e-9)), np.nan)
    half = round(span_s / PRAAT_STEP_S) // 2
    deviations = []
    for i in np.flatnonzero(np.isfinite(cents)):
        around = cents[max(0, i - half) : i + half + 1]
        deviations.append(cents[i] - np.nanmedian(around))
    if len(deviations) < 3:
        return math.nan
    deviations = np.array(deviations)
    return float(1.4826 * np.median(np.abs(deviations - np.median(deviations))))


def realism_measures(x: np.ndarray, sr: int) -> dict[str, float]:
    """All 15 measures of a sound rendered at sr (44.1 kHz for the energy above 8 kHz to mean anything)."""
    wide = active_part(x, sr)
    y = for_realism(x, sr)
    rate = REALISM_RATE
    octaves = band_levels_db(y, rate, np.array([125.0, 2000.0]), 1.0)
    with np.errstate(divide="ignore"):
        above_8k = 10.0 * math.log10(band_share(wide, sr, 8000.0, sr / 2.0)) if sr > 16000 else math.nan
    return {
        "tilt": spectral_tilt_db_per_octave(y, rate),
        "centroid": median_centroid_hz(y, rate),
        "above_8k": above_8k,
        "octave_2k": float(octaves[1]),
        "octave_125": float(octaves[0]),
        "flatness": median_flatness(y, rate),
        "sharpness": transient_sharpness(y),
        "pulse_width": pulse_width_ms(y, rate),
        **praat_measures(y, rate),
    }


def checks_passed(measures: dict[str, float]) -> list[str]:
    """Names of the checks whose per-sound range holds the measure."""
    return [check.name for check in CHECKS if check.passes(measures[check.name])]


def stretches_s(x: np.ndarray, sr: int, floor_db: float = -45.0, min_gap_s: float = 0.1) -> list[tuple[float, float]]:
    """(start, end) of each stretch of sound: 5 ms frames within floor_db of the loudest, split by quiet of at least
    min_gap_s (shorter dips stay inside one stretch, as they do to the ear: the valve's own stops within one puff
    last up to ~60 ms)."""
    frame_s = round(0.005 * sr) / sr
    loud = np.flatnonzero(envelope_db(x, sr) > floor_db)
    if len(loud) == 0:
        return []
    breaks = np.flatnonzero(np.diff(loud) * frame_s > min_gap_s)
    starts = np.concatenate([[loud[0]], loud[breaks + 1]])
    ends = np.concatenate([loud[breaks], [loud[-1]]]) + 1
    return [(float(start * frame_s), float(end * frame_s)) for start, end in zip(starts, ends, strict=True)]


# --- Variety: how alike two takes of the same spec are (bench/realism.py, issue 11: ≤ 0.75).


def log_mel(x: np.ndarray, sr: int, bands: int = 64) -> np.ndarray:
    """Log-mel spectrogram (dB above a floor 80 dB under its peak; 46 ms frames, 23 ms hop)."""
    size, hop = 2048, 1024
    frames = np.lib.stride_tricks.sliding_window_view(np.pad(x, (0, size)), size)[::hop]
    power = np.abs(np.fft.rfft(frames * np.hanning(size), axis=1)) ** 2
    mel = power @ _mel_filters(sr, size, bands).T
    db = 10.0 * np.log10(mel + 1e-12)
    return np.maximum(db - (db.max() - 80.0), 0.0)


def _mel_filters(sr: int, size: int, bands: int) -> np.ndarray:
    def to_mel(hz: np.ndarray) -> np.ndarray:
        return 2595.0 * np.log10(1.0 + hz / 700.0)

    edges_mel = np.linspace(to_mel(np.array(30.0)), to_mel(np.array(sr / 2.0)), bands + 2)
    edges_hz = 700.0 * (10.0 ** (edges_mel / 2595.0) - 1.0)
    freqs = np.fft.rfftfreq(size, 1.0 / sr)
    low, centre, high = edges_hz[:-2, None], edges_hz[1:-1, None], edges_hz[2:, None]
    return np.maximum(0.0, np.minimum((freqs - low) / (centre - low), (high - freqs) / (high - centre)))


def similarity(a: np.ndarray, b: np.ndarray, sr: int) -> float:
    """Cosine similarity of two sounds' log-mel spectrograms (the shorter padded with silence), each band taken
    about its own mean over time: the spec fixes the long-term spectrum, which alone puts any two takes of it
    near 1; what a new take must change is what happens when (puffs, pitch movement, flaps, bubbles).
    """
    ma, mb = log_mel(a, sr), log_mel(b, sr)
    frames = max(len(ma), len(mb))
    ma, mb = (np.pad(m, ((0, frames - len(m)), (0, 0))) for m in (ma, mb))
    ma, mb = ma - ma.mean(axis=0), mb - mb.mean(axis=0)
    return float(np.sum(ma * mb) / math.sqrt(float(np.sum(ma * ma) * np.sum(mb * mb))))


def modulation_rate_hz(x: np.ndarray, sr: int, low_hz: float, high_hz: float) -> float:
    """How often the level pulses: the strongest line between low_hz and high_hz in the spectrum of the 1 ms RMS
    envelope."""
    frame = round(0.001 * sr)
    n = len(x) // frame
    level = np.sqrt(np.mean(np.asarray(x[: n * frame], dtype=np.float64).reshape(n, frame) ** 2, axis=1))
    power = np.abs(np.fft.rfft((level - level.mean()) * np.hanning(n), 8 * n)) ** 2
    rates = np.fft.rfftfreq(8 * n, 0.001)
    band = (rates >= low_hz) & (rates <= high_hz)
    return float(rates[band][np.argmax(power[band])])
