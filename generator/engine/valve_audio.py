"""The valve's sound at audio rate, compiled: one pass over the samples, cycle by cycle.

Everything that varies per valve cycle is planned in NumPy (synth._cycles); these loops turn those arrays into
samples. In NumPy the same work took a dozen whole-clip passes (a sine, a second sine, an exp, the tables) and
half of a render's time; here a cycle's sines and its slap come from rotations and decays carried from sample to
sample (one sine, cosine and exp per cycle, not per sample), and the snaps are added from their table in the same
compiled code. Numba compiles them on first use and caches the machine code beside this file.

No fastmath: without reassociation the sums come out in the same order on every CPU, so a spec renders to the
same samples everywhere.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

# Below this a slap's decay is inaudible: it stops instead of running into subnormal numbers, which are slow.
SILENT = 1e-30


@njit(cache=True, nogil=True)
def valve_wave(
    out: np.ndarray,
    first: np.ndarray,
    offset: np.ndarray,
    inv_open: np.ndarray,
    lobe: np.ndarray,
    body_weight: float,
    turbulence: np.ndarray,
    slap: np.ndarray,
    slap_rate: np.ndarray,
    hiss: np.ndarray,
    leak: np.ndarray,
    hiss_noise: np.ndarray,
    jet_noise: np.ndarray,
) -> None:
    """Write the valve's radiated pressure into out[first[0]:first[-1]] (silence elsewhere).

    Per cycle, with u the position in the open phase (0 at the opening, 1 at the closure, beyond while shut):
    lobe·(sin πu + body_weight·sin 2πu) while open; turbulence·sin πu, the slap's exp(−|u − 1|·slap_rate)·slap
    and the hiss level, all times the hiss noise; the leak times the jet noise. hiss_noise and jet_noise are
    read from the same sample index as out.
    """
    out[: first[0]] = 0.0
    out[first[-1] :] = 0.0
    for c in range(len(first) - 1):
        start, end = first[c], first[c + 1]
        if end <= start:
            continue
        step = inv_open[c]
        u = offset[c] * step
        angle = math.pi * u
        sin_a, cos_a = math.sin(angle), math.cos(angle)
        turn_sin, turn_cos = math.sin(math.pi * step), math.cos(math.pi * step)
        rate = slap_rate[c]
        decay = math.exp(-abs(1.0 - u) * rate)
        grow = math.exp(step * rate)
        shrink = 1.0 / grow
        level, noisy, slapped, hissing, leaking = lobe[c], turbulence[c], slap[c], hiss[c], leak[c]
        for i in range(start, end):
            air = decay * slapped + hissing
            if u < 1.0:
                air += noisy * sin_a
                sample = level * (sin_a + body_weight * 2.0 * sin_a * cos_a)
                sin_a, cos_a = sin_a * turn_cos + cos_a * turn_sin, cos_a * turn_cos - sin_a * turn_sin
                u += step
                # Past the closure the slap dies away from its peak instead of growing on.
                decay = decay * grow if u < 1.0 else math.exp(-(u - 1.0) * rate)
            else:
                sample = 0.0
                u += step
                decay = decay * shrink if decay > SILENT else 0.0
            out[i] = sample + air * hiss_noise[i] + leaking * jet_noise[i]


@njit(cache=True, nogil=True)
def subtract_snaps(
    y: np.ndarray, table: np.ndarray, closing: np.ndarray, fraction: np.ndarray, place: np.ndarray, area: np.ndarray
) -> None:
    """Subtract table[closing[c], fraction[c]] · area[c] from y at place[c] for each closure that fits in y."""
    taps = table.shape[2]
    for c in range(len(place)):
        at = place[c]
        if at < 0 or at + taps > len(y) or area[c] <= 0.0:
            continue
        pulse = table[closing[c], fraction[c]]
        scale = area[c]
        for j in range(taps):
            y[at + j] -= pulse[j] * scale


@njit(cache=True, nogil=True)
def add_rings(
    y: np.ndarray,
    sr: int,
    start: np.ndarray,
    freq_hz: np.ndarray,
    tau_s: np.ndarray,
    level: np.ndarray,
    chirp: np.ndarray,
    length: int,
) -> None:
    """Add damped sinusoids to y: event e starts at start[e] at zero phase, rings at freq_hz[e] rising by a
    fraction chirp[e] per time constant tau_s[e], for `length` samples (y has room for them).

    The phase grows quadratically, so its step grows by the same angle every sample: two rotations, one for the
    tone and one for its step, carried from sample to sample.
    """
    for e in range(len(start)):
        glide = chirp[e] / (2.0 * tau_s[e])
        omega = 2.0 * math.pi * freq_hz[e] / sr
        first_step = omega * (1.0 + glide / sr)
        step_growth = 2.0 * omega * glide / sr
        tone_sin, tone_cos = 0.0, 1.0
        step_sin, step_cos = math.sin(first_step), math.cos(first_step)
        grow_sin, grow_cos = math.sin(step_growth), math.cos(step_growth)
        fade = math.exp(-1.0 / (tau_s[e] * sr))
        envelope = level[e]
        at = start[e]
        for j in range(length):
            y[at + j] += envelope * tone_sin
            envelope *= fade
            tone_sin, tone_cos = tone_sin * step_cos + tone_cos * step_sin, tone_cos * step_cos - tone_sin * step_sin
            step_sin, step_cos = step_sin * grow_cos + step_cos * grow_sin, step_cos * grow_cos - step_sin * grow_sin
