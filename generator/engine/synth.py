"""The fart model: a pressure-driven lip reed (the sphincter) buzzing into soft cavities, with air and water.

    pressure envelope: bursts, each with onset, fluctuating sustain and tail-off
        │ drives the pitch (glide × flutter × jitter × sag with pressure) and how far the reed opens
        ▼
    band-limited lip-reed pulses + turbulence while the reed is open + steady hiss + low wet splutter
        ▼
    + bubbles and crackle: damped sinusoids at Poisson times, more of them the wetter the spec
        ▼
    cavity: sub-sonic high-pass (which also keeps the bubbles free of DC), three resonances, soft-cheek
    low-pass, and the room's colour, all in one filter call
        ▼
    room reverberation (FFT convolution) → click-free fades → loudness normalizer (peak ≤ −1 dBFS)

Slow quantities live at a control rate of about 1.4 kHz and reach audio rate in one interpolation step; that
keeps a 3 s render to a few milliseconds. Every random value comes from one seeded Generator per render.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy.signal import sosfilt

from generator.engine.effects import fade_in_inplace, fade_out_inplace, pass_section, peaking_section
from generator.engine.mixer import LOUDNESS_TARGET_LUFS, normalize_in_place
from generator.engine.presets import DEFAULT_CAVITY_HZ, PRESETS
from generator.engine.rooms import MODELS, add_reverb, coloration_sos
from generator.engine.scratch import scratch
from generator.engine.spec import FartSpec

# Bump whenever the samples for an existing (spec, sample rate) change, so stored sounds can be re-rendered.
ENGINE_VERSION = 1

MIN_SAMPLE_RATE = 8000
MAX_SAMPLE_RATE = 192_000
CONTROL_RATE_HZ = 1400
# The reed stays open for at least this many samples per cycle, so the pulse has no energy near Nyquist to alias.
MIN_OPEN_SAMPLES = 32
# Loudness 0.7 (the default) plays at the common target (LOUDNESS_TARGET_LUFS); see loudness_target_lufs.
DEFAULT_LOUDNESS = 0.7
QUIETEST_LUFS = -36.0
LOUDEST_LUFS = -12.0
GAP_RATIO = 0.6  # silence between puffs, relative to an average puff
TAIL_SHARE = 0.35  # last part of a puff in which the pressure sags
FINAL_CLOSE_S = 0.008  # the sphincter shuts: a short ramp to silence at the end of each puff
EDGE_FADE_S = 0.003  # the very first and last samples, a room's tail included, fade to silence: no clicks
ACCENT_S = 0.06  # decay of the overshoot at the start of each puff
# Rate ranges of the modulators: cheek flutter, pitch wobble, cheek roll, wet flapping.
MODULATOR_LOW_HZ = np.array([5.0, 9.0, 18.0, 9.0])
MODULATOR_SPAN_HZ = np.array([4.0, 7.0, 14.0, 13.0])
NOISE_TABLE_SIZE = 1 << 21  # 8 MB of float32: 23 s at 44.1 kHz, so every clip up to 12 s reads a stretch of it
NOISE_TABLE_SEED = 20_260_425


@dataclass(frozen=True)
class _Events:
    """Damped sinusoids to add before the cavity: start sample, Hz, decay time constant (s), level, upward chirp."""

    start: np.ndarray
    freq_hz: np.ndarray
    tau_s: np.ndarray
    level: np.ndarray
    chirp: np.ndarray
    max_len: int


@dataclass(frozen=True)
class _Plan:
    n: int
    hop: int
    phase0: np.ndarray  # per control block: reed phase (cycles, 0–1) at the block start
    phase_step: np.ndarray  # per block: cycles per sample at the block start
    phase_curve: np.ndarray  # per block: second-order phase term from the pitch changing within the block
    inv_open: np.ndarray  # per control point: 1 / open quotient
    amp: np.ndarray  # per control point: reed amplitude (pressure × shimmer × rasp)
    splutter: np.ndarray  # per control point: low wet noise, interpolated into a splutter
    noise: np.ndarray  # white noise on the (hop + 1, blocks) grid
    buzz_gain: float
    turbulence_gain: float
    hiss_gain: float
    cavity_sos: np.ndarray
    active_s: float
    events: tuple[_Events, ...]


def render(spec: FartSpec, sample_rate: int = 44100) -> np.ndarray:
    """Mono float32 samples of the spec, peak ≤ −1 dBFS; a room adds its tail. Same spec and rate → same samples."""
    sr = _checked_rate(sample_rate)
    plan = _plan(spec, sr, np.random.default_rng(spec.seed))
    # Room past the end for the last bubbles to ring out into; the filter only reads the first n samples.
    x = _source(plan, plan.hop + max((events.max_len for events in plan.events), default=0))
    # einsum, not dot: a BLAS call may wake a thread pool for one sum of squares.
    level = math.sqrt(float(np.einsum("i,i->", x[: plan.n], x[: plan.n])) / max(1.0, plan.active_s * sr))
    for events in plan.events:
        _add_events(x, sr, events, level)
    y = add_reverb(sosfilt(plan.cavity_sos, x[: plan.n]), sr, spec.room)
    fade_in_inplace(y, round(EDGE_FADE_S * sr))
    fade_out_inplace(y, round(EDGE_FADE_S * sr))
    normalize_in_place(y, sr, loudness_target_lufs(spec.loudness))
    return y


def loudness_target_lufs(loudness: float) -> float:
    """The integrated loudness a spec's `loudness` (0–1) asks for: the common target at the default 0.7,
    QUIETEST_LUFS at 0, LOUDEST_LUFS at 1 (as loud as a fart gets under a −1 dBFS ceiling without squashing it).
    """
    if loudness >= DEFAULT_LOUDNESS:
        share = (loudness - DEFAULT_LOUDNESS) / (1.0 - DEFAULT_LOUDNESS)
        return LOUDNESS_TARGET_LUFS + share * (LOUDEST_LUFS - LOUDNESS_TARGET_LUFS)
    share = (DEFAULT_LOUDNESS - loudness) / DEFAULT_LOUDNESS
    return LOUDNESS_TARGET_LUFS + share * (QUIETEST_LUFS - LOUDNESS_TARGET_LUFS)


def pulse_shape(x: np.ndarray) -> np.ndarray:
    """Radiated pressure of one reed opening, x = 0…1 across the open phase (1 = closed).

    The gas flow through the opening is x⁶(1 − x)³: it swells slowly and snaps shut, like buzzing lips; what
    we hear is its derivative x⁵(1 − x)²(6 − 9x). That starts and ends at zero with continuous slope and
    curvature, so the pulse has no clicks and its spectrum falls fast enough above the buzz not to alias.
    """
    return x**5 * (1.0 - x) ** 2 * (6.0 - 9.0 * x)


# Mean square of pulse_shape over one open phase, to give the buzz unit power whatever the open quotient.
_PULSE_POWER = float(np.mean(pulse_shape(np.linspace(0.0, 1.0, 100_001)) ** 2))
# Peak of the opening x⁶(1 − x)³, at x = 2/3.
_OPENING_PEAK = (2.0 / 3.0) ** 6 * (1.0 / 3.0) ** 3
_HISS_RMS = math.sqrt(2.0 / 12.0)  # difference of two uniform(−0.5, 0.5) draws
_NOISE_RMS = math.sqrt(1.0 / 12.0)


def _checked_rate(sample_rate: int) -> int:
    if isinstance(sample_rate, bool) or not isinstance(sample_rate, (int, np.integer)):
        raise ValueError(f"sample_rate must be a whole number of Hz, got {sample_rate!r}")
    if not MIN_SAMPLE_RATE <= sample_rate <= MAX_SAMPLE_RATE:
        raise ValueError(f"sample_rate must be {MIN_SAMPLE_RATE}–{MAX_SAMPLE_RATE} Hz, got {sample_rate}")
    return int(sample_rate)


def _plan(spec: FartSpec, sr: int, rng: np.random.Generator) -> _Plan:
    n = max(1, round(spec.duration_s * sr))
    hop = max(8, sr // CONTROL_RATE_HZ)
    blocks = -(-n // hop)
    # Control-rate curves are single precision: modulators need no more, and it halves their cost.
    t = np.arange(blocks + 1, dtype=np.float32) * np.float32(hop / sr)
    rough, tight, wet, breath = spec.roughness, spec.tightness, spec.wetness, spec.breathiness

    spans = _burst_spans(spec.duration_s, spec.bursts, 0.1 + 0.5 * rough, rng)
    shape, burst_gain, burst_pitch = _pressure(spec, t, spans, rng)
    # Rates (Hz) and start phases of the modulators: cheek flutter, pitch wobble, cheek roll, wet flapping.
    flutter_hz, wobble_hz, roll_hz, flap_hz = MODULATOR_LOW_HZ + rng.random(4) * MODULATOR_SPAN_HZ
    phases = rng.random(4) * (2.0 * np.pi)

    # Slow wander of the pressure (the push is never steady) and a faster flutter of the cheeks.
    wander = _knots(rng, t, spec.duration_s, 12.0)
    flutter = _sine(t, flutter_hz, phases[0])
    fluctuation = (0.06 + 0.22 * rough) * wander
    fluctuation += (0.05 + 0.15 * rough) * flutter
    fluctuation += 1.0
    pressure = shape * np.clip(fluctuation, 0.45, 1.8)

    # Pitch: the glide, sagging when the pressure drops, wobbling with the flutter and drifting slowly.
    pitch = np.exp(np.float32(math.log(spec.pitch_end_hz / spec.pitch_hz)) * np.minimum(t / spec.duration_s, 1))
    pitch *= np.float32(spec.pitch_hz)
    pitch *= 0.62 + 0.38 * np.minimum(pressure, 1.2)
    pitch *= burst_pitch
    pitch *= 1.0 + (0.006 + 0.05 * rough) * (flutter + 0.6 * _sine(t, wobble_hz, phases[1]))
    pitch *= 1.0 + (0.005 + 0.07 * rough) * _knots(rng, t, spec.duration_s, 4.0)
    # Cycle-to-cycle jitter: one random period change per reed cycle (cycles counted before the jitter).
    rough_cycles = (np.cumsum(pitch, dtype=np.float64) * (hop / sr)).astype(np.int64)
    jitter = rng.standard_normal(int(rough_cycles[-1]) + 1, dtype=np.float32)
    jitter *= np.float32(0.003 + 0.06 * rough)
    jitter += 1.0
    pitch *= jitter[rough_cycles]
    np.clip(pitch, 12.0, 0.2 * sr, out=pitch)

    # Integrate the piecewise-linear pitch exactly: phase at every control point, then per-block coefficients.
    step = pitch.astype(np.float64) / sr
    delta = np.diff(step)
    advance = step[:-1] * hop + delta * ((hop - 1) / 2.0)
    # The sphincter first opens as the sound starts: phase 0 at t = 0.
    phase = np.zeros(blocks + 1)
    np.cumsum(advance, out=phase[1:])
    cycle_index = phase.astype(np.int64)

    # Per reed cycle: shimmer (its strength), rasp (every other cycle weaker: a subharmonic, the raspberry
    # sound) and sputter (as the pressure runs out the reed misses cycles: pfft-t-t).
    n_cycles = int(cycle_index[-1]) + 1
    shimmer = rng.standard_normal(n_cycles, dtype=np.float32)
    shimmer *= np.float32(0.03 + 0.3 * rough)
    shimmer += 1.0
    np.clip(shimmer, 0.15, 2.0, out=shimmer)
    missed = rng.random(n_cycles, dtype=np.float32)[cycle_index] < rough * np.clip(1.6 - 2.0 * pressure, 0.0, 0.8)
    amp = pressure * burst_gain
    amp *= shimmer[cycle_index]
    amp *= 1.0 - 0.5 * rough * (cycle_index & 1).astype(np.float32)
    amp[missed] *= 0.25
    # The cheeks flap against each other a few dozen times a second: the rolling "brrr".
    amp *= 1.0 - 0.225 * rough * (1.0 + _sine(t, roll_hz, phases[2]))

    base_open = 0.45 - 0.3 * tight - 0.08 * (spec.loudness - 0.5)
    # More pressure blows the reed open for less of each cycle: sharper pulses, a brighter buzz.
    open_quotient = base_open * (1.2 - 0.2 * np.minimum(pressure, 1.2))
    np.clip(open_quotient, MIN_OPEN_SAMPLES / sr * pitch, 0.95, out=open_quotient)

    flap = np.maximum(0.0, _sine(t, flap_hz, phases[3]))
    flap *= flap
    flap *= 0.75
    flap += 0.25
    splutter = rng.random(blocks + 1, dtype=np.float32)
    splutter -= 0.5
    splutter *= np.float32(0.9 * wet**1.3 * math.sqrt(12.0))
    splutter *= flap
    splutter *= pressure
    splutter *= burst_gain

    active_s = float(np.sum(spans[:, 1] - spans[:, 0]))
    return _Plan(
        n=n,
        hop=hop,
        phase0=(phase[:-1] - cycle_index[:-1]).astype(np.float32),
        phase_step=step[:-1].astype(np.float32),
        phase_curve=(delta / (2.0 * hop)).astype(np.float32),
        inv_open=1.0 / open_quotient,
        amp=amp,
        splutter=splutter,
        noise=_noise(rng, (hop + 1, blocks)),
        buzz_gain=(1.0 - breath) ** 1.5 / math.sqrt(base_open * _PULSE_POWER),
        turbulence_gain=(0.12 + 0.3 * rough) * (1.0 - 0.5 * breath) / (_OPENING_PEAK * _NOISE_RMS),
        hiss_gain=(0.08 + 1.4 * breath**1.5) / _HISS_RMS,
        cavity_sos=_cavity_sos(spec, sr, rng),
        active_s=active_s,
        events=_wet_events(spec, sr, hop, pressure * burst_gain, active_s, rng),
    )


def _knots(rng: np.random.Generator, t: np.ndarray, duration_s: float, per_s: float) -> np.ndarray:
    """A smooth random curve (unit variance at its knots), with `per_s` knots a second, linearly joined."""
    knots = rng.standard_normal(int(duration_s * per_s) + 2)
    return np.interp(t, np.arange(len(knots)) / per_s, knots).astype(np.float32)


def _sine(t: np.ndarray, hz: float, phase: float) -> np.ndarray:
    # Modulators need no double precision, and single-precision sine is an order of magnitude faster.
    return np.sin((2.0 * np.pi * hz * t + phase).astype(np.float32))


def _noise(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """Uniform white noise in −0.5…0.5: a seed-chosen stretch of a fixed table, or fresh draws if too long."""
    size = shape[0] * shape[1]
    table = _noise_table()
    if size > len(table) // 2:
        return rng.random(shape, dtype=np.float32) - np.float32(0.5)
    # Reading a table costs nothing; drawing this much noise would be a tenth of the render time.
    start = int(rng.integers(0, len(table) - size))
    return table[start : start + size].reshape(shape)


@functools.cache
def _noise_table() -> np.ndarray:
    table = np.random.default_rng(NOISE_TABLE_SEED).random(NOISE_TABLE_SIZE, dtype=np.float32) - np.float32(0.5)
    table.setflags(write=False)
    return table


def _burst_spans(duration_s: float, bursts: int, irregularity: float, rng: np.random.Generator) -> np.ndarray:
    """(start_s, end_s) of each puff; the first starts at 0 and the last ends at duration_s."""
    steps = np.zeros(2 * bursts)  # 0, puff, gap, puff, gap, ..., puff
    steps[1::2] = 1.0 + irregularity * rng.uniform(-0.8, 0.8, bursts)
    steps[2::2] = GAP_RATIO * (1.0 + irregularity * rng.uniform(-0.8, 0.8, bursts - 1))
    edges = np.cumsum(steps)
    edges *= duration_s / edges[-1]
    return edges.reshape(bursts, 2)


def _pressure(
    spec: FartSpec, t: np.ndarray, spans: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per control point: pressure shape (0–1), loudness of its puff, pitch factor of its puff."""
    puff_gain = 1.0 - (0.1 + 0.3 * spec.roughness) * rng.random(len(spans))
    puff_pitch = 1.0 + (0.02 + 0.08 * spec.roughness) * rng.uniform(-1.0, 1.0, len(spans))
    accent = rng.uniform(0.2, 0.6)
    # Every control point belongs to the puff that started last before it (gaps to the puff before them, whose
    # shape is zero there): the whole envelope is computed in one go, whatever the number of puffs.
    start = spans[:, 0].astype(np.float32)
    length = (spans[:, 1] - spans[:, 0]).astype(np.float32)
    which = np.searchsorted(start, t, side="right") - 1 if len(spans) > 1 else None

    def each(per_puff: np.ndarray) -> np.ndarray:
        # A lone puff's values broadcast as they are: no need to copy them to every control point.
        return np.take(per_puff.astype(np.float32), which) if which is not None else per_puff.astype(np.float32)

    local = t - each(start)
    rise = np.minimum(local * each(1.0 / np.minimum(0.008 + 0.05 * (1.0 - spec.tightness), 0.15 * length)), 1.0)
    rise *= 2.0 - rise
    # The first push overshoots before the pressure settles: the "p" in "pfrrt".
    rise *= 1.0 + accent * np.exp(local * np.float32(-1.0 / ACCENT_S))
    sag = np.clip((local - each((1.0 - TAIL_SHARE) * length)) * each(1.0 / (TAIL_SHARE * length)), 0.0, 1.0)
    tail_level = 0.3 if len(spans) == 1 else 0.45
    rise *= 1.0 - (1.0 - tail_level) * sag * sag * (3.0 - 2.0 * sag)
    # The sphincter shuts: a short ramp to silence, and silence until the next puff.
    rise *= np.clip((each(length) - local) * each(1.0 / np.minimum(FINAL_CLOSE_S, 0.04 * length)), 0.0, 1.0)
    return rise, np.broadcast_to(each(puff_gain), t.shape), np.broadcast_to(each(puff_pitch), t.shape)


def _cavity_sos(spec: FartSpec, sr: int, rng: np.random.Generator) -> np.ndarray:
    preset = PRESETS.get(spec.preset) if spec.preset else None
    centres_hz = preset.cavity_hz if preset else DEFAULT_CAVITY_HZ
    sharpness = preset.cavity_sharpness if preset else 1.0
    # A tighter sphincter sits in a tenser, smaller cavity: higher, sharper resonances and less cheek damping.
    shift = 2.0 ** (spec.tightness - 0.5) * (1.0 + 0.06 * rng.uniform(-1.0, 1.0, 3))
    q_scale = sharpness * (0.7 + 0.8 * spec.tightness)
    sections = [pass_section(sr, 22.0, 0.7, "highpass")]
    for centre_hz, q, gain_db in zip(centres_hz * shift, (1.2, 2.0, 2.5), (6.0, 8.0, 6.0), strict=True):
        sections.append(peaking_section(sr, centre_hz, q * q_scale, gain_db))
    sections.append(pass_section(sr, 2200.0 + 4500.0 * spec.tightness, 0.6, "lowpass"))
    # The room's colour joins the same filter call. Single precision is plenty for these poles and keeps the
    # filtered sound in float32.
    return np.concatenate([np.array(sections, dtype=np.float32), coloration_sos(spec.room, sr)])


def _wet_events(
    spec: FartSpec, sr: int, hop: int, pressure: np.ndarray, active_s: float, rng: np.random.Generator
) -> tuple[_Events, ...]:
    # Bubbles and crackle happen where gas pushes liquid: place them by pressure, as a Poisson process.
    weight = np.cumsum(np.maximum(pressure, 0.0))
    if weight[-1] <= 0:
        return ()
    kinds = []
    rate_per_s = 70.0 * spec.wetness**1.5
    # (count, Hz range, decay range in s, level range, level scale): bubbles ring, crackle clicks.
    # A nearly dry sound gets the odd faint pop, not a loud click.
    wet_level = 0.25 + 0.75 * spec.wetness
    kinds.append((rng.poisson(0.6 * rate_per_s * active_s), (350.0, 2200.0), (0.0015, 0.007), (1.0, 3.0), wet_level))
    kinds.append((rng.poisson(0.4 * rate_per_s * active_s), (1800.0, 5000.0), (0.0002, 0.0008), (1.5, 4.5), wet_level))
    tub_rate = MODELS[spec.room].bubbles_per_s if spec.room in MODELS else 0.0
    # Farting in the bath: big bubbles of escaping gas, blub-blub.
    kinds.append((rng.poisson(tub_rate * active_s), (130.0, 600.0), (0.008, 0.03), (0.6, 1.5), 1.0))
    events = []
    for count, (f_lo, f_hi), (tau_lo, tau_hi), (lvl_lo, lvl_hi), scale in kinds:
        if count == 0:
            continue
        control = np.searchsorted(weight, rng.random(count) * weight[-1])
        start = control * hop + (rng.random(count) * hop).astype(np.int64)
        local_pressure = np.sqrt(np.clip(pressure[np.minimum(control, len(pressure) - 1)], 0.0, 1.5))
        events.append(
            _Events(
                start=start,
                freq_hz=np.exp(rng.uniform(math.log(min(f_lo, 0.4 * sr)), math.log(min(f_hi, 0.45 * sr)), count)),
                tau_s=np.exp(rng.uniform(math.log(tau_lo), math.log(tau_hi), count)),
                level=rng.uniform(lvl_lo, lvl_hi, count) * local_pressure * scale,
                chirp=rng.uniform(0.05, 0.3, count),
                max_len=math.ceil(4.0 * tau_hi * sr),
            )
        )
    return tuple(events)


def _source(plan: _Plan, spare: int) -> np.ndarray:
    """The reed and its air at audio rate, before the cavity, followed by `spare` samples of silence.

    Works on a (hop, blocks) grid, one column per control block, so that every step is one long vectorized
    operation; the end puts the samples back in time order. Steps run in place on scratch arrays. The result
    is scratch too: the caller filters its first plan.n samples into a fresh array.
    """
    ramp, index, index_curve = _ramps(plan.hop)
    grid = (plan.hop, len(plan.phase_step))
    size = grid[0] * grid[1]
    x = np.multiply(index, plan.phase_step, out=scratch(0, size).reshape(grid))
    work = np.multiply(index_curve, plan.phase_curve, out=scratch(1, size).reshape(grid))
    x += work
    x += plan.phase0
    np.floor(x, out=work)
    x -= work
    x *= _interpolate(plan.inv_open, ramp, out=work)
    # Against a row of ones, not the scalar 1: NumPy's scalar minimum misses the vectorized loop (4× slower).
    np.minimum(x, np.ones((1, grid[1]), dtype=np.float32), out=x)
    # pulse_shape and the opening x⁶(1 − x)³ (which lets the turbulence through) share x⁵(1 − x)².
    one = np.float32(1.0)
    shut = np.subtract(one, x, out=work)
    shut *= shut
    pulse = np.multiply(x, x, out=scratch(2, size).reshape(grid))
    pulse *= pulse
    pulse *= x
    pulse *= shut
    opening = np.subtract(one, x, out=work)
    opening *= x
    opening *= pulse
    opening *= plan.noise[:-1]
    opening *= np.float32(plan.turbulence_gain)
    x *= np.float32(-9.0 * plan.buzz_gain)
    x += np.float32(6.0 * plan.buzz_gain)
    pulse *= x
    pulse += opening
    # Neighbouring noise samples subtracted: hiss tilted towards the treble. Column tops and bottoms pair up
    # across blocks with fresh draws, which leaves the spectrum as it is.
    hiss = np.subtract(plan.noise[1:], plan.noise[:-1], out=x)
    hiss *= np.float32(plan.hiss_gain)
    pulse += hiss
    pulse *= _interpolate(plan.amp, ramp, out=work)
    if plan.splutter.any():
        pulse += _interpolate(plan.splutter, ramp, out=work)
    timeline = scratch(3, size + spare)
    timeline[:size].reshape(grid[1], grid[0])[...] = pulse.T
    timeline[size:] = 0.0
    return timeline


def _interpolate(control: np.ndarray, ramp: np.ndarray, out: np.ndarray) -> np.ndarray:
    """Linear interpolation from control points to the (hop, blocks) audio grid."""
    np.multiply(ramp, control[1:] - control[:-1], out=out)
    out += control[:-1]
    return out


@functools.cache
def _ramps(hop: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    j = np.arange(hop, dtype=np.float32)[:, None]
    return j / np.float32(hop), j, j * (j - np.float32(1.0))


def _add_events(y: np.ndarray, sr: int, events: _Events, level: float) -> None:
    """Add the events' damped sinusoids to y, which has room for max_len samples after the last start."""
    count, length = len(events.start), events.max_len
    t = np.arange(length, dtype=np.float32) / np.float32(sr)
    tau = events.tau_s.astype(np.float32)
    wave = np.multiply.outer(-1.0 / tau, t, out=scratch(4, count * length).reshape(count, length))
    np.exp(wave, out=wave)
    # Bubbles rise in pitch as they pinch off: the frequency grows by a fraction `chirp` per time constant.
    chirp = events.chirp.astype(np.float32) / (2.0 * tau)
    phase = np.multiply.outer(chirp, t, out=scratch(5, wave.size).reshape(wave.shape))
    phase += 1.0
    phase *= t
    phase *= (2.0 * np.pi * events.freq_hz).astype(np.float32)[:, None]
    # Starting at zero phase, each event begins without a click.
    wave *= np.sin(phase, out=phase)
    wave *= (level * events.level).astype(np.float32)[:, None]
    for start, row in zip(events.start.tolist(), wave, strict=True):
        y[start : start + length] += row
