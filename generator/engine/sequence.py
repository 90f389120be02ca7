"""FartSequence: a sound made of several parts in order ("two quick ones and a long one"), each its own FartSpec."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from generator.engine.mixer import integrated_loudness, mix, normalize
from generator.engine.spec import INT_FIELDS, NUMERIC_FIELDS, SEED_MAX, FartSpec
from generator.engine.synth import loudness_target_lufs, render

MAX_PARTS = 6
MAX_TOTAL_S = 12.0
GAP_RANGE_S = (0.05, 3.0)
# Pitches move by a ratio when the whole is made higher or lower: the tune of the parts stays the same.
_RATIO_FIELDS = frozenset({"pitch_hz", "pitch_end_hz"})


@dataclass(frozen=True)
class FartSequence:
    """Two to six parts played in order with a gap between each pair; at most 12 s in all (gaps included)."""

    parts: tuple[FartSpec, ...]
    gaps_s: tuple[float, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.parts, tuple) or not all(isinstance(part, FartSpec) for part in self.parts):
            raise ValueError("parts must be a list of specs")
        if not 2 <= len(self.parts) <= MAX_PARTS:
            raise ValueError(f"a sequence has 2–{MAX_PARTS} parts, got {len(self.parts)}")
        if len(self.gaps_s) != len(self.parts) - 1:
            raise ValueError(f"a sequence of {len(self.parts)} parts has {len(self.parts) - 1} gaps")
        low, high = GAP_RANGE_S
        for gap in self.gaps_s:
            if isinstance(gap, bool) or not isinstance(gap, (int, float)) or not low <= gap <= high:
                raise ValueError(f"each gap must be {low:g}–{high:g} s, got {gap!r}"[:120])
        object.__setattr__(self, "gaps_s", tuple(float(gap) for gap in self.gaps_s))
        if self.total_s > MAX_TOTAL_S + 1e-9:
            raise ValueError(f"a sequence lasts at most {MAX_TOTAL_S:g} s, got {self.total_s:.1f} s")

    @property
    def total_s(self) -> float:
        """Length of the parts and gaps, room tails aside."""
        return sum(part.duration_s for part in self.parts) + sum(self.gaps_s)

    def spans_s(self) -> tuple[tuple[float, float], ...]:
        """(start, end) of each part in seconds from the start of the sound, room tails aside."""
        spans, start = [], 0.0
        for index, part in enumerate(self.parts):
            spans.append((start, start + part.duration_s))
            start += part.duration_s + (self.gaps_s[index] if index < len(self.gaps_s) else 0.0)
        return tuple(spans)

    def overall(self) -> FartSpec:
        """One spec that stands for the whole, as the sliders that edit every part at once show it.

        Its length is the whole's (pauses included), every other number the parts' mean (at slider precision),
        its room the last part's (the echo heard at the end), its preset the parts' when they share one, its seed
        the first part's.
        """
        presets = {part.preset for part in self.parts}
        means = {
            name: round(sum(getattr(part, name) for part in self.parts) / len(self.parts), 3)
            for name in NUMERIC_FIELDS
            if name != "duration_s"
        }
        return FartSpec(
            **means,
            duration_s=round(min(self.total_s, NUMERIC_FIELDS["duration_s"].high), 2),
            bursts=round(sum(part.bursts for part in self.parts) / len(self.parts)),
            room=self.parts[-1].room,
            preset=presets.pop() if len(presets) == 1 else None,
            seed=self.parts[0].seed,
        )

    def with_overall(self, changes: dict[str, Any]) -> FartSequence:
        """The sequence with the fields of `changes` that differ from overall() moved on every part.

        A longer or shorter whole stretches parts and pauses alike; higher or lower pitches scale every part's;
        the 0–1 amounts and the puffs shift every part by the same step; a room, a preset or a seed is given to
        every part (the seed counting up from part to part, so the parts stay different takes). Numbers are
        clamped like sliders'; unknown fields raise ValueError.
        """
        before = self.overall()
        after = FartSpec.from_dict(changes, clamp=True, base=before)
        moved = [name for name in changes if getattr(after, name) != getattr(before, name)]
        parts, gaps = list(self.parts), list(self.gaps_s)
        for name in moved:
            if name == "duration_s":
                parts, gaps = _stretched(parts, gaps, after.duration_s / before.duration_s)
                continue
            parts = [part.with_changes(**{name: _moved(name, part, before, after, index)}) for index, part
                     in enumerate(parts)]
        return FartSequence.fitted(parts, gaps)

    def with_part(self, index: int, changes: dict[str, Any]) -> FartSequence:
        """The sequence with part `index` (from 0) changed like FartSpec.from_dict(clamp=True) changes a spec.

        A part made longer than the whole allows is cut to fit; a bad index or field raises ValueError.
        """
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.parts):
            raise ValueError(f"part must be 0–{len(self.parts) - 1} for a sound of {len(self.parts)} parts")
        parts = list(self.parts)
        parts[index] = FartSpec.from_dict(changes, clamp=True, base=parts[index])
        room_s = MAX_TOTAL_S - (sum(part.duration_s for part in parts) - parts[index].duration_s) - sum(self.gaps_s)
        if parts[index].duration_s > room_s:
            parts[index] = parts[index].with_changes(duration_s=room_s)
        return FartSequence.fitted(parts, list(self.gaps_s))

    @classmethod
    def fitted(cls, parts: list[FartSpec], gaps: list[float]) -> FartSequence:
        """The parts and gaps as a sequence, shortened in proportion if they last over MAX_TOTAL_S."""
        total_s = sum(part.duration_s for part in parts) + sum(gaps)
        if total_s > MAX_TOTAL_S:
            # Floor at the hundredth: rounding to nearest could land a hair over the limit again.
            factor = MAX_TOTAL_S / total_s
            parts = [part.with_changes(duration_s=math.floor(part.duration_s * factor * 100) / 100) for part in parts]
            low, _ = GAP_RANGE_S
            gaps = [max(low, math.floor(gap * factor * 100) / 100) for gap in gaps]
        return cls(tuple(parts), tuple(gaps))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: {"parts": [spec, ...], "gaps_s": [...]}."""
        return {"parts": [part.to_dict() for part in self.parts], "gaps_s": list(self.gaps_s)}

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, clamp: bool = False) -> FartSequence:
        """Build a sequence from JSON-like data; each part as FartSpec.from_dict reads it."""
        if not isinstance(data, dict) or set(data) - {"parts", "gaps_s"}:
            raise ValueError('a sequence must be a JSON object with "parts" and "gaps_s"')
        parts, gaps = data.get("parts"), data.get("gaps_s")
        if not isinstance(parts, list) or not isinstance(gaps, list):
            raise ValueError('a sequence needs a "parts" list and a "gaps_s" list')
        return cls(tuple(FartSpec.from_dict(part, clamp=clamp) for part in parts), tuple(gaps))

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """A JSON Schema of the sequence."""
        low, high = GAP_RANGE_S
        return {
            "type": "object",
            "properties": {
                "parts": {"type": "array", "minItems": 2, "maxItems": MAX_PARTS, "items": FartSpec.json_schema()},
                "gaps_s": {
                    "type": "array",
                    "maxItems": MAX_PARTS - 1,
                    "items": {"type": "number", "minimum": low, "maximum": high},
                    "description": "silence between consecutive parts, s",
                },
            },
            "required": ["parts", "gaps_s"],
            "additionalProperties": False,
        }


def render_sequence(sequence: FartSequence, sample_rate: int = 44100) -> np.ndarray:
    """Mono float32 samples of the parts in order, gaps between them, peak ≤ −1 dBFS. Deterministic like render().

    Each part is rendered in its own room, so its echo rings on into the pause and under the part after it, and the
    last part's tail ends the sound. Each part comes at its own loudness, so quieter parts stay as much quieter as
    their `loudness` says; the whole is then normalised so that it is no louder than its loudest part asks for and
    no sample peak passes −1 dBFS, where tails overlap the next part.
    """
    layers = []
    for part, (start_s, _) in zip(sequence.parts, sequence.spans_s(), strict=True):
        # Part boundaries on whole samples from the sequence's clock, so rounding never drifts along the parts.
        offset = round(start_s * sample_rate)
        layers.append((np.concatenate([np.zeros(offset, dtype=np.float32), render(part, sample_rate)]), 0.0))
    mixed = mix(layers)
    loudest_target_lufs = loudness_target_lufs(max(part.loudness for part in sequence.parts))
    # Never turned up: the meter counts the pauses inside its 400 ms blocks, so a sequence of short parts measures
    # quieter than its parts do alone, and raising it would push the loud parts into the limiter.
    return normalize(mixed, sample_rate, min(loudest_target_lufs, integrated_loudness(mixed, sample_rate)))


def _moved(name: str, part: FartSpec, before: FartSpec, after: FartSpec, index: int) -> Any:
    if name == "seed":
        return (after.seed + index) % (SEED_MAX + 1)
    if name in _RATIO_FIELDS:
        return getattr(part, name) * getattr(after, name) / getattr(before, name)
    if name in NUMERIC_FIELDS or name in INT_FIELDS:
        return getattr(part, name) + getattr(after, name) - getattr(before, name)
    return getattr(after, name)


def _stretched(parts: list[FartSpec], gaps: list[float], factor: float) -> tuple[list[FartSpec], list[float]]:
    low, high = GAP_RANGE_S
    stretched = [part.with_changes(duration_s=round(part.duration_s * factor, 2)) for part in parts]
    return stretched, [round(min(max(gap * factor, low), high), 2) for gap in gaps]


type Recipe = FartSpec | FartSequence
"""What renders a sound: one spec, or a sequence of parts."""


def render_recipe(recipe: Recipe, sample_rate: int = 44100) -> np.ndarray:
    """render() a spec or render_sequence() a sequence."""
    if isinstance(recipe, FartSequence):
        return render_sequence(recipe, sample_rate)
    return render(recipe, sample_rate)
