"""Rooms: convolution with synthetic impulse responses, built once per room and sample rate.

An impulse response is a direct path, a few early reflections and a late tail of decaying noise whose high band
dies faster than its low band (air and soft surfaces eat treble), shaped by the room's resonant modes and tone.
A room adds a tail after the dry sound: `tail_s(room, sr)` seconds (the response is cut where it has decayed by
50 dB, then faded), so `render` returns duration_s + tail_s of audio.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy import fft
from scipy.signal import sosfilt

from generator.engine.effects import fade_out_inplace, highpass, lowpass, peaking_section
from generator.engine.spec import ROOMS

TAIL_DECAY_DB = 50.0


@dataclass(frozen=True)
class RoomModel:
    rt60_s: float  # decay time of the low band (below crossover_hz)
    rt60_high_s: float  # decay time of the high band
    reverb_level: float  # late tail energy relative to the direct path (amplitude ratio)
    predelay_s: float = 0.0
    crossover_hz: float = 1500.0
    early: tuple[tuple[float, float], ...] = ()  # (delay_s, gain) reflections off nearby surfaces
    modes: tuple[tuple[float, float, float], ...] = ()  # (centre_hz, q, gain_db) resonances of the space
    tone_hz: float = 0.0  # low-pass over the whole response; 0 leaves it open
    tone_order: int = 2
    bubbles_per_s: float = 0.0  # gas rising through water: extra bubbles per second of full pressure


MODELS: dict[str, RoomModel] = {
    # Hard parallel tiles: dense early reflections and a flutter echo, bright, nearly a second of ring.
    "bathroom": RoomModel(
        rt60_s=0.75,
        rt60_high_s=0.65,
        reverb_level=0.8,
        predelay_s=0.003,
        crossover_hz=2500.0,
        early=((0.0031, 0.5), (0.0047, 0.42), (0.0062, 0.38), (0.0089, 0.3), (0.0124, 0.26), (0.0186, 0.2)),
        modes=((240.0, 3.0, 3.0),),
        tone_hz=9000.0,
    ),
    # Under water in a tub: everything reaches the ear low-passed, the tub itself rings at a couple of low modes.
    "bathtub": RoomModel(
        rt60_s=0.35,
        rt60_high_s=0.15,
        reverb_level=0.45,
        crossover_hz=600.0,
        early=((0.0021, 0.55), (0.0043, 0.35)),
        modes=((185.0, 4.0, 8.0), (420.0, 5.0, 6.0)),
        tone_hz=750.0,
        tone_order=4,
        bubbles_per_s=30.0,
    ),
    # A closed cabin: tiny, soft, boomy. Upholstery takes the treble, the cabin mode swells the bass.
    "car": RoomModel(
        rt60_s=0.14,
        rt60_high_s=0.07,
        reverb_level=0.35,
        crossover_hz=800.0,
        early=((0.0015, 0.45), (0.0028, 0.35), (0.0041, 0.25)),
        modes=((95.0, 2.0, 6.0),),
        tone_hz=3000.0,
    ),
    # A big stone hall: a late first reflection, then a long, darkening tail.
    "hall": RoomModel(
        rt60_s=1.9,
        rt60_high_s=1.1,
        reverb_level=1.0,
        predelay_s=0.022,
        crossover_hz=1800.0,
        early=((0.019, 0.35), (0.027, 0.3), (0.041, 0.25), (0.058, 0.2)),
        tone_hz=8000.0,
    ),
    # Sitting on a leather chair: the cushion muffles and thumps, the leather squeaks at a narrow resonance.
    "chair": RoomModel(
        rt60_s=0.09,
        rt60_high_s=0.05,
        reverb_level=0.2,
        crossover_hz=1000.0,
        early=((0.0008, 0.5),),
        modes=((160.0, 2.0, 6.0), (1150.0, 9.0, 10.0)),
        tone_hz=4000.0,
    ),
}


def apply_room(x: np.ndarray, sr: int, room: str) -> np.ndarray:
    """Convolve x with the room's impulse response; the result is longer by the room's tail."""
    if room == "none":
        return np.asarray(x, dtype=np.float32)
    ir = impulse_response(room, sr)
    n_out = len(x) + len(ir) - 1
    n_fft = _fft_size(n_out)
    spectrum = fft.rfft(np.asarray(x, dtype=np.float32), n_fft)
    spectrum *= _ir_spectrum(room, sr, n_fft)
    return fft.irfft(spectrum, n_fft)[:n_out]


def tail_s(room: str, sr: int) -> float:
    """Seconds of sound the room adds after the dry sound ends."""
    return 0.0 if room == "none" else (len(impulse_response(room, sr)) - 1) / sr


@functools.cache
def impulse_response(room: str, sr: int) -> np.ndarray:
    """The room's impulse response at sr (float32, read-only, built once)."""
    if room not in MODELS:
        raise ValueError(f"room must be one of {', '.join(ROOMS)}, got {room!r}")
    model = MODELS[room]
    # A fixed seed per room: a room sounds the same in every render.
    rng = np.random.default_rng(ROOMS.index(room))
    length = round((model.predelay_s + model.rt60_s * TAIL_DECAY_DB / 60.0) * sr)
    noise = rng.standard_normal(length).astype(np.float32)
    low = lowpass(noise, sr, model.crossover_hz, order=2)
    high = highpass(noise, sr, model.crossover_hz, order=2)
    t = np.arange(length) / sr - model.predelay_s
    after = np.maximum(t, 0.0)
    late = low * np.exp(-6.91 * after / model.rt60_s) + high * np.exp(-6.91 * after / model.rt60_high_s)
    # Echo density builds up over the first ~10 ms rather than starting at full strength.
    late *= (t >= 0) * (1.0 - np.exp(-after / 0.01))
    late *= model.reverb_level / math.sqrt(float(np.sum(late * late)))
    ir = late
    ir[0] += 1.0
    for delay_s, gain in model.early:
        ir[round(delay_s * sr)] += gain
    if model.modes:
        ir = sosfilt(np.array([peaking_section(sr, hz, q, db) for hz, q, db in model.modes]), ir)
    if model.tone_hz:
        ir = lowpass(ir, sr, min(model.tone_hz, 0.45 * sr), order=model.tone_order)
    ir = np.asarray(ir, dtype=np.float32)
    fade_out_inplace(ir, length // 10)
    ir.setflags(write=False)
    return ir


@functools.lru_cache(maxsize=16)
def _ir_spectrum(room: str, sr: int, n_fft: int) -> np.ndarray:
    spectrum = fft.rfft(impulse_response(room, sr), n_fft)
    spectrum.setflags(write=False)
    return spectrum


def _fft_size(n: int) -> int:
    # Round up to one of eight sizes per octave so that cached IR spectra get reused across durations.
    step = 1 << max(0, n.bit_length() - 4)
    return fft.next_fast_len(-(-n // step) * step, real=True)
