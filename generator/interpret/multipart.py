"""Prompts in several parts: where one part ends and the next begins, how many times a part repeats, the gaps.

"two quick ones and a long one", "three short toots then a long rumble", "starts squeaky and ends with a rumble",
"a squeak, after a long pause a rumble". `plan` splits a prompt's tokens into parts (each read on its own by the
local reader) and says what the joints meant; `target` finds which part or gap a follow-up is about ("make the
last one wetter", "shorter pause").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.engine.sequence import GAP_RANGE_S, MAX_PARTS
from generator.interpret import lexicon as lx

# Between two different parts a listener hears a breath; between repeats of one part ("two quick ones") less.
NATURAL_GAP_S = 0.3
REPEAT_GAP_S = 0.2
PAUSE_GAP_S = {"": 0.8, "long": 1.6, "longer": 1.6, "big": 1.6, "dramatic": 2.0, "awkward": 1.4, "short": 0.4,
               "brief": 0.4, "little": 0.45, "small": 0.45, "quick": 0.35, "tiny": 0.3, "slight": 0.4}
IMMEDIATE_GAP_S = 0.08
_PUNCTUATION = ".,;:!?()[]。、！？"

# Words that end a part and start the next, longest first where they overlap.
MARKERS: tuple[tuple[str, ...], ...] = tuple(sorted((tuple(m.split()) for m in (
    "and then", "then", "followed by", "and followed by", "after that", "and after that", "afterwards",
    "and finally", "finally", "next", "before", "and ends with", "ends with", "ending with", "and ending with",
    "ends in", "ending in", "and ends in", "finishing with", "finishes with", "and finishes with", "and ends",
    "ends", "later", "and later", "and afterwards", "and gets", "then gets", "and becomes", "then becomes",
    "and turns", "and goes", "then goes", "but ends", "but gets",
)), key=len, reverse=True))
# Words that only open the first part ("starts squeaky ...").
STARTERS: tuple[tuple[str, ...], ...] = tuple(sorted((tuple(m.split()) for m in (
    "starts with", "starting with", "starts", "starting", "begins with", "beginning with", "begins", "first",
    "at first", "it starts", "it starts with",
)), key=len, reverse=True))
IMMEDIATELY: tuple[tuple[str, ...], ...] = (("right", "after"), ("straight", "after"), ("immediately",),
                                              ("right", "away"), ("at", "once"))
# Each phrase list by its first word: a word is compared only with the phrases it could begin.
_BY_FIRST_WORD: dict[tuple[tuple[str, ...], ...], dict[str, tuple[tuple[str, ...], ...]]] = {
    phrases: {first: tuple(p for p in phrases if p[0] == first) for first in {p[0] for p in phrases}}
    for phrases in (MARKERS, STARTERS, IMMEDIATELY)
}
PAUSE_WORDS = frozenset({"pause", "pauses", "gap", "gaps", "silence", "break", "breaks", "wait", "rest"})
ARTICLES = frozenset({"a", "an", "with", "after", "then", "and"})
COUNT_WORDS = frozenset({"a", "an", "one", "another", "couple", "few", "pair", "several", *lx.NUMBER_WORDS})
ORDINALS: dict[str, int] = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "sixth": 5,
                            "1st": 0, "2nd": 1, "3rd": 2, "4th": 3, "5th": 4, "6th": 5, "last": -1, "final": -1,
                            "middle": -2, "opening": 0, "ending": -1, "end": -1, "start": 0, "beginning": 0}


@dataclass
class Part:
    """The tokens of one part, how many times it plays, and the gap before it (None: the natural one)."""

    indices: list[int] = field(default_factory=list)
    repeat: int = 1
    gap_before_s: float | None = None
    # Between the repeats of this part ("three toots with long pauses"); None: a quick succession.
    repeat_gap_s: float | None = None


@dataclass
class Plan:
    """The parts of a prompt in order, and what its joints meant: (token indices, effect) for saying back."""

    parts: list[Part]
    joints: list[tuple[tuple[int, ...], str]]
    # The prompt begins with "then ...": it adds parts after the sound it follows up.
    leading: bool = False

    @property
    def part_count(self) -> int:
        return sum(part.repeat for part in self.parts)


def plan(words: list[str], is_part_noun: Callable[[str], bool]) -> Plan:
    """Split a prompt (its tokens' words, in English) into parts.

    `is_part_noun` tells a word that names a sound ("one", "toot", "rumble"): "and" splits "two quick ones and
    a long one" but not "wet and loud".
    """
    parts: list[Part] = []
    joints: list[tuple[tuple[int, ...], str]] = []
    current = Part()
    leading = False
    pending_gap: float | None = None

    def close() -> None:
        nonlocal current, pending_gap
        # A part needs a word that means something, or names a sound ("a fart, a pause, another fart").
        if any(words[k].strip(_PUNCTUATION) and (words[k] not in lx.FILLERS or is_part_noun(words[k]))
               for k in current.indices):
            current.gap_before_s = pending_gap if parts else None
            parts.append(current)
            pending_gap = None
        current = Part()

    i = 0
    while i < len(words):
        opening = not parts and all(words[k] in lx.FILLERS for k in current.indices)
        if opening and (length := _match(words, i, STARTERS)):
            joints.append((tuple(range(i, i + length)), "part 1"))
            i += length
            continue
        if length := _match(words, i, MARKERS):
            leading = leading or (not parts and not current.indices)
            close()
            joints.append((tuple(range(i, i + length)), "next part"))
            i += length
            continue
        if pause := _pause(words, i):
            length, gap = pause
            close()
            pending_gap = gap
            joints.append((tuple(range(i, i + length)), f"pause: {gap:g} s"))
            i += length
            continue
        if (words[i] in ("and", ",", "plus") and _names_a_sound(words, current.indices, is_part_noun)
                and _counted_ahead(words, i + 1, is_part_noun, _starts_counted(words, current.indices))):
            close()
            joints.append(((i,), "next part"))
            i += 1
            continue
        current.indices.append(i)
        i += 1
    close()
    if pending_gap is not None:
        # "a squeak and a rumble with a pause in between", "three toots with long pauses": a pause said last
        # is the pause between them all.
        for n, part in enumerate(parts):
            part.repeat_gap_s = pending_gap
            if n and part.gap_before_s is None:
                part.gap_before_s = pending_gap
    _count_repeats(words, parts, joints, is_part_noun, several=len(parts) > 1 or pending_gap is not None)
    return Plan(parts, joints, leading)


def gaps(parts: list[Part]) -> list[float]:
    """The gap before every part but the first, repeats included."""
    out: list[float] = []
    for n, part in enumerate(parts):
        if n:
            out.append(NATURAL_GAP_S if part.gap_before_s is None else part.gap_before_s)
        out.extend([REPEAT_GAP_S if part.repeat_gap_s is None else part.repeat_gap_s] * (part.repeat - 1))
    return out


def target(words: list[str], part_count: int) -> tuple[tuple[int, ...], int | None, bool]:
    """What a follow-up of a sequence is about: (its tokens, the part's index or None for all, the gaps?)."""
    for i, word in enumerate(words):
        if word in PAUSE_WORDS:
            return (i,), None, True
        if word in ORDINALS and _names_one(words, i):
            index = ORDINALS[word]
            index = part_count - 1 if index == -1 else (part_count // 2 if index == -2 else index)
            if index < part_count:
                end = i + 1
                while end < len(words) and words[end] in ("one", "part", "fart", "toot", "bit"):
                    end += 1
                return tuple(range(i, end)), index, False
    return (), None, False


def _names_one(words: list[str], i: int) -> bool:
    # "the second one", "the last part", "the first": not "a second longer".
    after = words[i + 1] if i + 1 < len(words) else ""
    before = words[i - 1] if i else ""
    return after in ("one", "part", "fart", "toot", "bit", "") or (before == "the" and after not in lx.UNITS)


def _match(words: list[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """The length of the longest of `phrases` (sorted longest first) that starts at i, or 0."""
    for phrase in _BY_FIRST_WORD[phrases].get(words[i], ()) if i < len(words) else ():
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _pause(words: list[str], i: int) -> tuple[int, float] | None:
    """A pause phrase starting at i ("after a long pause", "a 2 second pause", "immediately"): (length, gap)."""
    if length := _match(words, i, IMMEDIATELY):
        return length, IMMEDIATE_GAP_S
    j = i
    while j < len(words) and words[j] in ARTICLES:
        j += 1
    gap = PAUSE_GAP_S[""]
    if j < len(words) and words[j] in PAUSE_GAP_S:
        gap = PAUSE_GAP_S[words[j]]
        j += 1
    elif j + 1 < len(words) and _is_number(words[j]) and words[j + 1] in lx.UNITS:
        quantity, scale = lx.UNITS[words[j + 1]]
        if quantity != "duration":
            return None
        gap = _number(words[j]) * scale
        j += 2
    if j >= len(words) or words[j] not in PAUSE_WORDS:
        return None
    j += 1
    low, high = GAP_RANGE_S
    return j - i, round(min(max(gap, low), high), 2)


def _is_number(word: str) -> bool:
    return word in lx.NUMBER_WORDS or word.replace(".", "", 1).isdigit()


def _number(word: str) -> float:
    # Any count past a dozen is "many"; a 400-digit one must not become an infinite float.
    return lx.NUMBER_WORDS[word] if word in lx.NUMBER_WORDS else min(float(word), 1e6)


def _names_a_sound(words: list[str], indices: list[int], is_part_noun: Callable[[str], bool]) -> bool:
    return any(is_part_noun(words[k]) for k in indices)


def _starts_counted(words: list[str], indices: list[int]) -> bool:
    """ "two quick ones ...": a part that opens with a count of two or more."""
    head = [k for k in indices if words[k] not in ("a", "an", "of")][:1]
    return bool(head) and _is_number(words[head[0]]) and _number(words[head[0]]) >= 2


def _counted_ahead(words: list[str], i: int, is_part_noun: Callable[[str], bool], after_count: bool) -> bool:
    """Whether a counted sound starts at i: "a long one", "three toots", "another rumble", or after "two short
    ones", any "a long" ("zwei kurze Fürze und ein langer")."""
    if i >= len(words) or not (words[i] in COUNT_WORDS or words[i].isdigit()):
        return False
    if words[i] in ("one", "another") or (after_count and words[i] in ("a", "an")):
        return True
    for j in range(i + 1, min(i + 5, len(words))):
        if _match(words, j, MARKERS) or words[j] in ("and", ","):
            return False
        if is_part_noun(words[j]) and words[j] != "a":
            return True
    return False


def _count_repeats(words: list[str], parts: list[Part], joints: list[tuple[tuple[int, ...], str]],
                   is_part_noun: Callable[[str], bool], several: bool) -> None:
    """ "two quick ones": a count before a sound repeats its part (up to six parts in all), and is said back."""
    room = MAX_PARTS - len(parts)
    for part in parts:
        head = [k for k in part.indices if words[k] not in ("a", "an", "of")][:1]
        if not head or not _is_number(words[head[0]]):
            continue
        count = _number(words[head[0]])
        rest = [k for k in part.indices if k > head[0]]
        if rest and lx.UNITS.get(words[rest[0]], ("bursts",))[0] != "bursts":
            # "ten seconds of rumble": a length, not ten rumbles.
            continue
        # "three short toots then ...": in a prompt of several parts any counted sound repeats (languages that
        # do not mark the plural as English does included); alone, "three toots" is one sound of three puffs.
        plural = any(words[k] == "ones" or (several and is_part_noun(words[k])) for k in rest)
        if count < 2 or count != int(count) or not plural or room <= 0:
            continue
        part.repeat = min(int(count), room + 1)
        room -= part.repeat - 1
        said = tuple(k for k in part.indices if k <= head[0] or (words[k] == "of" and k == head[0] + 1))
        part.indices = [k for k in part.indices if k not in said]
        joints.append((said, f"{part.repeat} parts"))
