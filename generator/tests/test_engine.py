"""render(): measured on the audio, the way a listener hears it."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.engine import (
    ENGINE_VERSION,
    PRESETS,
    ROOMS,
    FartSpec,
    encode,
    integrated_loudness,
    loudness_target_lufs,
    render,
    tail_s,
)
from generator.engine.synth import F0_FLOOR_HZ, F0_KNEE_HZ, snap_pulse
from generator.tests.audio import (
    active_duration_s,
    f0_hz,
    onset_count,
    peak_dbfs,
    spectral_centroid_hz,
    transient_rate_per_s,
)

ROOT = Path(__file__).resolve().parents[2]
# A dry, smooth spec: one steady puff, no glide, no rasp, no water.
SMOOTH = {"roughness": 0.0, "wetness": 0.0, "breathiness": 0.05, "duration_s": 1.5}


def test_importing_the_engine_leaves_django_out() -> None:
    code = "import sys, generator.engine; print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_render_gives_mono_float32() -> None:
    x = render(FartSpec())
    assert x.dtype == np.float32
    assert x.ndim == 1


@pytest.mark.parametrize("sr", [22050, 44100, 48000])
@pytest.mark.parametrize("duration_s", [0.3, 2.0, 7.5])
def test_render_lasts_as_long_as_the_spec(sr: int, duration_s: float) -> None:
    x = render(FartSpec(duration_s=duration_s, seed=1), sr)
    assert len(x) == round(duration_s * sr)
    assert active_duration_s(x, sr) == pytest.approx(duration_s, rel=0.05)


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_dry_preset_lasts_as_long_as_its_spec(name: str) -> None:
    spec = PRESETS[name].spec.with_changes(room="none")
    assert active_duration_s(render(spec), 44100) == pytest.approx(spec.duration_s, rel=0.05)


@pytest.mark.parametrize("room", [room for room in ROOMS if room != "none"])
def test_a_room_adds_its_tail_and_nothing_more(room: str) -> None:
    sr = 44100
    spec = FartSpec(duration_s=1.0, room=room)
    x = render(spec, sr)
    assert len(x) == round(1.0 * sr) + round(tail_s(room, sr) * sr)
    assert 1.0 <= active_duration_s(x, sr) <= 1.0 + tail_s(room, sr)


@pytest.mark.parametrize("pitch_hz", [90.0, 180.0, 350.0])
@pytest.mark.parametrize("sr", [22050, 44100])
def test_the_heard_pitch_is_the_spec_pitch(pitch_hz: float, sr: int) -> None:
    x = render(FartSpec(pitch_hz=pitch_hz, pitch_end_hz=pitch_hz, **SMOOTH), sr)
    assert f0_hz(x, sr) == pytest.approx(pitch_hz, rel=0.15)


@pytest.mark.parametrize("pitch_hz", [20.0, 45.0])
def test_a_pitch_below_the_valve_floor_is_voiced_at_the_floor_and_sounds_deeper(pitch_hz: float) -> None:
    # Issue 11: recordings voice at 67 Hz and up; depth comes from a longer open phase, irregular flaps and a
    # bigger body, not from sub-bass.
    sr = 22050
    x = render(FartSpec(pitch_hz=pitch_hz, pitch_end_hz=pitch_hz, **SMOOTH), sr)
    at_knee = render(FartSpec(pitch_hz=F0_KNEE_HZ, pitch_end_hz=F0_KNEE_HZ, **SMOOTH), sr)
    assert F0_FLOOR_HZ * 0.95 <= f0_hz(x, sr) <= F0_KNEE_HZ * 1.05
    assert spectral_centroid_hz(x, sr) < spectral_centroid_hz(at_knee, sr)


def test_a_glide_moves_the_heard_pitch() -> None:
    sr = 44100
    x = render(FartSpec(pitch_hz=200.0, pitch_end_hz=100.0, **{**SMOOTH, "duration_s": 3.0}), sr)
    third = len(x) // 3
    assert f0_hz(x[:third], sr) > 1.4 * f0_hz(x[-third:], sr)


def test_a_lower_pitch_sounds_darker() -> None:
    sr = 44100
    specs = [FartSpec(pitch_hz=hz, pitch_end_hz=hz, seed=2) for hz in (40, 80, 160, 320)]
    centroids = [spectral_centroid_hz(render(spec, sr), sr) for spec in specs]
    assert centroids == sorted(centroids)


def test_a_wetter_spec_pops_and_crackles_more() -> None:
    sr = 44100
    base = {"pitch_hz": 150.0, "pitch_end_hz": 140.0, "roughness": 0.2, "duration_s": 2.0}
    for seed in (0, 1, 2):
        rates = [transient_rate_per_s(render(FartSpec(wetness=w, seed=seed, **base), sr), sr) for w in (0.0, 0.5, 1.0)]
        assert rates[0] < rates[1] < rates[2]
        assert rates[2] > 3 * max(rates[0], 1.0)


@pytest.mark.parametrize("bursts", [1, 2, 4, 6])
def test_bursts_are_heard_as_separate_puffs(bursts: int) -> None:
    x = render(FartSpec(duration_s=2.5, bursts=bursts, seed=5), 44100)
    assert onset_count(x, 44100) == bursts


@pytest.mark.parametrize("room", ROOMS)
@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_in_every_room_is_clean(name: str, room: str) -> None:
    assert_clean(render(PRESETS[name].spec.with_changes(room=room), 44100))


def assert_clean(x: np.ndarray) -> None:
    assert np.all(np.isfinite(x))
    assert peak_dbfs(x) <= -1.0
    # No neighbouring samples pinned at the peak, as a clipper would leave them.
    at_peak = np.abs(x) == np.max(np.abs(x))
    assert not np.any(at_peak[1:] & at_peak[:-1])
    assert abs(float(np.mean(x))) < 2e-3
    assert abs(float(x[0])) < 1e-3
    assert abs(float(x[-1])) < 1e-3


@pytest.mark.parametrize("loudness", [0.0, 0.2, 0.5, 0.7])
def test_the_loudness_slider_sets_the_loudness(loudness: float) -> None:
    sr = 44100
    x = render(FartSpec(loudness=loudness, duration_s=2.0), sr)
    measured = pyloudnorm.Meter(sr).integrated_loudness(x.astype(np.float64))
    assert measured == pytest.approx(loudness_target_lufs(loudness), abs=0.3)


def test_loud_specs_get_close_to_their_target_despite_the_limiter() -> None:
    sr = 44100
    x = render(FartSpec(loudness=0.85, duration_s=2.0), sr)
    measured = pyloudnorm.Meter(sr).integrated_loudness(x.astype(np.float64))
    # Limiting the peaks costs some loudness: documented as up to about 1.5 LU.
    assert loudness_target_lufs(0.85) - 1.5 <= measured <= loudness_target_lufs(0.85) + 0.3
    assert measured > loudness_target_lufs(0.7) + 0.5


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("loudness", [0.8, 0.9, 1.0])
def test_the_loudness_slider_reaches_its_target_above_the_default(loudness: float, seed: int) -> None:
    # The flaps' spikes once held every loud spec near −16 LUFS: the limiter followed them all (issue 11).
    sr = 44100
    x = render(FartSpec(loudness=loudness, duration_s=2.0, seed=seed), sr)
    measured = pyloudnorm.Meter(sr).integrated_loudness(x.astype(np.float64))
    assert loudness_target_lufs(loudness) - 0.6 <= measured <= loudness_target_lufs(loudness) + 0.3


def test_each_step_of_the_slider_above_the_default_is_louder() -> None:
    sr = 44100
    meter = pyloudnorm.Meter(sr)
    levels = [
        meter.integrated_loudness(render(FartSpec(loudness=loudness, seed=1), sr).astype(np.float64))
        for loudness in (0.7, 0.8, 0.9, 1.0)
    ]
    assert np.all(np.diff(levels) >= 1.0)
    assert levels[-1] - levels[0] >= 3.0


SPIKY = ["rumbler", "machine_gun", "wet_one", "trumpet", "tuba", "motorboat", "whoopee_cushion"]


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("name", SPIKY)
def test_a_spiky_preset_reaches_its_own_loudness(name: str, seed: int) -> None:
    spec = PRESETS[name].spec.with_changes(seed=seed)
    measured = integrated_loudness(render(spec, 44100), 44100)
    assert measured == pytest.approx(loudness_target_lufs(spec.loudness), abs=1.0)


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_at_full_loudness_is_clean(name: str) -> None:
    # Full loudness lowers the crest of most: phases turned, spikes cut, and neither may leave DC or an edge click.
    assert_clean(render(PRESETS[name].spec.with_changes(loudness=1.0), 44100))


def test_a_louder_spec_is_never_quieter() -> None:
    sr = 44100
    meter = pyloudnorm.Meter(sr)
    sounds = [render(FartSpec(loudness=loudness, seed=3), sr) for loudness in (0.0, 0.5, 1.0)]
    levels = [meter.integrated_loudness(x.astype(np.float64)) for x in sounds]
    assert levels == sorted(levels)
    assert levels[-1] - levels[0] > 18


def test_the_same_spec_gives_the_same_samples_and_wav_bytes() -> None:
    spec = PRESETS["wet_one"].spec.with_changes(room="bathroom", seed=77)
    first, second = render(spec), render(spec)
    assert first.tobytes() == second.tobytes()
    assert encode(first, 44100, "wav") == encode(second, 44100, "wav")


def test_the_same_spec_gives_the_same_wav_in_a_fresh_process() -> None:
    spec = FartSpec(wetness=0.8, bursts=3, room="bathtub", seed=12345)
    code = (
        "import hashlib; from generator.engine import FartSpec, encode, render; "
        f"print(hashlib.sha256(encode(render(FartSpec.from_dict({spec.to_dict()!r})), 44100, 'wav')).hexdigest())"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == hashlib.sha256(encode(render(spec), 44100, "wav")).hexdigest()


def test_different_seeds_sound_different() -> None:
    sr = 44100
    a = render(FartSpec(seed=1), sr)
    b = render(FartSpec(seed=2), sr)
    assert len(a) == len(b)
    # Not merely shifted or rescaled: the waveforms are unrelated and their level contours differ.
    assert abs(float(np.corrcoef(a, b)[0, 1])) < 0.3
    frame = 441
    env_a = np.sqrt(np.mean(a[: len(a) // frame * frame].reshape(-1, frame) ** 2, axis=1))
    env_b = np.sqrt(np.mean(b[: len(b) // frame * frame].reshape(-1, frame) ** 2, axis=1))
    assert np.max(np.abs(20 * np.log10((env_a + 1e-6) / (env_b + 1e-6)))) > 3.0


def test_the_engine_version_is_a_positive_number() -> None:
    assert isinstance(ENGINE_VERSION, int)
    assert ENGINE_VERSION >= 1


@pytest.mark.parametrize("sample_rate", [0, 7999, 192_001, 44100.0, True, "44100"])
def test_odd_sample_rates_are_refused(sample_rate: object) -> None:
    with pytest.raises(ValueError, match="sample_rate"):
        render(FartSpec(), sample_rate)  # type: ignore[arg-type]


@pytest.mark.parametrize("sr", [8000, 96000])
def test_extreme_sample_rates_still_render_cleanly(sr: int) -> None:
    x = render(PRESETS["squeaker"].spec, sr)
    assert np.all(np.isfinite(x))
    assert peak_dbfs(x) <= -1.0
    assert active_duration_s(x, sr) == pytest.approx(PRESETS["squeaker"].spec.duration_s, rel=0.05)


@pytest.mark.parametrize("sr", [22050, 44100, 48000])
@pytest.mark.parametrize("f0", [97.3, 223.1, 473.3])
def test_the_valve_snaps_do_not_alias(sr: int, f0: float) -> None:
    # A steady train of the engine's sharpest snaps at sub-sample positions: every component must sit on a
    # harmonic of f0; aliases (or a snap placed at the wrong time) would land between them.
    n = 2 * sr
    x = np.zeros(n + sr // 100)
    for start in np.arange(0.0, n - sr / 100, sr / f0):
        base = int(start)
        pulse = snap_pulse(0.1e-3, start - base, sr)
        x[base : base + len(pulse)] += pulse
    power = np.abs(np.fft.rfft(x[:n] * np.blackman(n))) ** 2
    freqs = np.fft.rfftfreq(n, 1 / sr)
    off_harmonic = np.abs(freqs - np.round(freqs / f0) * f0) > 6.0
    assert 10 * np.log10(power[off_harmonic].sum() / power.sum()) < -50


@given(
    spec=st.builds(
        FartSpec,
        duration_s=st.floats(0.2, 12.0),
        pitch_hz=st.floats(20.0, 500.0),
        pitch_end_hz=st.floats(20.0, 500.0),
        wetness=st.floats(0.0, 1.0),
        roughness=st.floats(0.0, 1.0),
        loudness=st.floats(0.0, 1.0),
        tightness=st.floats(0.0, 1.0),
        breathiness=st.floats(0.0, 1.0),
        bursts=st.integers(1, 12),
        room=st.sampled_from(ROOMS),
        preset=st.none() | st.sampled_from(sorted(PRESETS)),
        seed=st.integers(0, 2**32 - 1),
    ),
    sr=st.sampled_from([8000, 22050, 44100, 48000]),
)
@settings(max_examples=60, deadline=None)
def test_any_valid_spec_renders_cleanly(spec: FartSpec, sr: int) -> None:
    x = render(spec, sr)
    assert len(x) == round(spec.duration_s * sr) + round(tail_s(spec.room, sr) * sr)
    assert np.all(np.isfinite(x))
    assert peak_dbfs(x) <= -1.0
    assert peak_dbfs(x) > -60.0


def test_renders_on_several_threads_match_renders_on_one() -> None:
    # Scratch memory is per thread: concurrent renders must not see each other's work.
    specs = [preset.spec.with_changes(seed=seed) for seed, preset in enumerate(PRESETS.values())]
    alone = [render(spec) for spec in specs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(render, specs * 3))
    for i, x in enumerate(together):
        assert np.array_equal(x, alone[i % len(specs)])
