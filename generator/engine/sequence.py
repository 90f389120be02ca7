"""FartSequence: a sound made of several parts in order ("two quick ones and a long one"), each its own FartSpec."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.engine.spec import FartSpec

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
