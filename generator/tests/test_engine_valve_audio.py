"""The compiled loops against the formulas they carry from sample to sample, evaluated directly."""

from __future__ import annotations

import math

import numpy as np
import pytest

from generator.engine.valve_audio import add_rings, subtract_snaps, valve_wave

SR = 44100


def cycles(count: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    first = np.concatenate([[37], 37 + np.cumsum(rng.integers(80, 700, count))]).astype(np.int64)
    return {
        "first": first,
        "offset": rng.random(count),
        "inv_open": 1.0 / rng.uniform(20.0, 300.0, count),
        "lobe": rng.uniform(0.0, 1.5, count),
        "turbulence": rng.uniform(0.0, 0.3, count),
        "slap": rng.uniform(0.0, 2.0, count),
        "slap_rate": rng.uniform(1.0, 30.0, count),
        "hiss": rng.uniform(0.0, 0.1, count),
        "leak": rng.uniform(0.0, 0.5, count),
    }


def direct_wave(c: dict[str, np.ndarray], body_weight: float, hiss: np.ndarray, jet: np.ndarray) -> np.ndarray:
    out = np.zeros(len(hiss))
    for k in range(len(c["first"]) - 1):
        i = np.arange(c["first"][k], c["first"][k + 1])
        u = (i - c["first"][k] + c["offset"][k]) * c["inv_open"][k]
        angle = np.pi * np.minimum(u, 1.0)
        slap = np.exp(-np.abs(u - 1.0) * c["slap_rate"][k]) * c["slap"][k]
        air = c["turbulence"][k] * np.sin(angle) + slap + c["hiss"][k]
        valve = c["lobe"][k] * (np.sin(angle) + body_weight * np.sin(2.0 * angle))
        out[i] = valve + air * hiss[i] + c["leak"][k] * jet[i]
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_valve_wave_is_the_formula_sample_by_sample(seed: int) -> None:
    c = cycles(40, seed)
    n = int(c["first"][-1]) + 50
    rng = np.random.default_rng(100 + seed)
    hiss, jet = rng.standard_normal(n).astype(np.float32), rng.standard_normal(n).astype(np.float32)
    out = np.full(n, np.nan, dtype=np.float32)
    valve_wave(
        out, c["first"], c["offset"], c["inv_open"], c["lobe"], 0.7, c["turbulence"], c["slap"], c["slap_rate"],
        c["hiss"], c["leak"], hiss, jet,
    )  # fmt: skip
    expected = direct_wave(c, 0.7, hiss.astype(np.float64), jet.astype(np.float64))
    # Rotations and decays carried across a few hundred samples stay within float32 rounding of the formula.
    np.testing.assert_allclose(out, expected, atol=2e-5 * np.max(np.abs(expected)))
    # Before the first cycle and after the last: silence, not whatever the buffer held.
    assert not np.any(out[: c["first"][0]])
    assert not np.any(out[c["first"][-1] :])


def test_a_slap_long_after_its_closure_falls_silent_instead_of_underflowing() -> None:
    first = np.array([0, 40_000], dtype=np.int64)
    one, none = np.ones(1), np.zeros(1)
    out = np.empty(40_000, dtype=np.float32)
    noise = np.ones(40_000, dtype=np.float32)
    # One cycle open for 20 samples with nothing but its slap (level 1, 30 open phases per time constant).
    valve_wave(out, first, none, one / 20.0, none, 0.0, none, one, one * 30.0, none, none, noise, noise)
    assert out[20] == pytest.approx(1.0, rel=1e-4)  # the closure, at u = 1
    assert out[20 + 40] == pytest.approx(math.exp(-2.0 * 30.0), rel=1e-3)
    assert out[-1] == 0.0


def test_rings_are_damped_chirps_starting_at_zero_phase() -> None:
    length = 2000
    y = np.zeros(6000, dtype=np.float32)
    start, freq, tau = np.array([10, 3000]), np.array([800.0, 2400.0]), np.array([0.004, 0.001])
    level, chirp = np.array([1.0, 0.5]), np.array([0.2, 0.05])
    add_rings(y, SR, start, freq, tau, level, chirp, length)
    expected = np.zeros(6000)
    t = np.arange(length) / SR
    for e in range(2):
        phase = 2.0 * np.pi * freq[e] * t * (1.0 + chirp[e] / (2.0 * tau[e]) * t)
        expected[start[e] : start[e] + length] += level[e] * np.exp(-t / tau[e]) * np.sin(phase)
    np.testing.assert_allclose(y, expected, atol=1e-5)


def test_snaps_land_at_their_places_scaled_and_those_that_do_not_fit_are_left_out() -> None:
    table = np.arange(2 * 3 * 4, dtype=np.float32).reshape(2, 3, 4)
    y = np.zeros(20, dtype=np.float32)
    place = np.array([2, -1, 17, 10])
    subtract_snaps(y, table, np.array([1, 0, 0, 0]), np.array([2, 0, 0, 1]), place, np.array([2.0, 1.0, 1.0, -1.0]))
    expected = np.zeros(20, dtype=np.float32)
    expected[2:6] -= 2.0 * table[1, 2]
    np.testing.assert_array_equal(y, expected)
