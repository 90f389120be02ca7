"""Audio files and waveform outlines for the world outside the engine."""

from __future__ import annotations

import io
import math
import struct

import numpy as np
import soundfile
from scipy.signal import resample_poly

FORMATS = ("wav", "mp3", "ogg", "opus")
CONTENT_TYPES = {"wav": "audio/wav", "mp3": "audio/mpeg", "ogg": "audio/ogg", "opus": "audio/ogg; codecs=opus"}
# libsndfile's container and codec for each format: 16-bit PCM, LAME MP3 (VBR), Vorbis, Opus (in Ogg).
_SOUNDFILE_FORMATS = {
    "wav": ("WAV", "PCM_16"),
    "mp3": ("MP3", "MPEG_LAYER_III"),
    "ogg": ("OGG", "VORBIS"),
    "opus": ("OGG", "OPUS"),
}
# Opus codes 8, 12, 16, 24 or 48 kHz only; every player decodes it at 48 kHz.
OPUS_SAMPLE_RATE = 48000
# MPEG-1/2 audio only knows these rates.
MP3_SAMPLE_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)


def encode(samples: np.ndarray, sample_rate: int, fmt: str) -> bytes:
    """The bytes of a mono audio file: "wav" (16-bit PCM), "mp3", "ogg" (Vorbis) or "opus" (Opus in Ogg, 48 kHz)."""
    if fmt not in _SOUNDFILE_FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    x = _mono(samples)
    if isinstance(sample_rate, bool) or not isinstance(sample_rate, (int, np.integer)) or sample_rate <= 0:
        raise ValueError(f"sample_rate must be a positive whole number of Hz, got {sample_rate!r}")
    if fmt == "mp3" and sample_rate not in MP3_SAMPLE_RATES:
        raise ValueError(f"mp3 needs a sample rate of {', '.join(map(str, MP3_SAMPLE_RATES))} Hz, got {sample_rate}")
    if fmt == "wav":
        return _wav_pcm16(x, int(sample_rate))
    container, subtype = _SOUNDFILE_FORMATS[fmt]
    if fmt == "opus" and sample_rate != OPUS_SAMPLE_RATE:
        x = _resampled(x, int(sample_rate), OPUS_SAMPLE_RATE)
        sample_rate = OPUS_SAMPLE_RATE
    buffer = io.BytesIO()
    # libsndfile's level 0.9 is Opus at about 35 kbit/s (its default, 64): a fart needs no more, and on a phone's slow
    # network the bytes are most of the wait before it plays.
    options = {"compression_level": 0.9} if fmt == "opus" else {}
    soundfile.write(buffer, x, int(sample_rate), subtype=subtype, format=container, **options)
    return buffer.getvalue()


def _resampled(x: np.ndarray, from_hz: int, to_hz: int) -> np.ndarray:
    divisor = math.gcd(from_hz, to_hz)
    return resample_poly(x, to_hz // divisor, from_hz // divisor).astype(np.float32)


def _wav_pcm16(x: np.ndarray, sample_rate: int) -> bytes:
    """A 16-bit PCM WAV with the bytes soundfile.write makes, in a tenth of its time (no per-chunk callbacks).

    libsndfile's conversion: scale by 2^31, round to nearest (ties to even), keep the top 16 bits. Samples outside
    [-1, 1) saturate instead of wrapping around.
    """
    scaled = np.rint(x.astype(np.float64) * 2.0**31).astype(np.int64) >> 16
    pcm = np.clip(scaled, -(2**15), 2**15 - 1).astype("<i2").tobytes()
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF", 36 + len(pcm), b"WAVE",
        b"fmt ", 16, 1, 1, sample_rate, sample_rate * 2, 2, 16,  # PCM, mono, byte rate, block align, bits
        b"data", len(pcm),
    )
    return header + pcm


def peaks(samples: np.ndarray, n: int) -> list[tuple[float, float]]:
    """(min, max) of each of n equal slices of the samples, rounded to 4 decimals, for drawing a waveform."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a whole number ≥ 1, got {n!r}")
    x = _mono(samples)
    if len(x) == 0:
        return [(0.0, 0.0)] * n
    # With fewer samples than slices, neighbouring slices share a sample rather than coming out empty.
    edges = np.arange(n, dtype=np.int64) * len(x) // n
    low = np.round(np.minimum.reduceat(x, edges).astype(np.float64), 4).tolist()
    high = np.round(np.maximum.reduceat(x, edges).astype(np.float64), 4).tolist()
    return list(zip(low, high, strict=True))


def _mono(samples: np.ndarray) -> np.ndarray:
    x = np.asarray(samples)
    if x.ndim != 1 or not np.issubdtype(x.dtype, np.floating):
        raise ValueError(f"samples must be a 1-D float array, got {x.ndim}-D {x.dtype}")
    return x.astype(np.float32, copy=False)
