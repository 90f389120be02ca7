"""The fart model (engine v2): a pressure-driven valve that buzzes, flaps and leaks, measured against recordings.

    pressure envelope: puffs in a series that speeds up or slows down, each with onset, wander and tail-off
        │ (each take its own), and pinches that weaken the flaps for a moment
        │ drives the valve's cycles, one by one: period (pitch glide × slow 2–5 Hz drift × register jumps ×
        │ correlated jitter), how long it stays open, how hard it snaps shut
        ▼
    a voicing process (dwell 50–300 ms) moves the valve between periodic buzz, irregular flapping and a
    turbulent leak; wetness makes it stick (longer closed phases) and release with splats and bubbles
        ▼
    radiated pressure = d(flow)/dt at a small opening (that derivative is the +6 dB/oct of radiation):
      a slow opening lobe, a band-limited snap as the valve shuts in 0.1–0.3 ms (a table of pulses,
      low-passed below Nyquist once per rate), a slap of broadband noise at each closure scaled by the
      closing speed, turbulence while the valve is open, jet noise while it leaks
        ▼
    + Minnaert bubbles tied to sticky releases (and surface bubbles in a bath), damped sinusoids
        ▼
    body: a 60 Hz high-pass and two broad, low-Q resonances (no low-pass), then the room's colour, one filter
        ▼
    room reverberation (FFT convolution) → click-free fades → loudness normalizer (peak ≤ −1 dBFS); a sound too
    spiky for the limiter to bring to its loudness has its crest lowered first, before the room (mixer.lower_crest)

Everything that varies per valve cycle is an array over cycles, planned in NumPy; compiled loops
(valve_audio.py) turn those arrays into samples in one pass, add a table's snap per closure and ring the
bubbles. Every random value comes from one seeded Generator per render; noise is read from fixed
tables at a seed-chosen place. Noise levels scale with √(rate) so that the sound is the same at any rate.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy.signal import butter, sosfilt

from generator.engine.effects import fade_in_inplace, fade_out_inplace, pass_section, peaking_section
from generator.engine.mixer import LOUDNESS_TARGET_LUFS, lower_crest, normalize_in_place
from generator.engine.presets import DEFAULT_BODY, PRESETS, Body
from generator.engine.rooms import MODELS, add_reverb, coloration_sos
from generator.engine.scratch import scratch
from generator.engine.spec import FartSpec
from generator.engine.valve_audio import add_rings, subtract_snaps, valve_wave

# Bump whenever the samples for an existing (spec, sample rate) change, so stored sounds can be re-rendered.
ENGINE_VERSION = 2

MIN_SAMPLE_RATE = 8000
MAX_SAMPLE_RATE = 192_000
REFERENCE_RATE = 44100  # noise levels are set for this rate and scaled by √(sr / REFERENCE_RATE)
CONTROL_RATE_HZ = 700  # pressure and pitch curves: a point every 1.4 ms is finer than any of their changes
# Loudness 0.7 (the default) plays at the common target (LOUDNESS_TARGET_LUFS); see loudness_target_lufs.
DEFAULT_LOUDNESS = 0.7
QUIETEST_LUFS = -36.0
LOUDEST_LUFS = -12.0
GAP_SHARE = (0.2, 0.6)  # silent part of each interval between the onsets of two puffs
LAST_PUFF = (0.35, 2.2)  # the last puff of a series, relative to the others' mean length
MIN_GAP_S = 0.04  # silence between two puffs, at the least, where they are long enough to spare it
TAIL_SHARE = (0.2, 0.5)  # last part of a puff in which the pressure sags (one draw per take)
TAIL_LEVEL = (0.15, 0.6)  # where the pressure has sagged to at the end of a puff
FINAL_CLOSE_S = (0.006, 0.03)  # the valve shuts: a short ramp to silence at the end of each puff
EDGE_FADE_S = 0.003  # the very first and last samples, a room's tail included, fade to silence: no clicks
GLIDE_BEND = 0.5  # a glide's course bends by up to e^±0.5 in the exponent of its share of the way
OFF_BUZZ_LEVEL = 0.6  # the flaps of a valve flapping irregularly or leaking, beside a buzz's
ACCENT_S = 0.06  # decay of the overshoot at the start of each puff
# A puff sputters: the flow chokes for a moment (STALL_S long, by STALL_DEPTH) about STALLS_PER_S times a second at
# a roughness of 0.5, never within STALL_CLEAR_S of its start or in its tail.
STALL_S = (0.03, 0.08)
STALL_DEPTH = (0.55, 0.9)
STALLS_PER_S = 2.0
STALL_CLEAR_S = 0.08
# The lowest valve frequency of an ordinary sound: recordings voice at 67–152 Hz, and a "deep" one gets its depth
# from a long open phase, irregular flapping, noise and a lower body, not from sub-bass. Requests below the knee
# land between F0_FLOOR_HZ and the knee, in order.
F0_FLOOR_HZ = 60.0
F0_KNEE_HZ = 67.0
F0_LOW_REQUEST_HZ = 20.0
# The valve shuts within CLOSING_S (0.1–0.3 ms), whatever its frequency; a harder push, a little faster.
CLOSING_S = (0.11e-3, 0.26e-3)
SNAP_CLOSINGS_S = np.geomspace(0.07e-3, 0.32e-3, 20)  # closing times in the table of snaps
SNAP_FALL = 3.5  # the flow's steep fall before the closure lasts this many closing times
SNAP_FRACTIONS = 64  # sub-sample positions of a snap in the table: timing within 1/64 of a sample
SNAP_SINC_HALF = 8  # taps on either side of the band-limiting filter
SLAP_S = 0.35e-3  # decay time constant of the noise slapped out at a closure
STATES = ("buzz", "irregular", "leak")
PUTT_VALVE_HZ = 85.0  # a putt-putt's valve flaps at an ordinary fart's rate; its pitch sets how often it putts
PUTT_FADE = 0.7  # each flap of a putt, relative to the one before
NOISE_TABLE_SIZE = 1 << 20  # samples of each noise table at the least (more at rates above 80 kHz)
NOISE_TABLE_SEED = 20_260_425
JET_TABLE_SEED = 20_261_202  # hiss and jet noise come from two independent draws
# Gas under water: it surfaces in glugs (log-normal clumps, GLUGS_PER_S of them a second, spread GLUG_SPREAD) after
# rising for RISE_S (one per sound; each bubble ±50 % around it).
GLUG_SPREAD = 2.2
GLUGS_PER_S = 10.0
RISE_S = (0.05, 0.3)


@dataclass(frozen=True)
class _Events:
    """Damped sinusoids to add before the body: start sample, Hz, decay time constant (s), level, upward chirp."""

    start: np.ndarray
    freq_hz: np.ndarray
    tau_s: np.ndarray
    level: np.ndarray
    chirp: np.ndarray
    max_len: int


@dataclass(frozen=True)
class _Cycles:
    """One entry per valve cycle (the last is a sentinel that ends at n); samples count from the clip start."""

    first: np.ndarray  # first sample of the cycle (int64)
    offset: np.ndarray  # how far the cycle's true start lies before `first`, in samples (0–1)
    inv_open: np.ndarray  # 1 / open phase, per sample
    lobe: np.ndarray  # peak of the opening lobe (radiated pressure)
    snap_area: np.ndarray  # flow cut off by the closure: the area of the snap
    snap_at: np.ndarray  # where the snap starts, in samples (float)
    closing_s: np.ndarray
    turbulence: np.ndarray  # noise level while open
    slap: np.ndarray  # noise level at the closure
    slap_rate: np.ndarray  # open phases per slap decay constant
    leak: np.ndarray  # jet noise level through the cycle
    hiss: np.ndarray  # hiss level through the cycle: the leak's air in a narrow slit
    sticky: np.ndarray  # wet tissue stuck: this cycle's release splats and may blow a bubble


@dataclass(frozen=True)
class _Plan:
    n: int
    cycles: _Cycles
    body_weight: float  # the symmetric flow bump's lobe, relative to the opening lobe
    noise_start: int
    jet_start: int
    body_sos: np.ndarray
    direct_gain: float  # how much of the valve reaches the listener (under water: little)
    active_s: float
    events: tuple[_Events, ...]


def render(spec: FartSpec, sample_rate: int = 44100) -> np.ndarray:
    """Mono float32 samples of the spec, peak ≤ −1 dBFS; a room adds its tail. Same spec and rate → same samples."""
    sr = _checked_rate(sample_rate)
    plan = _plan(spec, sr, np.random.default_rng(spec.seed))
    # Room past the end for the last bubbles to ring out into; the filter only reads the first n samples.
    x = _source(plan, sr, max((events.max_len for events in plan.events), default=0))
    # einsum, not dot: a BLAS call may wake a thread pool for one sum of squares.
    level = math.sqrt(float(np.einsum("i,i->", x[: plan.n], x[: plan.n])) / max(1.0, plan.active_s * sr))
    if plan.direct_gain != 1.0:
        x[: plan.n] *= np.float32(plan.direct_gain)
    for events in plan.events:
        _add_events(x, sr, events, level)
    target_lufs = loudness_target_lufs(spec.loudness)
    dry = sosfilt(plan.body_sos, x[: plan.n])
    if spec.room != "none":
        # The valve's spikes are judged before the room: a tail measures quieter and is no spike.
        lower_crest(dry, sr, target_lufs)
    y = add_reverb(dry, sr, spec.room)
    normalize_in_place(y, sr, target_lufs, crest=spec.room == "none")
    # Last: the crest's phase turns would smear a sound that starts on a flap back into its first samples.
    fade_in_inplace(y, round(EDGE_FADE_S * sr))
    fade_out_inplace(y, round(EDGE_FADE_S * sr))
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


def valve_hz(pitch_hz: float | np.ndarray) -> np.ndarray:
    """The frequency the valve buzzes at for a requested pitch: itself from F0_KNEE_HZ up, F0_FLOOR_HZ–F0_KNEE_HZ
    below (in order, so a lower request is still lower)."""
    pitch = np.asarray(pitch_hz, dtype=np.float64)
    slope = (F0_KNEE_HZ - F0_FLOOR_HZ) / (F0_KNEE_HZ - F0_LOW_REQUEST_HZ)
    return np.maximum(pitch, F0_FLOOR_HZ + slope * (pitch - F0_LOW_REQUEST_HZ))


def depth(pitch_hz: float) -> float:
    """How far below the knee a request is (0–1): a deeper sound, voiced at the floor, gets darker instead."""
    return min(1.0, max(0.0, (F0_KNEE_HZ - pitch_hz) / (F0_KNEE_HZ - F0_LOW_REQUEST_HZ)))


def snap_pulse(closing_s: float, fraction: float, sr: int) -> np.ndarray:
    """The samples of one snap (unit area) with closing time closing_s, starting `fraction` of a sample after a
    sample point, band-limited below Nyquist; SNAP_SINC_HALF samples of lead-in come first."""
    table = _snap_table(sr)
    return table[_closing_index(np.array([closing_s]))[0], min(SNAP_FRACTIONS - 1, int(fraction * SNAP_FRACTIONS))]


def _checked_rate(sample_rate: int) -> int:
    if isinstance(sample_rate, bool) or not isinstance(sample_rate, (int, np.integer)):
        raise ValueError(f"sample_rate must be a whole number of Hz, got {sample_rate!r}")
    if not MIN_SAMPLE_RATE <= sample_rate <= MAX_SAMPLE_RATE:
        raise ValueError(f"sample_rate must be {MIN_SAMPLE_RATE}–{MAX_SAMPLE_RATE} Hz, got {sample_rate}")
    return int(sample_rate)


def _plan(spec: FartSpec, sr: int, rng: np.random.Generator) -> _Plan:
    n = max(1, round(spec.duration_s * sr))
    preset = PRESETS.get(spec.preset) if spec.preset else None
    body = preset.body if preset else DEFAULT_BODY
    deep = 0.0 if body.putts else depth(0.5 * (spec.pitch_hz + spec.pitch_end_hz))
    # Control grid for the slow curves: pressure, pitch.
    dt = 1.0 / CONTROL_RATE_HZ
    # The grid runs a quarter past the end: jittered cycles may need nominal ones beyond it (silent there).
    t = np.arange(int(1.25 * spec.duration_s * CONTROL_RATE_HZ) + 2) * dt
    spans = _burst_spans(spec.duration_s, spec.bursts, rng)
    pressure, puff_gain, puff_pitch = _pressure(spec, t, spans, rng)
    f0 = _pitch(spec, body, t, pressure, puff_pitch, rng)
    # A pinch weakens the flaps, not the valve's tune or how sharply it shuts; a putt-putt comes in bursts anyway.
    through = np.ones_like(t) if body.putts else _stalls(spec, t, spans, rng)
    segment_ends, states = _voicing(spec, deep, rng)
    cycles = _cycles(spec, body, deep, sr, n, t, f0, pressure * puff_gain, through, segment_ends, states, rng)
    active_s = float(np.sum(spans[:, 1] - spans[:, 0]))
    model = MODELS.get(spec.room)
    return _Plan(
        n=n,
        cycles=cycles,
        body_weight=2.0 * (body.bump + 1.5 * deep),
        noise_start=int(rng.integers(0, _table_size(sr) - n)),
        jet_start=int(rng.integers(0, _table_size(sr) - n)),
        body_sos=_body_sos(spec, body, deep, sr, rng),
        direct_gain=model.direct_gain if model else 1.0,
        active_s=active_s,
        events=_wet_events(spec, sr, cycles, t, pressure * puff_gain, active_s, rng),
    )


def _burst_spans(duration_s: float, bursts: int, rng: np.random.Generator) -> np.ndarray:
    """(start_s, end_s) of each puff; the first starts at 0 and the last ends at duration_s.

    A series is never a metronome: the intervals between onsets speed up or slow down (by 1.4–2× from the first
    to the last) and wander ±35 % around that trend; how much of each interval is silent changes from gap to
    gap, and how long the last puff lasts from one series to the next.
    """
    if bursts == 1:
        return np.array([[0.0, duration_s]])
    steps = np.arange(bursts - 1) / max(1, bursts - 2)
    trend = math.log(rng.uniform(1.4, 2.0)) * rng.choice([-1.0, 1.0])
    intervals = np.exp(trend * steps) * rng.uniform(0.65, 1.35, bursts - 1)
    puff = intervals * (1.0 - rng.uniform(*GAP_SHARE, bursts - 1))
    # The whole series is scaled to the duration: without a length of its own for the last puff, two puffs
    # would always split the clip the same way.
    last = float(np.mean(puff)) * rng.uniform(*LAST_PUFF)
    onsets = np.concatenate([[0.0], np.cumsum(intervals)])
    scale = duration_s / (onsets[-1] + last)
    spans = np.stack([onsets, np.append(onsets[:-1] + puff, onsets[-1] + last)], axis=1) * scale
    # A shorter gap merges two puffs into one to the ear: keep MIN_GAP_S of silence where the puff can spare it.
    starts, next_starts = spans[:-1, 0], spans[1:, 0]
    spans[:-1, 1] = np.maximum(np.minimum(spans[:-1, 1], next_starts - MIN_GAP_S), 0.5 * (starts + next_starts))
    return spans


def _pressure(
    spec: FartSpec, t: np.ndarray, spans: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per control point: pressure shape (0–1.6), loudness of its puff, pitch factor of its puff."""
    puff_gain = 1.0 - (0.1 + 0.3 * spec.roughness) * rng.random(len(spans))
    puff_pitch = 1.0 + (0.02 + 0.06 * spec.roughness) * rng.uniform(-1.0, 1.0, len(spans))
    accent = rng.uniform(0.2, 0.6)
    which = np.maximum(np.searchsorted(spans[:, 0], t, side="right") - 1, 0)
    start, length = spans[which, 0], spans[which, 1] - spans[which, 0]
    local = t - start
    rise = np.minimum(local / np.minimum(0.008 + 0.05 * (1.0 - spec.tightness), 0.15 * length), 1.0)
    rise *= 2.0 - rise
    # The first push overshoots before the pressure settles: the "p" in "pfrrt".
    rise *= 1.0 + accent * np.exp(-local / ACCENT_S)
    # How a take dies away is its own: a long fade or a late one, to a murmur or still pushing, shut at once or
    # let go slowly.
    tail_share = rng.uniform(*TAIL_SHARE)
    sag = np.clip((local - (1.0 - tail_share) * length) / (tail_share * length), 0.0, 1.0)
    tail_level = rng.uniform(*TAIL_LEVEL)
    rise *= 1.0 - (1.0 - tail_level) * sag * sag * (3.0 - 2.0 * sag)
    # The valve shuts: a short ramp to silence, and silence until the next puff.
    rise *= np.clip((length - local) / np.minimum(rng.uniform(*FINAL_CLOSE_S), 0.04 * length), 0.0, 1.0)
    # The push is never steady: a slow wander of the pressure.
    rise *= 1.0 + (0.08 + 0.2 * spec.roughness) * _smooth_noise(rng, t, 6.0)
    return np.maximum(rise, 0.0), puff_gain[which], puff_pitch[which]


def _stalls(spec: FartSpec, t: np.ndarray, spans: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Per control point, how much of each flap gets through: 1, except where the sphincter pinches for a moment.

    A long puff sputters (the "brrp-p-prrt"): now and then the flow chokes for STALL_S and comes back, a
    rougher valve more often. Where and how deep is new in every take, so no two takes swell and sag alike.
    """
    through = np.ones_like(t)
    low, high = STALL_S
    for start, end in spans:
        usable = (start + STALL_CLEAR_S, end - max(STALL_CLEAR_S, TAIL_SHARE[1] * (end - start)))
        if usable[1] - usable[0] < high:
            continue
        count = rng.poisson(STALLS_PER_S * (0.5 + spec.roughness) * (end - start))
        for centre, width, dip in zip(
            rng.uniform(*usable, count), rng.uniform(low, high, count), rng.uniform(*STALL_DEPTH, count), strict=True
        ):
            inside = np.abs(t - centre) < 0.5 * width
            through[inside] *= 1.0 - dip * (0.5 + 0.5 * np.cos(2.0 * np.pi * (t[inside] - centre) / width))
    return through


def _pitch(
    spec: FartSpec, body: Body, t: np.ndarray, pressure: np.ndarray, puff_pitch: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """The valve's frequency per control point: glide, sag with the pressure, slow drift and register jumps."""
    # The glide takes its own course in every take: early or late, not always the same curve.
    share = np.minimum(t / spec.duration_s, 1.0) ** math.exp(rng.uniform(-GLIDE_BEND, GLIDE_BEND))
    requested = spec.pitch_hz * (spec.pitch_end_hz / spec.pitch_hz) ** share
    f0 = requested if body.putts else valve_hz(requested)
    f0 = f0 * puff_pitch * (0.88 + 0.1 * np.minimum(pressure, 1.2))
    # Pitch drifts slowly (its modulation peaks at 2–5 Hz), a few cents to a few tens of cents.
    drift_cents = (5.0 + 12.0 * spec.roughness) * _smooth_noise(rng, t, 8.0)
    # Now and then the valve jumps register by 4–8 semitones and holds it, like a brass player's lip slur.
    jumps = np.zeros_like(t)
    for _ in range(rng.poisson((0.3 + 1.0 * spec.roughness) * spec.duration_s)):
        start, hold = rng.uniform(0.0, spec.duration_s), rng.uniform(0.1, 0.4)
        up = f0[min(len(f0) - 1, int(start * CONTROL_RATE_HZ))] < 100.0 or rng.random() < 0.5
        jumps[(t >= start) & (t < start + hold)] += rng.uniform(400.0, 800.0) * (1.0 if up else -1.0)
    cents = drift_cents + np.clip(jumps, -800.0, 800.0)
    return f0 * np.exp2(cents / 1200.0)


def _voicing(spec: FartSpec, deep: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Segment ends (s) and states (indices into STATES): how the valve behaves, 50–300 ms at a time.

    A buzz alternates with a stretch of irregular flapping or leaking air; a smooth valve buzzes longer, a rough
    or breathy one spends longer out of tune. It starts and ends buzzing: the push that opens it is at its
    strongest, and the last squeeze shuts it.
    """
    count = int(spec.duration_s / 0.04) + 2
    states = np.zeros(count, dtype=np.int64)
    leak_share = min(0.85, 0.15 + 0.7 * spec.breathiness**1.5)
    states[1::2] = np.where(rng.random(count // 2) < leak_share, 2, 1)
    rough = min(1.0, spec.roughness + 0.3 * spec.breathiness + 0.3 * deep + 0.1 * spec.wetness)
    dwell = rng.uniform(0.05, 0.3, count) * np.where(states == 0, 1.0 - 0.8 * rough, 0.8 + 0.8 * rough)
    ends = np.cumsum(dwell)
    states[np.searchsorted(ends, spec.duration_s - 0.03) :] = 0
    return ends, states


def _cycles(
    spec: FartSpec,
    body: Body,
    deep: float,
    sr: int,
    n: int,
    t: np.ndarray,
    f0: np.ndarray,
    pressure: np.ndarray,
    through: np.ndarray,
    segment_ends: np.ndarray,
    states: np.ndarray,
    rng: np.random.Generator,
) -> _Cycles:
    rough, wet, tight = spec.roughness, spec.wetness, spec.tightness
    # Nominal cycle starts: where the integrated frequency crosses a whole number.
    phase = np.concatenate([[0.0], np.cumsum(f0[:-1]) / CONTROL_RATE_HZ])
    nominal = np.interp(np.arange(int(phase[-1]) + 1), phase, t)
    periods = np.diff(nominal)
    k = len(periods)
    state = states[np.minimum(np.searchsorted(segment_ends, nominal[:-1]), len(states) - 1)]
    buzz, irregular, leak = state == 0, state == 1, state == 2
    # Jitter: small and correlated with the shimmer in a buzz (a longer cycle builds up more flow), large when
    # the valve flaps irregularly. Wet tissue sticks: some closed phases last much longer.
    z_period, z_amp = rng.standard_normal(k), rng.standard_normal(k)
    # A deep, loose valve flaps less evenly.
    jitter = np.where(buzz, 0.006 + 0.006 * rough + 0.007 * deep, np.where(irregular, 0.03 + 0.02 * rough, 0.1))
    jitter *= z_period
    sticky = rng.random(k) < 0.18 * math.sqrt(wet)
    stick = np.where(sticky, rng.uniform(0.03, 0.12, k) * wet, 0.0)
    periods = periods * np.clip(1.0 + jitter, 0.6, 1.6) * (1.0 + stick)
    starts = np.concatenate([[0.0], np.cumsum(periods)])
    # Cycles that start inside the clip: all of them, when shortened cycles end before the clip does.
    k = min(int(np.searchsorted(starts, spec.duration_s)), len(periods))
    starts, periods = starts[:k], periods[:k]
    buzz, irregular, leak, sticky, z_period, z_amp = (a[:k] for a in (buzz, irregular, leak, sticky, z_period, z_amp))
    strength = np.ones(k)
    if body.putts:
        putt, within, starts, periods = _putt_flaps(starts, periods, rng)
        buzz, irregular, leak, sticky = (a[putt] for a in (buzz, irregular, leak, sticky))
        k = len(starts)
        z_period, z_amp = rng.standard_normal(k), rng.standard_normal(k)
        # The first flap of a putt takes the push; the next ones ride on what is left of it.
        strength = PUTT_FADE**within
    control = np.minimum((starts * CONTROL_RATE_HZ).astype(np.int64), len(t) - 1)
    push = pressure[control]

    shimmer_sd = np.where(buzz, 0.04 + 0.05 * rough, 0.12 + 0.08 * rough)
    amp = push * strength * through[control] * np.exp(shimmer_sd * (0.5 * z_period + 0.85 * z_amp))
    # Missed flaps (the valve stays shut for a cycle) and stretches of period doubling (every other flap weak).
    missed = rng.random(k) < np.where(buzz, 0.01 + 0.04 * rough, 0.12 + 0.1 * rough)
    amp[missed] = 0.0
    doubling_segments = rng.random(len(segment_ends)) < 0.2 * rough + 0.15 * deep
    doubling = doubling_segments[np.minimum(np.searchsorted(segment_ends, starts), len(segment_ends) - 1)]
    amp[doubling & (np.arange(k) % 2 == 1)] *= 0.75
    # Flapping irregularly, the valve barely closes: weaker flaps; leaking, it hardly flaps at all, but now and
    # then the air catches it for a flap (the "t" in "fffft").
    amp[irregular] *= 0.3
    catches = rng.random(int(leak.sum())) < 0.06
    amp[leak] *= np.where(catches, rng.uniform(0.3, 0.8, len(catches)), rng.uniform(0.0, 0.12, len(catches)))
    # Out of its buzz the valve is half pinched: its flaps come weaker, and its turbulence brighter (below).
    amp[~buzz] *= OFF_BUZZ_LEVEL

    # Open phase: longer for a loose or deep valve, shorter under more pressure and when wet tissue sticks.
    open_quotient = (0.26 - 0.1 * tight + 0.15 * deep) * (1.15 - 0.2 * np.minimum(push, 1.2))
    open_quotient *= np.where(sticky, 0.75, 1.0)
    # The tissue's own mass and stiffness set how long a flap can last: about 2.5 ms, longer in a deep, loose one.
    open_s = np.minimum(np.clip(open_quotient, 0.1, 0.85) * periods, (2.5e-3 + 3e-3 * deep) * 2.0 ** (0.5 - tight))
    open_s = np.maximum(open_s, body.open_share * periods)
    # The same tissue shuts the same way from one cycle to the next: one closing time per sound, give or take.
    closing_s = rng.uniform(*CLOSING_S) * np.exp(0.1 * rng.standard_normal(k)) * (1.1 - 0.2 * np.clip(push, 0.0, 1.0))
    closing_s = np.minimum(closing_s, 0.5 * open_s / (1.0 + SNAP_FALL))
    snap_s = (1.0 + SNAP_FALL) * closing_s
    lobe = amp
    snap_area = lobe * (2.0 / math.pi) * open_s * sr * body.snap
    noise_scale = math.sqrt(sr / REFERENCE_RATE)
    # Air rushes through a valve that flaps irregularly: its turbulence is louder than a steady buzz's. A faster
    # valve is a tighter one, with faster air (more hiss, and less more above 100 Hz); one that stays open for
    # more than 40 % of a cycle lets the same air through more slowly (much less).
    rate = 0.01 / periods
    slower = np.minimum(1.0, 0.4 * periods / open_s)
    velocity = np.sqrt(np.minimum(rate, 1.0)) * np.maximum(rate, 1.0) ** 0.25 * slower * slower
    turbulence = amp * (0.15 + 0.2 * rough) * np.where(buzz, 1.0, 9.0) * velocity * noise_scale
    # Slap: proportional to the closing speed (the snap's peak: flow cut off ÷ closing time); a sticky valve
    # lets go with a splat.
    speed = snap_area / (0.5 * snap_s * sr)
    slap = speed * (0.1 + 0.13 * rough) * body.rasp
    # The splat of a sticky release comes from the pressure behind it, whatever the valve was doing.
    splat = push * (4.0 / math.pi) * open_s * body.snap / snap_s * rng.uniform(1.5, 3.0, k) * (0.3 + 1.5 * wet)
    slap = np.where(sticky, splat, slap) * noise_scale
    # Leaking air comes in gusts from one cycle to the next: a breathy "fffft" flutters, it is no steady hiss.
    gusts = np.exp(0.45 * spec.breathiness * rng.standard_normal(k))
    air = 0.08 + 1.3 * spec.breathiness**1.2 + 0.2 * deep
    leak_level = push * gusts * np.where(leak, 1.0, 0.04) * air * noise_scale
    first_exact = starts * sr
    first = np.minimum(np.ceil(first_exact).astype(np.int64), n)
    return _Cycles(
        first=np.append(first, n),
        offset=(first - first_exact),
        inv_open=1.0 / (open_s * sr),
        lobe=lobe,
        snap_area=snap_area,
        snap_at=first_exact + (open_s - snap_s) * sr,
        closing_s=closing_s,
        turbulence=turbulence,
        slap=slap,
        slap_rate=open_s / SLAP_S,
        leak=leak_level,
        hiss=body.hiss * leak_level,
        sticky=sticky,
    )


def _putt_flaps(
    starts: np.ndarray, periods: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A putt-putt: each cycle of the (slow) pitch is a putt, a short burst of two or three flaps at the valve's
    own rate (PUTT_VALVE_HZ, one per sound, give or take) that fits in the first 80 % of the putt; the valve
    rests until the next. Per flap: its putt, its place in the putt, its start (s) and period (s)."""
    valve_s = 1.0 / (PUTT_VALVE_HZ * rng.uniform(0.93, 1.07))
    fits = np.maximum(1, np.floor(0.8 * periods / valve_s)).astype(np.int64)
    count = np.minimum(rng.integers(2, 4, len(starts)), fits)
    first = np.cumsum(count) - count
    putt = np.repeat(np.arange(len(starts)), count)
    within = np.arange(len(putt)) - first[putt]
    flap_s = valve_s * np.exp(0.015 * rng.standard_normal(len(putt)))
    before = np.cumsum(flap_s) - flap_s
    return putt, within, starts[putt] + before - before[first][putt], flap_s


def _smooth_noise(rng: np.random.Generator, t: np.ndarray, per_s: float) -> np.ndarray:
    """A smooth random curve of unit variance at its knots (`per_s` a second), joined by smoothsteps."""
    knots = rng.standard_normal(int(t[-1] * per_s) + 3)
    position = t * per_s
    index = position.astype(np.int64)
    frac = position - index
    frac = frac * frac * (3.0 - 2.0 * frac)
    return knots[index] + (knots[index + 1] - knots[index]) * frac


def _source(plan: _Plan, sr: int, spare: int) -> np.ndarray:
    """The valve and its air at audio rate, before the body, followed by `spare` samples of silence.

    The result is scratch: the caller filters its first plan.n samples into a fresh array.
    """
    n, c = plan.n, plan.cycles
    out = scratch(3, n + spare)
    valve_wave(
        out,
        c.first,
        c.offset,
        c.inv_open,
        c.lobe,
        plan.body_weight,
        c.turbulence,
        c.slap,
        c.slap_rate,
        c.hiss,
        c.leak,
        _hiss_table(sr)[plan.noise_start : plan.noise_start + n],
        _jet_table(sr)[plan.jet_start : plan.jet_start + n],
    )
    _add_snaps(out[:n], sr, c)
    return out


def _add_snaps(y: np.ndarray, sr: int, c: _Cycles) -> None:
    """Subtract each closure's band-limited pulse (area snap_area) at its place: the flow cut off at once."""
    base = np.floor(c.snap_at).astype(np.int64)
    fraction = np.minimum(((c.snap_at - base) * SNAP_FRACTIONS).astype(np.int64), SNAP_FRACTIONS - 1)
    subtract_snaps(y, _snap_table(sr), _closing_index(c.closing_s), fraction, base - SNAP_SINC_HALF, c.snap_area)


def _closing_index(closing_s: np.ndarray) -> np.ndarray:
    steps = len(SNAP_CLOSINGS_S) - 1
    position = np.log(closing_s / SNAP_CLOSINGS_S[0]) / math.log(SNAP_CLOSINGS_S[-1] / SNAP_CLOSINGS_S[0]) * steps
    return np.clip(np.rint(position), 0, steps).astype(np.int64)


@functools.cache
def _snap_table(sr: int) -> np.ndarray:
    """Snaps: table[closing time, sub-sample position, tap], each of unit area, band-limited (float32, read-only).

    A snap is the end of the flow derivative's last, negative lobe: the flow falls ever faster for SNAP_FALL
    closing times, then stops within the closing time (a quarter cosine) as the valve slams shut. That fall
    gives the spectrum its −6 dB/oct above ~1 kHz; the closing time sets where it steepens. Each pulse is
    convolved with a Kaiser-windowed sinc below min(0.465 sr, 20 kHz), so none can alias at any rate.
    """
    cutoff = min(0.465 * sr, 20000.0) / sr  # cycles per sample
    half = SNAP_SINC_HALF
    taps = 2 * half + math.ceil((1.0 + SNAP_FALL) * SNAP_CLOSINGS_S[-1] * sr) + 2
    inner = 40  # points across each pulse for the convolution integral
    position = (np.arange(inner) + 0.5) / inner * (1.0 + SNAP_FALL)  # in closing times
    shape = np.where(
        position < SNAP_FALL,
        (position / SNAP_FALL) ** 1.5,
        np.cos(0.5 * np.pi * (position - SNAP_FALL)) ** 2,
    )
    shape /= shape.sum()
    j = np.arange(taps)[None, :, None]
    fractions = (np.arange(SNAP_FRACTIONS) / SNAP_FRACTIONS)[:, None, None]
    window = np.kaiser(1001, 8.0)
    reach = half + 1.0
    table = np.empty((len(SNAP_CLOSINGS_S), SNAP_FRACTIONS, taps), dtype=np.float32)
    for w, closing_s in enumerate(SNAP_CLOSINGS_S):
        lag = j - half - fractions - (closing_s * sr) * position[None, None, :]
        kaiser = np.interp(lag, np.linspace(-reach, reach, 1001), window, left=0.0, right=0.0)
        pulses = (2.0 * cutoff * np.sinc(2.0 * cutoff * lag) * kaiser) @ shape
        table[w] = pulses / pulses.sum(axis=1, keepdims=True)
    table.setflags(write=False)
    return table


def _table_size(sr: int) -> int:
    # 13 s at the rate, so that every clip up to 12 s (and its jitter) reads a stretch of it.
    return max(NOISE_TABLE_SIZE, round(13.0 * sr))


@functools.cache
def _hiss_table(sr: int) -> np.ndarray:
    """Hiss of unit variance at this rate, read at a seed-chosen place (drawing it per render costs more): air
    forced through a slit of a millimetre or so at 10–20 m/s sounds at 0.2·U/D: from 2.5 kHz, falling above 7 kHz."""
    # The gentle fall above 7 kHz: one pole placed by impulse invariance (the bilinear transform would pull the
    # response down to nothing at Nyquist, impulse invariance holds it up), with a small zero at −0.2 that
    # splits the difference, so the 8 kHz octave is the same at 22.05 kHz as at 44.1 kHz.
    pole = math.exp(-2.0 * math.pi * 7000.0 / sr)
    fall = np.array([[(1.0 - pole) / 1.2, 0.2 * (1.0 - pole) / 1.2, 0.0, 1.0, -pole, 0.0]])
    sos = np.concatenate([butter(4, min(2500.0, 0.3 * sr), "highpass", fs=sr, output="sos"), fall])
    return _filtered_noise(sr, NOISE_TABLE_SEED, sos)


@functools.cache
def _jet_table(sr: int) -> np.ndarray:
    """Jet noise of unit variance at this rate: air through a few-millimetre opening at 5–20 m/s sounds around
    0.2·U/D (Strouhal), a broad hump at 0.2–1.3 kHz that falls about 6 dB/oct above it."""
    sos = np.concatenate(
        [butter(1, 200.0, "highpass", fs=sr, output="sos"), butter(1, 1300.0, "lowpass", fs=sr, output="sos")]
    )
    return _filtered_noise(sr, JET_TABLE_SEED, sos)


def _filtered_noise(sr: int, seed: int, sos: np.ndarray) -> np.ndarray:
    noise = sosfilt(sos, np.random.default_rng(seed).standard_normal(_table_size(sr)))
    noise /= np.std(noise)
    table = noise.astype(np.float32)
    table.setflags(write=False)
    return table


def _body_sos(spec: FartSpec, body: Body, deep: float, sr: int, rng: np.random.Generator) -> np.ndarray:
    """A 60 Hz high-pass and two broad resonances of the body, then the room's colour: one filter call.

    A tighter valve sits in a tenser body (resonances up); a deep one in a bigger, softer one (down).
    """
    shift = 2.0 ** (0.6 * (spec.tightness - 0.5) - 0.8 * deep) * np.exp(rng.uniform(-0.08, 0.08, 2))
    sections = [pass_section(sr, 65.0, 0.7, "highpass")]
    for centre_hz, q, gain_db in zip(np.array(body.resonances_hz) * shift, (0.9, 1.1), body.gains_db, strict=True):
        sections.append(peaking_section(sr, centre_hz, q, gain_db))
    # Single precision is plenty for these poles and keeps the filtered sound in float32.
    return np.concatenate([np.array(sections, dtype=np.float32), coloration_sos(spec.room, sr)])


def _wet_events(
    spec: FartSpec,
    sr: int,
    c: _Cycles,
    t: np.ndarray,
    pressure: np.ndarray,
    active_s: float,
    rng: np.random.Generator,
) -> tuple[_Events, ...]:
    events = []
    # Minnaert bubbles burst out with sticky releases: f ≈ 3.26 m·Hz / r for r = 1–5 mm, dying in 3–10 cycles.
    release = np.flatnonzero(c.sticky)
    if spec.wetness > 0 and len(release):
        chance = 0.5 * spec.wetness
        chosen = release[rng.random(len(release)) < chance]
        count = len(chosen)
        if count:
            radius_m = rng.uniform(1e-3, 5e-3, count)
            start = c.snap_at[chosen].astype(np.int64) + rng.integers(0, sr // 500, count)
            freq = np.minimum(3.26 / radius_m, 0.45 * sr)
            events.append(
                _Events(
                    start=np.minimum(start, c.first[-1]),
                    freq_hz=freq,
                    tau_s=rng.uniform(1.0, 3.3, count) / freq,
                    level=rng.uniform(3.0, 8.0, count) * np.sqrt(np.clip(c.lobe[chosen], 0.0, 1.5)) * spec.wetness,
                    chirp=rng.uniform(0.05, 0.3, count),
                    max_len=math.ceil(4.0 * 3.3 / 650.0 * sr),
                )
            )
    model = MODELS.get(spec.room)
    if model and model.bubbles_per_s:
        events.extend(_surface_bubbles(model.bubbles_per_s, sr, c.first[-1], t, pressure, active_s, rng))
    return tuple(events)


def _surface_bubbles(
    per_s: float, sr: int, n: int, t: np.ndarray, pressure: np.ndarray, active_s: float, rng: np.random.Generator
) -> list[_Events]:
    """Gas reaching a bath's surface, where the pressure pushed it: centimetre bubbles blub at 100–600 Hz, and
    their films burst in broadband pops. The gas comes up in glugs, not a steady stream, and takes its time to
    rise: it surfaces a tenth of a second or so after the push, some bubbles sooner, some later, and what
    surfaces after the clip's end is lost."""
    glugs = np.exp(GLUG_SPREAD * _smooth_noise(rng, t, GLUGS_PER_S))
    weight = np.cumsum(np.maximum(pressure, 0.0) * glugs)
    if weight[-1] <= 0:
        return []
    rise_s = rng.uniform(*RISE_S)
    events = []
    kinds = ((1.0, (100.0, 600.0), (0.008, 0.03), (0.8, 1.6)), (1.5, (2500.0, 7000.0), (0.0001, 0.0003), (4.0, 8.0)))
    for share, (f_lo, f_hi), (tau_lo, tau_hi), (lvl_lo, lvl_hi) in kinds:
        count = rng.poisson(share * per_s * active_s)
        if count == 0:
            continue
        control = np.minimum(np.searchsorted(weight, rng.random(count) * weight[-1]), len(t) - 1)
        start = ((t[control] + rise_s * rng.uniform(0.5, 1.5, count)) * sr).astype(np.int64)
        surfaced = start < n
        freq_hz = np.exp(rng.uniform(math.log(min(f_lo, 0.4 * sr)), math.log(min(f_hi, 0.45 * sr)), count))
        tau_s = np.exp(rng.uniform(math.log(tau_lo), math.log(tau_hi), count))
        level = rng.uniform(lvl_lo, lvl_hi, count) * np.sqrt(np.clip(pressure[control], 0.0, 1.5))
        events.append(
            _Events(
                start=start[surfaced],
                freq_hz=freq_hz[surfaced],
                tau_s=tau_s[surfaced],
                level=level[surfaced],
                chirp=rng.uniform(0.05, 0.3, count)[surfaced],
                max_len=math.ceil(4.0 * tau_hi * sr),
            )
        )
    return events


def _add_events(y: np.ndarray, sr: int, events: _Events, level: float) -> None:
    """Add the events' damped sinusoids to y, which has room for max_len samples after the last start.

    Bubbles rise in pitch as they pinch off: the frequency grows by a fraction `chirp` per time constant.
    """
    add_rings(y, sr, events.start, events.freq_hz, events.tau_s, level * events.level, events.chirp, events.max_len)
