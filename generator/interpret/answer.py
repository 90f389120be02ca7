"""What reading a prompt gives back: the sound (one spec or a sequence), a title, and what was heard or not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.engine import FartSpec
from generator.engine.sequence import FartSequence


@dataclass(frozen=True)
class Heard:
    """A phrase of the prompt that was used, and what it did to the sound ("bathtub" → "room: bathtub")."""

    words: str
    effect: str

    def to_dict(self) -> dict[str, str]:
        return {"words": self.words, "effect": self.effect}


@dataclass(frozen=True)
class Interpretation:
    """A spec with a short human title built from what was understood, and who understood it.

    `sequence` is set when the prompt asked for several parts in order; `spec` is then its first part.
    `understood` lists the phrases that were applied, `ignored` the words that could not be used.
    """

    spec: FartSpec
    title: str
    source: Literal["claude", "local", "cache"]
    sequence: FartSequence | None = None
    understood: tuple[Heard, ...] = ()
    ignored: tuple[str, ...] = ()

    @property
    def sound(self) -> FartSpec | FartSequence:
        """The sequence when there is one, else the spec: what a follow-up refines."""
        return self.sequence if self.sequence is not None else self.spec

    def changes_nothing(self, previous: FartSpec | FartSequence) -> bool:
        """Whether this sound is `previous` again (takes aside): a follow-up that changed nothing."""
        new = self.sound
        if isinstance(new, FartSpec) and isinstance(previous, FartSpec):
            return new.with_changes(seed=previous.seed) == previous
        if isinstance(new, FartSequence) and isinstance(previous, FartSequence):
            return len(new.parts) == len(previous.parts) and new.gaps_s == previous.gaps_s and all(
                part.with_changes(seed=old.seed) == old for part, old in zip(new.parts, previous.parts, strict=True))
        return False

    def unchanged(self, previous: FartSpec | FartSequence) -> Interpretation:
        """`previous` as it was, nothing understood, every word said back as ignored: the pipeline then knows
        that the follow-up makes no new sound."""
        heard = tuple(heard.words for heard in self.understood)
        spec = previous.parts[0] if isinstance(previous, FartSequence) else previous
        sequence = previous if isinstance(previous, FartSequence) else None
        return Interpretation(spec, self.title, self.source, sequence=sequence, understood=(),
                              ignored=tuple(dict.fromkeys((*heard, *self.ignored))))


def seeded(sequence: FartSequence, previous: FartSpec | FartSequence | None) -> FartSequence:
    """The sequence with a seed for each part: the previous sound's part at the same place keeps its take, a new
    part gets its position (so two "quick ones" are two takes, not one twice)."""
    before = previous.parts if isinstance(previous, FartSequence) else (previous,) if previous is not None else ()
    parts = tuple(part.with_changes(seed=before[n].seed if n < len(before) else n)
                  for n, part in enumerate(sequence.parts))
    return FartSequence(parts, sequence.gaps_s)
