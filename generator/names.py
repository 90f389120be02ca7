"""The one name table: what each room and each parameter is called on the sliders, in titles, chips and diffs.

A room has one name everywhere ("in a church" is room `hall`, and every label, title and chip says "hall"), so
the words a person reads never flip between two names for one sound. Plain Python: the interpreter may import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from generator.engine.spec import INT_FIELDS, NUMERIC_FIELDS


@dataclass(frozen=True)
class RoomName:
    label: str  # the slider's option, the diff line
    phrase: str  # how a title or a chip says it ("" for no room)
    hint: str  # which places sound like it


ROOM_NAMES: dict[str, RoomName] = {
    "none": RoomName("No room", "", "outdoors"),
    "bathroom": RoomName("Bathroom", "in the bathroom", "tiles, toilet"),
    "bathtub": RoomName("Bathtub", "in the bathtub", "under water"),
    "car": RoomName("Car", "in the car", "any small closed space"),
    "hall": RoomName("Hall", "in a hall", "church, cathedral, stadium, cave"),
    "chair": RoomName("Chair", "on a chair", "a seat, a couch"),
}


@dataclass(frozen=True)
class FieldName:
    label: str
    step: float
    hint: str


# Label, slider step and a plain-words hint per numeric field; ranges and units come from the spec module.
FIELD_NAMES: dict[str, FieldName] = {
    "duration_s": FieldName("Length", 0.1, "The sound itself; a room's echo rings on after it"),
    "pitch_hz": FieldName("Pitch", 1, "Low rumbles, high squeaks"),
    "pitch_end_hz": FieldName("Pitch at the end", 1, "Away from the start pitch for a glide"),
    "wetness": FieldName("Wetness", 0.01, "Bubbles, crackle and splutter"),
    "roughness": FieldName("Roughness", 0.01, "From a smooth tone to a raspy rattle"),
    "tightness": FieldName("Tightness", 0.01, "From loose and flappy to tight and squeaky"),
    "breathiness": FieldName("Breathiness", 0.01, "From pure buzz to silent-but-deadly hiss"),
    "loudness": FieldName("Loudness", 0.01, "From a whisper to thunder"),
    "bursts": FieldName("Puffs", 1, "Separate bursts in one go"),
}


def unit_of(name: str) -> str:
    """The unit a field is shown in: its own (s, Hz), % for 0–1 amounts, none for counts."""
    bounds = {**NUMERIC_FIELDS, **INT_FIELDS}[name]
    return bounds.unit or ("%" if bounds.high == 1.0 else "")


def format_value(value: float, unit: str) -> str:
    """A value as the sliders show it (static/js/generator.js formats it the same way, and the badge's
    floatformat too): halves round up, so 0.95 s reads "1.0 s" everywhere, not "0.9 s" here and "1.0 s" there."""
    if unit == "s":
        return f"{_half_up(value, 1):.1f} s"
    if unit == "Hz":
        return f"{_half_up(value, 0):.0f} Hz"
    if unit == "%":
        return f"{_half_up(value * 100, 0):.0f}%"
    return f"{value:g}"


def _half_up(value: float, places: int) -> float:
    # Through the decimal text of the value: 0.95 is stored as 0.94999…, which plain rounding takes down.
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def show_field(name: str, value: object) -> str:
    """A spec field's value in words: "2.0 s", "60%", "Hall"."""
    if name == "room":
        return ROOM_NAMES[str(value)].label
    if name == "preset":
        return str(value or "none").replace("_", " ")
    return format_value(float(value), unit_of(name))  # type: ignore[arg-type]


def field_label(name: str) -> str:
    if name in FIELD_NAMES:
        return FIELD_NAMES[name].label
    return {"room": "Room", "preset": "Starts from", "seed": "Take"}.get(name, name)
