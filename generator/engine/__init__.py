"""Fartgen's synthesis engine: NumPy/SciPy/soundfile, its per-sample loops compiled with Numba; no Django.

    from generator.engine import FartSpec, render, encode, peaks
    samples = render(FartSpec(duration_s=2.0, wetness=0.8, room="bathtub"))
    wav = encode(samples, 44100, "wav")
"""

from __future__ import annotations

from generator.engine.encode import CONTENT_TYPES, FORMATS, MP3_SAMPLE_RATES, encode, peaks
from generator.engine.mixer import LOUDNESS_TARGET_LUFS, PEAK_CEILING_DBFS, integrated_loudness, mix, normalize
from generator.engine.presets import PRESETS, Preset
from generator.engine.rooms import apply_room, tail_s
from generator.engine.spec import PRESET_NAMES, ROOMS, FartSpec, Room
from generator.engine.synth import (
    ENGINE_VERSION,
    MAX_SAMPLE_RATE,
    MIN_SAMPLE_RATE,
    loudness_target_lufs,
    render,
)

__all__ = [
    "CONTENT_TYPES",
    "ENGINE_VERSION",
    "FORMATS",
    "LOUDNESS_TARGET_LUFS",
    "MAX_SAMPLE_RATE",
    "MIN_SAMPLE_RATE",
    "MP3_SAMPLE_RATES",
    "PEAK_CEILING_DBFS",
    "PRESETS",
    "PRESET_NAMES",
    "ROOMS",
    "FartSpec",
    "Preset",
    "Room",
    "apply_room",
    "encode",
    "integrated_loudness",
    "loudness_target_lufs",
    "mix",
    "normalize",
    "peaks",
    "render",
    "tail_s",
]
