"""Helpers for backend tests: sound rows without going through the engine, and a tiny WAV."""

from __future__ import annotations

from typing import Any

from generator.engine.spec import FartSpec
from generator.models import Sound


def make_row(**fields: Any) -> Sound:
    """A Sound row with plausible values; its file need not exist (the audio view re-renders missing files)."""
    values: dict[str, Any] = {
        "title": "Classic toot",
        "prompt": "a classic toot",
        "spec": FartSpec(seed=7).to_dict(),
        "seed": 7,
        "engine_version": "test",
        "source": Sound.Source.LOCAL,
        "duration_s": 1.5,
        "peaks": [],
        "wav": "sounds/missing.wav",
        **fields,
    }
    if values.get("owner") is None and not values.get("anon_id"):
        values["anon_id"] = "anon-test"
    return Sound.objects.create(**values)
