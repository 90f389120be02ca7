"""Template helpers for what a sound heard and the parts it is made of: the result card's chips and timeline, and
the values the sliders start from (the whole, or one part).

Like generator_ui, they only read values already on the sound (no queries): the WebSocket consumer renders the
card outside a request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django import template

from generator.models import Sound

register = template.Library()


@dataclass(frozen=True)
class HeardChip:
    words: str
    effect: str
    count: int


@dataclass(frozen=True)
class TimelinePart:
    """A part on the timeline strip; its place and length in seconds from the start of the sound."""

    index: int
    start_s: float
    duration_s: float
    gap_before_s: float

    @property
    def number(self) -> int:
        return self.index + 1


@register.simple_tag
def heard_chips(sound: Sound) -> list[HeardChip]:
    """The phrases the sound's words were read as, in order; a phrase said several times ("💨💨💨") is one chip."""
    chips: list[HeardChip] = []
    for heard in sound.understood or []:
        words, effect = str(heard.get("words", "")), str(heard.get("effect", ""))
        same = next((i for i, chip in enumerate(chips) if (chip.words, chip.effect) == (words, effect)), None)
        if same is None:
            chips.append(HeardChip(words, effect, 1))
        else:
            chips[same] = HeardChip(words, effect, chips[same].count + 1)
    return chips


@register.simple_tag
def timeline(sound: Sound | None) -> list[TimelinePart]:
    """The parts of a sound made of parts, in order (none for a sound of one part, or no sound)."""
    sequence = sound.sequence_obj if sound is not None else None
    if sequence is None:
        return []
    return [
        TimelinePart(index, start_s, part.duration_s, sequence.gaps_s[index - 1] if index else 0.0)
        for index, (part, (start_s, _)) in enumerate(zip(sequence.parts, sequence.spans_s(), strict=True))
    ]


@register.simple_tag
def tail_s(sound: Sound) -> float:
    """How long a sound made of parts rings on after its last part ends (the last room's echo)."""
    sequence = sound.sequence_obj
    return round(max(0.0, sound.duration_s - sequence.total_s), 3) if sequence is not None else 0.0


@register.simple_tag
def tweak_spec(sound: Sound | None, part: int | None = None) -> dict[str, Any]:
    """What the sliders show: one part of a sound made of parts, or the whole (its overall values), or its spec."""
    if sound is None:
        return {}
    sequence = sound.sequence_obj
    if sequence is None:
        return sound.spec
    if part is not None and 0 <= part < len(sequence.parts):
        return sequence.parts[part].to_dict()
    return sequence.overall().to_dict()


@register.filter
def parts_json(sound: Sound) -> str:
    """The specs of a sound's parts as compact JSON for a data attribute ([] for a sound of one part)."""
    return json.dumps((sound.sequence or {}).get("parts", []), separators=(",", ":"))
