"""FartSequence: a sound made of several parts in order ("two quick ones and a long one"), each its own FartSpec."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from generator.engine.mixer import integrated_loudness, mix, normalize
from generator.engine.spec import FartSpec
from generator.engine.synth import loudness_target_lufs, render

MAX_PARTS = 6
MAX_TOTAL_S = 12.0
GAP_RANGE_S = (0.05, 3.0)


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
