"""Rooms: the colour of a space and its reverberation, built once per room and sample rate.

A room does two things to a sound, split the way reverbs usually are:

- its colour, the resonant modes of the space and how much treble its surfaces swallow, is a set of filter
  sections (`coloration_sos`); `render` appends them to the cavity filter, so they cost no extra pass;
- its reverberation, early reflections and a late tail of decaying noise whose high band dies faster than its
  low band, is added by FFT convolution at a reduced sample rate (`add_reverb`): the tail carries no treble
  worth the full rate, and a quarter of the samples makes the convolution several times cheaper. The tail is
  cut where it has decayed by 50 dB, then faded.

A room makes the sound longer by `tail_s(room, sr)` seconds. The bathtub also sets a rate of gas bubbles that
`render` adds to the sound (they reach the surface where the pressure pushes) and how little of the valve's own
buzz gets out of the water.
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
# The reverberation runs at the sample rate divided by the room's divisor, but never below this rate.
MIN_REVERB_RATE_HZ = 11025


@dataclass(frozen=True)
class RoomModel:
    rt60_s: float  # decay time of the low band (below crossover_hz)
    rt60_high_s: float  # decay time of the high band; the tail lasts as long as the longer of the two
    reverb_level: float  # energy of the late tail relative to the direct sound (amplitude ratio)
    predelay_s: float = 0.0
    crossover_hz: float = 1500.0
    early: tuple[tuple[float, float], ...] = ()  # (delay_s, gain) reflections off nearby surfaces
    # (centre_hz, q, gain_db) of the space's colour: its resonant modes, and broad dips where soft surfaces
    # swallow sound (no low-pass: a room takes some treble away, not all of it).
    modes: tuple[tuple[float, float, float], ...] = ()
    divisor: int = 4  # the reverberation's sample rate is sr / divisor
    bubbles_per_s: float = 0.0  # gas rising through water: bubbles reaching the surface per second of full pressure
    direct_gain: float = 1.0  # how much of the valve's own sound reaches the air


MODELS: dict[str, RoomModel] = {
    # Hard parallel tiles: dense early reflections and a bright half-second ring. The tiles keep the treble; the
    # door and the towels take a little of the low mids.
    "bathroom": RoomModel(
        rt60_s=0.55,
        rt60_high_s=0.5,
        reverb_level=0.45,
        predelay_s=0.003,
        crossover_hz=1200.0,
        early=((0.0031, 0.5), (0.0047, 0.42), (0.0062, 0.38), (0.0089, 0.3), (0.0124, 0.26), (0.0186, 0.2)),
        modes=((240.0, 2.0, -2.0),),
        divisor=2,
    ),
    # In the bath, what reaches the air is the gas bursting at the surface, in a small tiled room; the buzz under
    # water barely couples into the air.
    "bathtub": RoomModel(
        rt60_s=0.42,
        rt60_high_s=0.36,
        reverb_level=0.5,
        predelay_s=0.002,
        crossover_hz=2500.0,
        early=((0.0021, 0.5), (0.0043, 0.35), (0.0071, 0.3), (0.0112, 0.22)),
        modes=((185.0, 2.0, 2.0),),
        divisor=2,
        bubbles_per_s=45.0,
        direct_gain=0.1,
    ),
    # A closed cabin: tiny, soft, boomy. Its lowest mode (~55 Hz) swells the bass under the buzz rather than on
    # it, upholstery dulls the treble a little.
    "car": RoomModel(
        rt60_s=0.14,
        rt60_high_s=0.08,
        reverb_level=0.22,
        crossover_hz=800.0,
        early=((0.0015, 0.45), (0.0028, 0.35), (0.0041, 0.25)),
        modes=((55.0, 2.5, 6.0), (4500.0, 0.7, -2.0)),
    ),
    # A big stone hall: a late first reflection, then a long tail. Bare stone throws the treble back as well as
    # the bass, and the wood and people in it soak up some of the bass: the tail rings on bright, as a recording
    # in one does (a dark tail would drown the buzz's treble: centroid 400 Hz).
    "hall": RoomModel(
        rt60_s=1.4,
        rt60_high_s=1.8,
        reverb_level=0.3,
        predelay_s=0.022,
        crossover_hz=600.0,
        early=((0.019, 0.35), (0.027, 0.3), (0.041, 0.25), (0.058, 0.2)),
        modes=((2500.0, 0.7, 4.0),),
    ),
    # Sitting on a leather chair: the leather squeaks at a resonance and the cushion takes a little treble; its
    # thump stays faint (a bass lift stacked on the buzz measured 125 Hz at −8 dB re the total), and the cushion
    # soaks up some of the low end that its close reflection and short tail would otherwise pile on.
    "chair": RoomModel(
        rt60_s=0.09,
        rt60_high_s=0.05,
        reverb_level=0.15,
        crossover_hz=1000.0,
        early=((0.0008, 0.2),),
        modes=((140.0, 0.8, -2.5), (1150.0, 5.0, 5.0), (6000.0, 0.7, -1.5)),
    ),
}


def apply_room(x: np.ndarray, sr: int, room: str) -> np.ndarray:
    """The sound as heard in the room: coloured, with its reverberation; longer by the room's tail."""
    if room == "none":
        return np.asarray(x, dtype=np.float32)
    return add_reverb(sosfilt(coloration_sos(room, sr), x), sr, room)


@functools.cache
def coloration_sos(room: str, sr: int) -> np.ndarray:
    """Second-order sections for the room's modes and dips (float32; none for "none")."""
    if room == "none":
        return np.zeros((0, 6), dtype=np.float32)
    sections = [peaking_section(sr, hz, q, gain_db) for hz, q, gain_db in _model(room).modes]
    return np.array(sections, dtype=np.float32).reshape(-1, 6)


def add_reverb(x: np.ndarray, sr: int, room: str) -> np.ndarray:
    """x followed by the room's reflections and tail (a new float32 array, longer by the tail)."""
    if room == "none":
        return np.asarray(x, dtype=np.float32)
    divisor = _divisor(room, sr)
    response = reverb_response(room, sr)
    n = len(x)
    n_out = n + (len(response) - 1) * divisor
    # Means of `divisor` neighbouring samples: a rough anti-alias filter, good enough for a diffuse tail.
    blocks = -(-n // divisor)
    padded = np.zeros(blocks * divisor, dtype=np.float32)
    padded[:n] = x
    reduced = padded[0::divisor].copy()
    for phase in range(1, divisor):
        reduced += padded[phase::divisor]
    reduced *= np.float32(1.0 / divisor)
    n_wet = blocks + len(response) - 1
    n_fft = _fft_size(n_wet + 1)
    spectrum = fft.rfft(reduced, n_fft)
    spectrum *= _response_spectrum(room, sr, n_fft)
    # One sample past the convolution's end, where it is silent: the last interpolation step lands on it.
    wet = fft.irfft(spectrum, n_fft)[: n_wet + 1]
    out = np.zeros(n_wet * divisor, dtype=np.float32)
    out[:n] = x
    # Back to the full rate by linear interpolation, one interleaved phase at a time.
    ramp = np.arange(divisor, dtype=np.float32) / np.float32(divisor)
    steps = wet[1:] - wet[:-1]
    grid = out.reshape(n_wet, divisor)
    for phase in range(divisor):
        grid[:, phase] += wet[:-1] + steps * ramp[phase]
    return out[:n_out]


def tail_s(room: str, sr: int) -> float:
    """Seconds of sound the room adds after the dry sound ends."""
    return 0.0 if room == "none" else (len(reverb_response(room, sr)) - 1) * _divisor(room, sr) / sr


@functools.cache
def reverb_response(room: str, sr: int) -> np.ndarray:
    """Reflections and late tail of the room, without the direct sound, at sr / divisor (float32, read-only)."""
    model = _model(room)
    rate = sr / _divisor(room, sr)
    # A fixed seed per room: a room sounds the same in every render.
    rng = np.random.default_rng(ROOMS.index(room))
    length = round((model.predelay_s + max(model.rt60_s, model.rt60_high_s) * TAIL_DECAY_DB / 60.0) * rate)
    noise = rng.standard_normal(length).astype(np.float32)
    crossover_hz = min(model.crossover_hz, 0.4 * rate)
    low = lowpass(noise, round(rate), crossover_hz, order=2)
    high = highpass(noise, round(rate), crossover_hz, order=2)
    t = np.arange(length) / rate - model.predelay_s
    after = np.maximum(t, 0.0)
    late = low * np.exp(-6.91 * after / model.rt60_s) + high * np.exp(-6.91 * after / model.rt60_high_s)
    # Echo density builds up over the first ~10 ms rather than starting at full strength.
    late *= (t >= 0) * (1.0 - np.exp(-after / 0.01))
    late *= model.reverb_level / math.sqrt(float(np.sum(late * late)))
    for delay_s, gain in model.early:
        late[round(delay_s * rate)] += gain
    response = late.astype(np.float32)
    fade_out_inplace(response, length // 10)
    response.setflags(write=False)
    return response


def _model(room: str) -> RoomModel:
    if room not in MODELS:
        raise ValueError(f"room must be one of {', '.join(ROOMS)}, got {room!r}")
    return MODELS[room]


def _divisor(room: str, sr: int) -> int:
    return max(1, min(_model(room).divisor, sr // MIN_REVERB_RATE_HZ))


@functools.lru_cache(maxsize=32)
def _response_spectrum(room: str, sr: int, n_fft: int) -> np.ndarray:
    spectrum = fft.rfft(reverb_response(room, sr), n_fft)
    spectrum.setflags(write=False)
    return spectrum


def _fft_size(n: int) -> int:
    # Round up to one of eight sizes per octave so that cached spectra get reused across durations.
    step = 1 << max(0, n.bit_length() - 4)
    return fft.next_fast_len(-(-n // step) * step, real=True)
