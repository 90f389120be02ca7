"""The base sound library: complete, described, and made of sounds a listener can tell apart."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from generator.engine import PRESETS, ROOMS, FartSpec, render
from generator.tests.audio import (
    active_duration_s,
    band_share,
    f0_hz,
    onset_count,
    spectral_centroid_hz,
    transient_rate_per_s,
)

SLUGS = [
    "classic",
    "squeaker",
    "rumbler",
    "machine_gun",
    "wet_one",
    "silent_but_deadly",
    "trumpet",
    "balloon",
    "duck_call",
    "bathtub_bubbler",
    "long_goodbye",
    "tuba",
    "popcorn",
    "motorboat",
    "whoopee_cushion",
    "zipper",
]


def test_the_library_has_the_agreed_presets() -> None:
    assert list(PRESETS) == SLUGS


@pytest.mark.parametrize("name", SLUGS)
def test_a_preset_is_named_labelled_and_described_in_one_line(name: str) -> None:
    preset = PRESETS[name]
    assert preset.name == name
    assert preset.spec.preset == name
    assert isinstance(preset.spec, FartSpec)
    assert preset.label[:1].isupper()
    assert "\n" not in preset.description
    assert 20 <= len(preset.description) <= 90
    assert preset.description.endswith(".")


def test_labels_are_unique() -> None:
    assert len({preset.label for preset in PRESETS.values()}) == len(PRESETS)


def features(name: str) -> dict[str, float]:
    sr = 22050
    spec = PRESETS[name].spec
    x = render(spec, sr)
    pitch = f0_hz(x, sr)
    third = len(x) // 3
    glide = math.log2(f0_hz(x[-third:], sr) / f0_hz(x[:third], sr)) if spec.bursts == 1 else math.nan
    return {
        "octave": math.log2(pitch) if math.isfinite(pitch) else math.nan,
        "glide": glide,
        "brightness": math.log2(spectral_centroid_hz(x, sr)),
        "onsets": onset_count(x, sr),
        "length": math.log2(active_duration_s(x, sr)),
        "hiss": band_share(x, sr, 2000, 11025),
        "pops": transient_rate_per_s(x, sr),
        "room": float(ROOMS.index(spec.room)),
    }


def test_every_two_presets_sound_different() -> None:
    measured = {name: features(name) for name in SLUGS}
    # What a listener notices: a quarter octave in pitch, glide or brightness, a different number of puffs, a
    # quarter octave in length, a fifth of the power moving into hiss, five more pops a second, or another room.
    noticeable = {
        "octave": 0.25,
        "glide": 0.25,
        "brightness": 0.25,
        "onsets": 1,
        "length": 0.25,
        "hiss": 0.2,
        "pops": 5,
        "room": 1,
    }
    for a, b in itertools.combinations(SLUGS, 2):
        differences = [
            feature
            for feature, step in noticeable.items()
            if not math.isnan(measured[a][feature] - measured[b][feature])
            and abs(measured[a][feature] - measured[b][feature]) >= step
        ]
        assert differences, f"{a} and {b} sound alike: {measured[a]} vs {measured[b]}"


def test_the_library_covers_the_range() -> None:
    specs = [preset.spec for preset in PRESETS.values()]
    assert min(spec.pitch_hz for spec in specs) < 40
    assert max(spec.pitch_hz for spec in specs) > 300
    assert max(spec.wetness for spec in specs) > 0.8
    assert max(spec.breathiness for spec in specs) > 0.8
    assert max(spec.bursts for spec in specs) >= 10
    assert max(spec.duration_s for spec in specs) >= 5
    assert len({spec.room for spec in specs}) >= 3


@pytest.mark.parametrize("name", SLUGS)
def test_a_preset_renders_the_same_at_its_own_seed(name: str) -> None:
    x = render(PRESETS[name].spec, 22050)
    assert np.array_equal(x, render(PRESETS[name].spec, 22050))
