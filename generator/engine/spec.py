"""FartSpec: the one parameter set that every part of Fartgen speaks."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any, Literal, get_args

Room = Literal["none", "bathroom", "bathtub", "car", "hall", "chair"]
ROOMS: tuple[str, ...] = get_args(Room)
# The base library's names live here, not in presets.py, so that the spec can check them without an import cycle;
# a test keeps the two lists equal.
PRESET_NAMES: tuple[str, ...] = (
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
)


@dataclass(frozen=True)
class Range:
    low: float
    high: float
    unit: str
    description: str


# Ranges and words in one place: validation, clamping, the JSON schema and the Claude prompt all read them.
NUMERIC_FIELDS: dict[str, Range] = {
    "duration_s": Range(0.2, 12.0, "s", "length of the sound, gaps between puffs included"),
    "pitch_hz": Range(20.0, 500.0, "Hz", "fundamental at the start (low = rumbly, high = squeaky)"),
    "pitch_end_hz": Range(20.0, 500.0, "Hz", "fundamental at the end; differs from pitch_hz for a glide"),
    "wetness": Range(0.0, 1.0, "", "0 dry, 1 very wet: bubbles, crackle and splutter"),
    "roughness": Range(0.0, 1.0, "", "0 smooth tone, 1 raspy: jitter, shimmer and rattle"),
    "loudness": Range(0.0, 1.0, "", "0 barely audible, 1 thunderous"),
    "tightness": Range(0.0, 1.0, "", "0 loose and flappy, 1 tight and squeaky (brighter, narrower resonances)"),
    "breathiness": Range(0.0, 1.0, "", "0 pure buzz, 1 nearly all hiss of escaping air (silent-but-deadly)"),
}
INT_FIELDS: dict[str, Range] = {
    "bursts": Range(1, 12, "", "number of separate puffs"),
}
SEED_MAX = 2**32 - 1


@dataclass(frozen=True)
class FartSpec:
    """Everything that decides how a fart sounds. Same spec, same samples."""

    duration_s: float = 0.9
    pitch_hz: float = 90.0
    pitch_end_hz: float = 75.0
    wetness: float = 0.2
    roughness: float = 0.3
    loudness: float = 0.7
    tightness: float = 0.4
    breathiness: float = 0.15
    bursts: int = 1
    room: Room = "none"
    preset: str | None = None
    seed: int = 0

    def __post_init__(self) -> None:
        for name, bounds in NUMERIC_FIELDS.items():
            value = getattr(self, name)
            if not _is_finite_number(value):
                raise ValueError(f"{name} must be a number, got {_show(value)}")
            if not bounds.low <= value <= bounds.high:
                raise ValueError(f"{name} must be {_span(bounds)}, got {value:g}")
            object.__setattr__(self, name, float(value))
        for name, bounds in INT_FIELDS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{name} must be a whole number, got {_show(value)}")
            if not bounds.low <= value <= bounds.high:
                raise ValueError(f"{name} must be {_span(bounds)}, got {value}")
        if self.room not in ROOMS:
            raise ValueError(f"room must be one of {', '.join(ROOMS)}, got {_show(self.room)}")
        if self.preset is not None and self.preset not in PRESET_NAMES:
            raise ValueError(f"preset must be null or one of {', '.join(PRESET_NAMES)}, got {_show(self.preset)}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or not 0 <= self.seed <= SEED_MAX:
            raise ValueError(f"seed must be a whole number from 0 to {SEED_MAX}, got {_show(self.seed)}")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, clamp: bool = False, base: FartSpec | None = None) -> FartSpec:
        """Build a spec from JSON-like data over `base` (defaults); unknown keys are refused.

        With clamp=True, numbers out of range are brought to the nearest bound (for model output and sliders);
        wrong types and a seed out of range (another seed would be another sound) are refused either way.
        """
        if not isinstance(data, dict):
            raise ValueError("a spec must be a JSON object")
        # Keys may be anything in a Python dict; compare and sort them as text so the message never fails.
        unknown = sorted(str(key) for key in data if key not in FIELD_NAMES)
        if unknown:
            raise ValueError(f"unknown spec field(s): {', '.join(unknown)}")
        values = {**(base or cls()).to_dict(), **data}
        if clamp:
            values = _clamped(values)
        return cls(**values)

    def with_changes(self, **changes: Any) -> FartSpec:
        """A copy with some fields changed, numbers clamped into range."""
        return FartSpec.from_dict(changes, clamp=True, base=self)

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """A JSON Schema of the spec (also the Claude tool's input schema)."""
        properties: dict[str, Any] = {}
        for name, bounds in NUMERIC_FIELDS.items():
            properties[name] = {
                "type": "number",
                "minimum": bounds.low,
                "maximum": bounds.high,
                "description": _describe(bounds),
            }
        for name, bounds in INT_FIELDS.items():
            properties[name] = {
                "type": "integer",
                "minimum": int(bounds.low),
                "maximum": int(bounds.high),
                "description": _describe(bounds),
            }
        properties["room"] = {"type": "string", "enum": list(ROOMS), "description": "acoustic space around the sound"}
        properties["preset"] = {
            "type": ["string", "null"],
            "enum": [*PRESET_NAMES, None],
            "description": "name of the base-library preset this sound starts from, or null",
        }
        properties["seed"] = {"type": "integer", "minimum": 0, "maximum": SEED_MAX, "description": "random seed"}
        return {"type": "object", "properties": properties, "additionalProperties": False}


FIELD_NAMES: frozenset[str] = frozenset(f.name for f in dataclasses.fields(FartSpec))


def _clamped(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for name, bounds in {**NUMERIC_FIELDS, **INT_FIELDS}.items():
        value = out[name]
        if _is_finite_number(value) or (isinstance(value, int) and not isinstance(value, bool)):
            value = min(max(value, bounds.low), bounds.high)
            out[name] = round(value) if name in INT_FIELDS else float(value)
    return out


def _is_finite_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float is no usable number of seconds or hertz
        return False


def _show(value: Any) -> str:
    """A short repr for error messages: user input can be arbitrarily long."""
    try:
        text = repr(value)
    except ValueError:  # ints beyond Python's digit limit refuse to print
        return "a number too large to print"
    return text if len(text) <= 60 else text[:57] + "..."


def _span(bounds: Range) -> str:
    unit = f" {bounds.unit}" if bounds.unit else ""
    return f"{bounds.low:g}–{bounds.high:g}{unit}"


def _describe(bounds: Range) -> str:
    return f"{bounds.description} ({_span(bounds)})"
