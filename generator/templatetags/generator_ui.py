"""Template helpers for the generator page: slider definitions, progress stages, follow-up chips, peaks for canvases.

They only read values already on the objects they get (no queries): the WebSocket consumer renders these
fragments outside a request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django import template

from generator.engine.spec import INT_FIELDS, NUMERIC_FIELDS, ROOMS, FartSpec
from generator.models import AUDIO_FORMATS
from generator.names import FIELD_NAMES, ROOM_NAMES, format_value, unit_of

register = template.Library()

# The refinements most people reach for; each chip sends its text as a follow-up prompt to the current sound.
FOLLOW_UPS: tuple[str, ...] = (
    "wetter",
    "drier",
    "longer",
    "shorter",
    "deeper",
    "squeakier",
    "louder",
    "quieter",
    ROOM_NAMES["bathtub"].phrase,
    ROOM_NAMES["hall"].phrase,
)

STAGES: tuple[tuple[str, str], ...] = (
    ("interpreting", "Reading your words"),
    ("synthesizing", "Synthesizing"),
    ("encoding", "Encoding"),
    ("saving", "Saving"),
)


@dataclass(frozen=True)
class Slider:
    name: str
    label: str
    low: float
    high: float
    step: float
    value: float
    unit: str
    hint: str

    @property
    def display(self) -> str:
        """The value as the slider's <output> shows it (static/js/generator.js formats it the same way)."""
        return format_value(self.value, self.unit)


@register.simple_tag
def spec_sliders(spec_data: dict[str, Any]) -> list[Slider]:
    """One slider per numeric FartSpec field, set to the values of a stored spec."""
    spec = FartSpec.from_dict(spec_data, clamp=True) if spec_data else FartSpec()
    ranges = {**NUMERIC_FIELDS, **INT_FIELDS}
    sliders = []
    for name, look in FIELD_NAMES.items():
        bounds = ranges[name]
        sliders.append(
            Slider(name, look.label, bounds.low, bounds.high, look.step, getattr(spec, name), unit_of(name), look.hint)
        )
    return sliders


@register.simple_tag
def room_choices() -> list[tuple[str, str]]:
    """(room, label): the same names as titles and chips use."""
    return [(room, name.label) for room, name in ROOM_NAMES.items() if room in ROOMS]


@register.simple_tag
def room_hints() -> str:
    """Which places each room stands for: "Hall: church, cathedral, stadium, cave: a long echo." """
    return " ".join(f"{name.label}: {name.hint}." for name in ROOM_NAMES.values() if name.hint)


@register.simple_tag
def follow_ups() -> tuple[str, ...]:
    return FOLLOW_UPS


@register.simple_tag
def progress_stages(status: str) -> list[tuple[str, str]]:
    """(label, state) per stage, state being "done", "current" or "todo" for the given pipeline status."""
    names = [name for name, _ in STAGES]
    current = len(names) if status == "complete" else names.index(status) if status in names else -1
    states = []
    for index, (_, label) in enumerate(STAGES):
        state = "done" if index < current else "current" if index == current else "todo"
        states.append((label, state))
    return states


@register.filter
def stage_label(status: str) -> str:
    return dict(STAGES).get(status, "Done" if status == "complete" else status)


@register.filter
def peaks_json(peaks: list[list[float]], every: int = 1) -> str:
    """The waveform peaks as compact JSON for a data attribute, keeping every n-th bucket for small drawings."""
    kept = peaks[:: max(1, int(every))] if peaks else []
    return json.dumps([[round(low, 3), round(high, 3)] for low, high in kept], separators=(",", ":"))


@register.filter
def spec_json(spec: dict[str, Any]) -> str:
    return json.dumps(spec or {}, separators=(",", ":"))


@register.filter
def total_ms(timings_ms: dict[str, float] | None) -> int:
    """The generation's wall time from its per-stage timings."""
    return round(sum(v for v in (timings_ms or {}).values() if isinstance(v, (int, float))))


@register.filter
def download_url(sound: Any, fmt: str) -> str:
    return sound.download_url(fmt)


@register.filter
def audio_url(sound: Any, fmt: str) -> str:
    return sound.audio_url(fmt)


@register.simple_tag
def audio_formats() -> tuple[str, ...]:
    return AUDIO_FORMATS
