"""The local interpreter: a deterministic, offline reading of a prompt into a FartSpec and a title.

Reading goes in three steps: `tokenize` splits the prompt into words, numbers, emoji and clause breaks; `resolve`
maps each word to a lexicon word (exactly, through its stem, or past a small typo); `read` walks the resolved
words with a little grammar (intensifiers, negation, numbers with units, "twice as long", "lower the volume")
into a Reading: a list of actions, which `apply` plays onto the starting spec (the previous one for a follow-up,
else the named preset, else the classic one), and the words for the title.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from generator.engine import PRESETS, sequence
from generator.engine.sequence import FartSequence
from generator.engine.spec import INT_FIELDS, NUMERIC_FIELDS, FartSpec, Range
from generator.interpret import languages, multipart
from generator.interpret import lexicon as lx
from generator.interpret.answer import Heard, Interpretation, seeded
from generator.interpret.common_words import NOT_TYPOS

LEXICON = lx.build()
DEFAULT_PRESET = "classic"
_MEANINGFUL_SYMBOLS = frozenset(w for w in LEXICON.vocabulary if not w.isalnum()) | {"%"}

# A letter three times in a row is a stretched word ("loooong"); such runs collapse before lookup.
_ELONGATION = re.compile(r"([a-z])\1{2,}")
_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)?)|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)|(?P<brk>[.,;:!?()\[\]。、！？]+)"
    r"|(?P<sym>[^\s\w])"
)
# What follows an apostrophe in English ("don't", "it's"): the word stays whole. Elsewhere the apostrophe
# elides ("l'éléphant", "s'il", "sott'acqua") and splits.
_ENGLISH_CLITICS = frozenset({"s", "t", "re", "ll", "ve", "d", "m"})
# Emoji variation selectors only steer display; so do format characters (category Cf: joiners, bidi marks),
# dropped too, except the zero-width space, which still separates words.
_VARIATION_SELECTORS = frozenset("\ufe0e\ufe0f")
# Numbers past this are all "very many": it keeps a 400-digit number from becoming an infinite float.
_LARGEST_NUMBER = 1e6
# Fuzzy matching: one edit for short words, two for long ones; the first letter must agree (typos rarely hit
# it, and it keeps "fart" from turning into "tart").
_MIN_FUZZY_LENGTH = 4
_LONG_WORD = 7


def preset_spec(slug: str) -> FartSpec:
    """The spec of an engine preset."""
    return PRESETS[slug].spec


@dataclass(frozen=True)
class Token:
    """A word (in English, as read), number, symbol or clause break, and the word of the prompt it came from."""

    kind: str  # "word", "num", "sym" or "brk"
    text: str
    emphasis: float = 1.0
    # The prompt's own word, as typed ("mouillé" for "wet"), and its position among the prompt's words.
    source: str = ""
    origin: int = 0


def tokenize(prompt: str) -> list[Token]:
    """The prompt as English tokens: words case-folded without accents, other languages translated word by word.

    Every token remembers the word of the prompt it came from, for saying back what was heard.
    """
    text = unicodedata.normalize("NFKC", prompt)
    text = "".join(ch for ch in text.replace("\u200b", " ")
                   if ch not in _VARIATION_SELECTORS and unicodedata.category(ch) != "Cf")
    pieces: list[tuple[str, str]] = []  # (kind, surface)
    for match in _TOKEN.finditer(text):
        kind, raw = match.lastgroup or "sym", match.group()
        if kind == "word":
            pieces.extend(("word", part) for part in _split_elisions(raw))
        else:
            pieces.append((kind, raw))
    language = _language([languages.fold(raw).replace("'", "") for kind, raw in pieces if kind == "word"])
    tokens: list[Token] = []
    for origin, (kind, raw) in enumerate(pieces):
        if kind == "word":
            tokens.extend(_word_tokens(raw, origin, language))
        elif kind == "num":
            tokens.append(Token("num", raw.replace(",", "."), source=raw, origin=origin))
        elif kind == "brk" or raw in _MEANINGFUL_SYMBOLS or unicodedata.category(raw) == "So":
            # An emoji we do not know is still a word of the prompt: it is said back as not understood.
            tokens.append(Token(kind, raw, source=raw, origin=origin))
        # Any other symbol ("-", "<", "&") only separates words: "rat-a-tat" reads as "rat a tat".
    return _joined_phrases(tokens, language)


def _split_elisions(word: str) -> list[str]:
    parts = re.split(r"['’]", word)
    out = [parts[0]]
    for part in parts[1:]:
        if part.casefold() in _ENGLISH_CLITICS:
            out[-1] += "'" + part
        else:
            out.append(part)
    return out


def _language(words: list[str]) -> str | None:
    """The other language of the prompt: the one with most of its words, when at least one of them is no English
    word ("no" is English and Portuguese) and they are at least as many as the English words it does not share."""
    best, best_count = None, 0
    for language in languages.TABLES:
        own = [word for word in words if languages.inflected(language, word) or (
            not _is_english(word) and languages.compound(language, word))]
        english = sum(1 for word in words if _is_english(word) and word not in own)
        if any(not _is_english(word) for word in own) and len(own) >= english and len(own) > best_count:
            best, best_count = language, len(own)
    return best


@functools.lru_cache(maxsize=8192)
def _is_english(word: str) -> bool:
    """A word we know in English as it is or through its stem ("driest"); a near miss ("elefante") is not."""
    return word in LEXICON.vocabulary or any(stem in LEXICON.stem_targets for stem in _stems(word))


def _word_tokens(raw: str, origin: int, language: str | None) -> list[Token]:
    if languages.is_japanese(raw):
        tokens = []
        for piece, english in languages.japanese(raw):
            if english is not None:
                tokens.extend(Token("word", word, source=piece, origin=origin) for word in english.split())
            elif not languages.is_particles(piece):
                tokens.append(Token("word", piece, source=piece, origin=origin))
        return tokens
    word = languages.fold(raw).replace("'", "")
    english = _translate(word, language)
    if english is None:
        # A stretched word means more of it: "looooong". (Case does not count: "WET" and "wet" are the same
        # prompt, with the same seed and the same cached answer.)
        return [Token("word", word, 1.4 if _ELONGATION.search(word) else 1.0, source=raw, origin=origin)]
    return [Token("word", part, source=raw, origin=origin) for part in english.split()]


def _translate(word: str, language: str | None) -> str | None:
    """The English of a word from another language, or None for an English (or unknown) word."""
    if languages.is_cyrillic(word):
        return languages.russian(word)
    if language is not None and (key := languages.inflected(language, word)) is not None:
        return languages.TABLES[language][key]
    if _is_english(word):
        return None
    if language is not None and (parts := languages.compound(language, word)) is not None:
        return parts
    if word in languages.ENGLISH_LOOKALIKES:
        return None
    for other in languages.TABLES:
        if (key := languages.inflected(other, word)) is not None:
            return languages.TABLES[other][key]
    return None


def _joined_phrases(tokens: list[Token], language: str | None) -> list[Token]:
    """Phrases of the prompt's language read as one ("para siempre" → forever, "un peu" → a bit)."""
    if language is None:
        return tokens
    table = languages.TABLES[language]
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        for length in (4, 3, 2):
            group = tokens[i : i + length]
            if len(group) == length and all(t.kind == "word" for t in group):
                key = " ".join(languages.fold(t.source) for t in group)
                if key in table:
                    source = " ".join(t.source for t in group)
                    out.extend(Token("word", word, source=source, origin=group[0].origin)
                               for word in table[key].split())
                    i += length
                    break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _collapse(word: str, keep: int) -> str:
    return re.sub(rf"([a-z])\1{{{keep},}}", r"\1" * keep, word)


def _stems(word: str) -> list[str]:
    """Plausible dictionary forms of an inflected word, most likely first."""
    out: list[str] = []

    def add(stem: str, undouble: bool = False) -> None:
        if len(stem) >= 3 and stem not in out:
            out.append(stem)
        # "wetter" → "wett" → "wet", "flapping" → "flapp" → "flap"
        if undouble and len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
            out.append(stem[:-1])

    rules = (
        ("iest", ("y",)), ("ier", ("y",)), ("ily", ("y",)), ("iness", ("y",)), ("ness", ("",)), ("ies", ("y",)),
        ("est", ("e", "")), ("er", ("e", "")), ("ing", ("e", "")), ("ed", ("e", "")), ("ly", ("", "le")),
        ("ey", ("y", "e")), ("y", ("e", "")), ("s", ("",)),
    )
    for suffix, replacements in rules:
        # A y-stem may be three letters long: "drier", "driest", "drily" → "dry".
        shortest_base = 2 if suffix in ("iest", "ier", "ily") else 3
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest_base:
            base = word[: -len(suffix)]
            for replacement in replacements:
                # "busy" is not a "bus": a bare -y comes off only a longer word ("farty" → "fart").
                if suffix == "y" and not replacement and len(base) < 4:
                    continue
                add(base + replacement, undouble=suffix in ("est", "er", "ing", "ed") and not replacement)
    # "-es" only after a hiss: "boxes", "splashes" (but "cares" is not "car").
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        add(word[:-2])
    return out


@functools.cache
def _fuzzy_choices(first_letter: str, long: bool) -> tuple[str, ...]:
    return tuple(sorted(
        w for w in LEXICON.fuzzy_targets
        if w[0] == first_letter and (len(w) >= _LONG_WORD) == long and len(w) >= _MIN_FUZZY_LENGTH
    ))


def _fuzzy(word: str) -> str | None:
    """The lexicon word `word` is a small typo of: one edit, or two between long words; first letters agree."""
    # A three-letter word is only reached by a slip at its end ("wetr"): anything else is another word.
    if len(word) == _MIN_FUZZY_LENGTH and word[:3] in LEXICON.fuzzy_targets:
        return word[:3]
    if len(word) >= _LONG_WORD - 1:
        match = extractOne(word, _fuzzy_choices(word[0], long=True), scorer=OSA.distance,
                           score_cutoff=2 if len(word) >= _LONG_WORD else 1)
        if match:
            return match[0]
    if len(word) <= _LONG_WORD:
        match = extractOne(word, _fuzzy_choices(word[0], long=False), scorer=OSA.distance, score_cutoff=1)
        if match:
            return match[0]
    return None


@functools.lru_cache(maxsize=8192)
def resolve(word: str) -> str | None:
    """The lexicon word that `word` stands for, or None when it is unknown."""
    if word in LEXICON.vocabulary:
        # A plural that is only listed as a unit ("pops", "toots") still means its singular.
        if (word,) not in LEXICON.senses:
            return next((stem for stem in _stems(word) if stem in LEXICON.stem_targets), word)
        return word
    forms = [word]
    if _ELONGATION.search(word):
        # "loooong" → "loong" → "long", "brrrrt" → "brrt"
        forms = [_collapse(word, 2), _collapse(word, 1)]
        for form in forms:
            if form in LEXICON.vocabulary:
                return form
    if word in NOT_TYPOS or not word.isalpha():
        return None
    for form in forms:
        for stem in _stems(form):
            if stem in LEXICON.stem_targets:
                return stem
    return _fuzzy(forms[0]) if len(forms[0]) >= _MIN_FUZZY_LENGTH else None


def forget_words() -> None:
    """Empty the caches of words already looked up, as for a reading of words never seen (benchmarks)."""
    for cached in (resolve, _is_english, languages.inflected, languages.compound):
        cached.cache_clear()


# --- Actions: what the parse found, played in order onto the starting spec.


@dataclass(frozen=True)
class Move:
    axis: str
    steps: float


@dataclass(frozen=True)
class Scale:
    axis: str
    factor: float


@dataclass(frozen=True)
class SetValue:
    axis: str
    value: float


@dataclass(frozen=True)
class Room:
    room: str
    closest: bool = False


@dataclass(frozen=True)
class NotRoom:
    room: str


@dataclass(frozen=True)
class Echo:
    direction: int  # +1 more, -1 less, 0 none at all


@dataclass
class Reading:
    """What a prompt was understood to say."""

    actions: list[Move | Scale | SetValue | Room | NotRoom | Echo] = field(default_factory=list)
    preset: str | None = None
    noun: str | None = None
    count: int | None = None
    room: str | None = None
    room_phrase: str | None = None
    adjectives: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    is_repeat: bool = False
    # A preset's own noun for the title ("trombone" starts from the trumpet).
    variant: str | None = None
    # What was heard: the indices of the tokens of each phrase with what it did; the unknown tokens.
    heard: list[tuple[tuple[int, ...], str]] = field(default_factory=list)
    ignored: list[int] = field(default_factory=list)

    @property
    def understood(self) -> bool:
        return bool(self.actions or self.preset or self.is_repeat)


@dataclass
class _Pending:
    """Modifiers waiting for the word they modify."""

    factor: float = 1.0
    negated: bool = False
    less: bool = False
    more: bool = False
    too: bool = False
    direction: int = 0
    multiplier: float | None = None
    percent: float | None = None
    reach: int = 0
    # The intensifiers as said, for the title ("extremely wet" stays extremely wet).
    said: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return (self.negated or self.less or self.more or self.too or self.direction != 0
                or self.multiplier is not None or self.percent is not None or self.factor != 1.0)

    def state(self) -> tuple[Any, ...]:
        """What the modifiers say, to tell whether a word added to them."""
        return (self.factor, self.negated, self.less, self.more, self.too, self.direction, self.multiplier,
                self.percent, self.said)


def _number(token: Token, word: str | None) -> float | None:
    if token.kind == "num":
        return min(float(token.text), _LARGEST_NUMBER)
    if word in lx.NUMBER_WORDS:
        return lx.NUMBER_WORDS[word]
    return None


class _Parser:
    def __init__(self, tokens: list[Token], follow_up: bool) -> None:
        self.words = [resolve(t.text) if t.kind == "word" else (t.text if t.kind == "sym" else None) for t in tokens]
        # A superlative is the word at full strength: "the biggest", "wettest".
        self.tokens = [
            dataclasses.replace(t, emphasis=t.emphasis * 1.5) if t.text.endswith("est") and w in _stems(t.text) else t
            for t, w in zip(tokens, self.words, strict=True)
        ]
        self.follow_up = follow_up
        self.reading = Reading()
        self.pending = _Pending()
        # Unit words already read with their number ("five wet puffs": "puffs" is not read again).
        self.consumed: set[int] = set()
        # Tokens of modifiers waiting for their word ("not", "very"), and of words read along with a step.
        self.waiting: list[int] = []
        self.along: list[int] = []

    def parse(self) -> Reading:
        i = 0
        while i < len(self.tokens):
            i = self._step(i)
        self.reading.ignored.extend(self.waiting)
        self.reading.ignored.sort()
        return self.reading

    # --- one step: returns the index of the next token to read

    def _step(self, i: int) -> int:
        """Read from token i, and note what the words did (or that they wait for a word, or were not known)."""
        if i in self.consumed:
            return i + 1
        r = self.reading
        actions, preset, repeat, pending = len(r.actions), r.preset, r.is_repeat, self.pending
        waited = pending.state()
        end = self._read_at(i)
        new = r.actions[actions:]
        if new or r.preset != preset or r.is_repeat != repeat:
            span = sorted({*self.waiting, *range(i, end), *self.along} - set(r.ignored))
            r.heard.append((tuple(span), effect(new, r.preset if r.preset != preset else None,
                                                r.is_repeat and not repeat)))
            self.waiting, self.along = [], []
            return end
        if self.pending is not pending:
            # The modifiers met nothing they could change ("very, hello"), or a word did nothing here ("less
            # like a duck": the duck is a preset, not an amount): both are said back as not used.
            sense = LEXICON.senses.get(tuple(self.words[i:end])) if None not in self.words[i:end] else None
            if sense is not None and sense.kind == "meaning":
                r.ignored.extend(k for k in range(i, end) if k not in r.ignored)
            r.ignored.extend(self.waiting)
            self.waiting = []
        if (self.pending.active or self.pending.said) and self.pending.state() != waited:
            self.waiting.extend(k for k in range(i, end) if k not in r.ignored)
        return end

    def _read_at(self, i: int) -> int:
        token, word = self.tokens[i], self.words[i]
        if token.kind == "brk" or word in lx.CLAUSE_BREAKS:
            self.pending = _Pending()
            return i + 1
        quantity = self._quantity(i)
        if quantity is not None:
            return quantity
        if word is None:
            self.reading.ignored.append(i)
            self._count_unknown()
            return i + 1
        for length in range(min(LEXICON.longest_phrase, len(self.words) - i), 0, -1):
            key = tuple(self.words[i : i + length])
            sense = LEXICON.senses.get(key) if None not in key else None
            if sense is not None and length > 1 and sense.preset and not sense.changes and (
                    self.pending.negated or self.pending.less):
                # "not wet fart" is a fart that is not wet, not "anything but the wet one".
                continue
            if sense is not None:
                emphasis = max(t.emphasis for t in self.tokens[i : i + length])
                return self._sense(i + length, key, sense, emphasis)
        if word not in lx.FILLERS:
            self.reading.ignored.append(i)
            self._count_unknown()
        return i + 1

    def _count_unknown(self) -> None:
        # A negation reaches over two unknown words at most ("not too damn wet", but not a whole sentence).
        if self.pending.active:
            self.pending.reach += 1
            if self.pending.reach > 2:
                self.pending = _Pending()

    def _next_content(self, i: int) -> int | None:
        """Index of the next word that is not a filler, within the clause."""
        for j in range(i, len(self.tokens)):
            if self.tokens[j].kind == "brk" or self.words[j] in lx.CLAUSE_BREAKS:
                return None
            if self.words[j] is not None and self.words[j] not in lx.FILLERS:
                return j
            if self.tokens[j].kind == "word" and self.words[j] is None:
                return j
        return None

    def _axis_noun_ahead(self, i: int, window: int = 3) -> int | None:
        j = i
        for _ in range(window):
            j2 = self._next_content(j)
            if j2 is None:
                return None
            sense = LEXICON.senses.get((self.words[j2],)) if self.words[j2] else None
            if sense is not None and (sense.kind == "axis_noun" or sense.echo):
                return j2
            if sense is None or sense.kind not in ("intensifier", "more", "less"):
                return None
            j = j2 + 1
        return None

    # --- numbers: "3 seconds", "2.5s", "five puffs", "200 Hz", "80%", "3x longer", "half a second"

    def _quantity(self, i: int) -> int | None:
        token, word = self.tokens[i], self.words[i]
        value = _number(token, word)
        if value is not None and i > 0 and self.tokens[i - 1].text in lx.NAMING_WORDS:
            # "tab one toot", "take 2": a number after a naming word is a name, not an amount.
            return i + 1
        if word in lx.MULTIPLIERS and not (word == "half" and self._unit_after(i + 1, allow_article=True)):
            # "triple toot" is three of them; "twice as long" waits for what it multiplies.
            if lx.MULTIPLIERS[word] >= 2 and (counted := self._counted_puffs(i + 1, lx.MULTIPLIERS[word])) is not None:
                return counted
            self.pending.multiplier = lx.MULTIPLIERS[word]
            return i + 1
        if value is None:
            if word in ("a", "an") and (unit := self._unit_after(i + 1)) and lx.UNITS[unit[0]][0] == "duration":
                value = 1.0
            else:
                return None
        end = i + 1
        if (after_half := self._and_a_half(end)) is not None:
            # "two and a half seconds"
            value, end = value + 0.5, after_half
        if end < len(self.words) and self.words[end] in lx.TIMES_WORDS and self._next_is_comparison(end + 1):
            # "3 times longer", "2.5x as loud": a factor for what follows, not a count of puffs.
            self.pending.multiplier = value
            return end + 1
        unit = self._unit_after(end, allow_article=word in ("half", "quarter"))
        if unit is None:
            return self._counted_puffs(end, value)
        unit_word, next_index = unit
        if lx.UNITS[unit_word][0] == "bursts":
            return self._counted_puffs(end, value)
        quantity, scale = lx.UNITS[unit_word]
        if quantity == "duration" and (after_half := self._and_a_half(next_index)) is not None:
            # "a second and a half"
            value, next_index = value + 0.5, after_half
        amount = value * scale
        if quantity == "percent":
            self.pending.percent = value
            return next_index
        if quantity == "duration":
            self.reading.actions.append(SetValue("duration", amount))
            self.reading.numbers.append(f"{_fmt(_within(amount, NUMERIC_FIELDS['duration_s']))}-second")
        elif quantity == "pitch":
            self.reading.actions.append(SetValue("pitch", amount))
            self.reading.numbers.append(f"{_fmt(_within(amount, NUMERIC_FIELDS['pitch_hz']))} Hz")
        elif amount >= 1:
            self._set_bursts(amount)
        self.pending = _Pending()
        return next_index

    def _and_a_half(self, j: int) -> int | None:
        """The index after "and a half" (or "and half") starting at `j`, if it does."""
        if self.words[j : j + 3] == ["and", "a", "half"]:
            return j + 3
        if self.words[j : j + 2] == ["and", "half"]:
            return j + 2
        return None

    def _counted_puffs(self, end: int, value: float) -> int | None:
        """ "five wet puffs": a count ending before `end`, up to two describing words, then a puff word.

        Returns `end`: the describing words are read next and still count.
        """
        j = end
        for _ in range(3):
            if j < len(self.tokens) and self.words[j] == "of":
                # "a couple of puffs", "a dozen of them"
                self.along.append(j)
                j += 1
            if j >= len(self.tokens):
                return None
            word = self.words[j]
            sense = LEXICON.senses.get((word,)) if word else None
            if word in lx.UNITS and lx.UNITS[word][0] == "bursts" and value >= 1:
                # A plain puff word is used up; a noun or preset word ("toots", "pops") still means itself.
                if sense is None or sense.kind != "meaning":
                    self.consumed.add(j)
                    self.along.append(j)
                self._set_bursts(value)
                return end
            if sense is None or sense.title is None:
                return None
            j += 1
        return None

    def _set_bursts(self, value: float) -> None:
        self.reading.actions.append(SetValue("bursts", value))
        self.reading.count = min(round(value), int(INT_FIELDS["bursts"].high))

    def _unit_after(self, j: int, allow_article: bool = False) -> tuple[str, int] | None:
        if allow_article and self.words[j : j + 2] in (["of", "a"], ["of", "an"]):
            # "a quarter of a second"
            j += 1
        if allow_article and j < len(self.tokens) and self.words[j] in ("a", "an"):
            j += 1
        if j < len(self.tokens) and self.words[j] in lx.UNITS:
            return str(self.words[j]), j + 1
        return None

    def _next_is_comparison(self, j: int) -> bool:
        k = self._next_content(j)
        sense = LEXICON.senses.get((self.words[k],)) if k is not None and self.words[k] else None
        return sense is not None and sense.kind in ("meaning", "more", "less", "axis_noun") and not sense.preset

    # --- senses

    def _sense(self, end: int, key: tuple[str, ...], sense: lx.Sense, emphasis: float) -> int:
        p = self.pending
        kind = sense.kind
        if kind == "intensifier":
            p.factor *= sense.factor
            p.said += (" ".join(key),)
            return end
        if key[0] in lx.SOFT_INTENSIFIERS and len(key) == 1 and self._modifiable_ahead(end):
            p.factor *= lx.SOFT_INTENSIFIERS[key[0]]
            return end
        if kind == "negation":
            p.negated = True
            return end
        if kind == "less":
            p.less = True
            return end
        if kind == "more":
            p.more = True
            return end
        if kind == "too":
            p.too = True
            return end
        if kind == "repeat":
            self.reading.is_repeat = True
            self.pending = _Pending()
            return end
        if kind == "neutral":
            return end
        if kind == "direction":
            noun = self._axis_noun_ahead(end)
            if noun is not None:
                p.direction = sense.direction
                return end
            # "turn it up" / "turn it down": a bare direction means the volume.
            sign = -1 if (p.negated or p.less) else 1
            self._move("loudness", sign * sense.direction, emphasis)
            return end
        if kind == "axis_noun":
            return self._axis_noun(end, sense, emphasis)
        if sense.direction and self._axis_noun_ahead(end) is not None:
            p.direction = sense.direction
            return end
        return self._meaning(end, sense, emphasis)

    def _modifiable_ahead(self, i: int) -> bool:
        """Whether the next word is one an intensifier can scale (an adjective, "more", "less")."""
        j = self._next_content(i)
        sense = LEXICON.senses.get((self.words[j],)) if j is not None and self.words[j] else None
        return sense is not None and (sense.kind in ("more", "less", "intensifier") or sense.title is not None)

    def _axis_noun(self, end: int, sense: lx.Sense, emphasis: float) -> int:
        p = self.pending
        direction = p.direction
        if p.less or p.negated:
            direction = -1
        elif p.more or p.factor > 1.0 or p.multiplier is not None:
            # "more volume", "max volume", "double the length"
            direction = direction or 1
        elif not direction and end < len(self.words) and self.words[end] in lx.DIRECTION_WORDS:
            direction = lx.DIRECTION_WORDS[self.words[end]]
            end += 1
        axis = str(sense.axis)
        if direction and p.multiplier is not None:
            self._scale(axis, p.multiplier if direction > 0 else 1 / p.multiplier)
        elif direction:
            self._move(axis, 1.2 * direction, emphasis)
        self.pending = _Pending()
        return end

    def _meaning(self, end: int, sense: lx.Sense, emphasis: float) -> int:
        p = self.pending
        sign = -1.0 if (p.negated or p.less) else 1.0
        strength = p.factor * emphasis
        if p.negated and p.factor > 1:
            # "not so long", "not very loud": a little the other way.
            strength = 0.6
        if p.too and p.negated:
            # "not too loud": gently the other way.
            strength *= 0.5
        elif p.too and self.follow_up:
            # "too loud" said of a sound asks for less of it.
            sign = -sign
        elif p.too:
            strength *= 1.4
        r = self.reading
        changes = sense.changes
        modified = p.more or p.less or p.negated or p.too or p.factor != 1.0
        if sense.sets:
            return self._set(end, sense, sign)
        if sense.preset and sense.noun and sign > 0:
            # "trombone": the trumpet, lower and looser, called a trombone.
            r.preset, r.variant = sense.preset, sense.noun
        elif sense.preset and sign > 0 and not (modified and changes):
            # "bubbles" picks the bubbler; "more bubbles" or "no bubbles" changes how bubbly the sound is.
            r.preset = sense.preset
            changes = ()
        if sense.noun and sign > 0 and not sense.preset:
            r.noun = sense.noun
        if sense.room:
            if sign > 0:
                r.actions.append(Room(sense.room, sense.closest))
                r.room, r.room_phrase = sense.room, sense.room_phrase
            else:
                r.actions.append(NotRoom(sense.room))
        if sense.echo:
            # "add some echo" is one step up, "reduce the reverb" one down, "remove the echo" all the way;
            # "no echo" is none, "less echo" a step down.
            steered = {1: 1, -1: -1, -2: 0}
            direction = steered[p.direction] if p.direction else (0 if p.negated else (-1 if p.less else 1))
            r.actions.append(Echo(direction))
            if direction > 0 and strength >= 1.4:
                r.actions.append(Echo(1))
        if changes:
            axis, primary = changes[0]
            direction = 1 if primary * sign > 0 else -1
            if p.multiplier is not None:
                factor = p.multiplier if direction > 0 or p.multiplier < 1 else 1 / p.multiplier
                self._scale(axis, factor)
            elif p.percent is not None:
                self._percent(axis, p.percent, direction)
            else:
                title = sense.title if (sign > 0 and not self.follow_up) else None
                for change_axis, steps in changes:
                    r.actions.append(Move(change_axis, steps * sign * strength))
                # A noun says itself in the title ("toot"); its changes need no adjective.
                if not (sense.noun and sign > 0):
                    said = () if (p.negated or p.less or p.too) else p.said
                    self._title_word(axis, direction, title, strength, said=said)
        self.pending = _Pending()
        return end

    def _set(self, end: int, sense: lx.Sense, sign: float) -> int:
        """A value said outright ("forever"); negated, it is only a step the other way ("not forever")."""
        for axis, value in sense.sets:
            if sign > 0:
                self.reading.actions.append(SetValue(axis, value))
                self._title_word(axis, 1, sense.title, 1.0)
            elif axis == "duration":
                self.reading.actions.append(Move(axis, 1.2 if value < 1 else -1.2))
        self.pending = _Pending()
        return end

    def _move(self, axis: str, steps: float, emphasis: float) -> None:
        """Move one axis by `steps` (their sign is the direction), scaled by the waiting intensifiers."""
        strength = self.pending.factor * emphasis
        self.reading.actions.append(Move(axis, steps * strength))
        self._title_word(axis, 1 if steps > 0 else -1, None, strength, said=self.pending.said)
        self.pending = _Pending()

    def _scale(self, axis: str, factor: float) -> None:
        self.reading.actions.append(Scale(axis, factor))
        self._title_word(axis, 1 if factor >= 1 else -1, None, 1.0, comparative=True)

    def _percent(self, axis: str, percent: float, direction: int) -> None:
        if axis in lx.UNIT_AXES:
            share = min(max(percent / 100, 0.0), 1.0)
            self.reading.actions.append(SetValue(axis, share if direction > 0 else 1 - share))
            self._title_word(axis, 1 if (share if direction > 0 else 1 - share) >= 0.5 else -1, None, 1.0)
        else:
            factor = 1 + percent / 100 if direction > 0 else max(1 - percent / 100, 0.05)
            self.reading.actions.append(Scale(axis, factor))
            self._title_word(axis, direction, None, 1.0, comparative=True)

    def _title_word(self, axis: str, direction: int, own_word: str | None, strength: float,
                    comparative: bool | None = None, said: tuple[str, ...] = ()) -> None:
        comparative = self.follow_up if comparative is None else comparative
        up, down = lx.AXIS_WORDS[axis]
        plain, more = up if direction > 0 else down
        word = own_word or (more if comparative else plain)
        if comparative:
            prefix = "much " if strength >= 1.4 else ("slightly " if strength <= 0.6 else "")
        elif said and all(intensifier in lx.TITLE_INTENSIFIERS for intensifier in said):
            # The person's own words ("extremely", "very very"), not a stronger or weaker one of ours.
            prefix = " ".join(said[-2:]) + " "
        else:
            prefix = "very " if strength >= 1.4 else ("slightly " if strength <= 0.6 else "")
        phrase = prefix + word
        if all(existing.split()[-1] != word for existing in self.reading.adjectives):
            self.reading.adjectives.append(phrase)


def read(prompt: str, follow_up: bool) -> Reading:
    """Parse a prompt into a Reading (no spec yet)."""
    return _Parser(tokenize(prompt), follow_up).parse()


# --- Saying back what a phrase did

# How each axis's change is said back, up then down.
EFFECT_WORDS: dict[str, tuple[str, str]] = {
    "duration": ("longer", "shorter"), "pitch": ("higher", "deeper"), "glide": ("pitch rises", "pitch falls"),
    "bursts": ("more puffs", "fewer puffs"), "wetness": ("wetter", "drier"), "roughness": ("raspier", "smoother"),
    "loudness": ("louder", "quieter"), "tightness": ("tighter", "looser"), "breathiness": ("breathier", "buzzier"),
}
NEW_TAKE = "a new take"
# A chip stays short: the strongest few changes of a word.
_MOST_SAID = 3


def effect(actions: list[Move | Scale | SetValue | Room | NotRoom | Echo], preset: str | None,
           new_take: bool) -> str:
    """What a phrase did, in a few words: "room: hall (closest)", "preset: rumbler", "wetter, louder"."""
    said: list[str] = []
    if preset is not None:
        said.append(f"preset: {PRESETS[preset].label.lower()}")
    moves = sorted((a for a in actions if isinstance(a, Move)), key=lambda a: -abs(a.steps))
    for action in [a for a in actions if not isinstance(a, Move)] + moves[:_MOST_SAID]:
        said.append(_said(action))
    if new_take:
        said.append(NEW_TAKE)
    return ", ".join(dict.fromkeys(said))


def _said(action: Move | Scale | SetValue | Room | NotRoom | Echo) -> str:
    if isinstance(action, Room):
        return f"room: {action.room}" + (" (closest)" if action.closest else "")
    if isinstance(action, NotRoom):
        return "room: none"
    if isinstance(action, Echo):
        return {1: "more echo", -1: "less echo", 0: "no echo"}[action.direction]
    if isinstance(action, Move):
        return EFFECT_WORDS[action.axis][0 if action.steps > 0 else 1]
    if isinstance(action, Scale):
        return f"{EFFECT_WORDS[action.axis][0 if action.factor >= 1 else 1]} ×{action.factor:.3g}"
    if action.axis == "duration":
        return f"length: {_fmt(_within(action.value, NUMERIC_FIELDS['duration_s']))} s"
    if action.axis == "pitch":
        return f"pitch: {_fmt(_within(action.value, NUMERIC_FIELDS['pitch_hz']))} Hz"
    if action.axis == "bursts":
        return f"puffs: {min(max(round(action.value), 1), int(INT_FIELDS['bursts'].high))}"
    if action.axis == "glide":
        return "level pitch"
    return f"{action.axis}: {min(max(action.value, 0.0), 1.0):.0%}"


# --- Applying a reading to a spec


def _unit_move(value: float, steps: float) -> float:
    share = 1 - 0.55 ** abs(steps)
    target = 1.0 if steps > 0 else 0.0
    return value + share * (target - value)


def _apply_action(values: dict[str, Any], action: Move | Scale | SetValue | Room | NotRoom | Echo) -> None:
    if isinstance(action, Room):
        values["room"] = action.room
    elif isinstance(action, NotRoom):
        if values["room"] == action.room:
            values["room"] = "none"
    elif isinstance(action, Echo):
        room = str(values["room"])
        if action.direction > 0:
            values["room"] = lx.ECHO_UP[room]
        elif action.direction < 0:
            values["room"] = lx.ECHO_DOWN.get(room, "none")
        else:
            values["room"] = "none"
    elif isinstance(action, Move):
        _apply_move(values, action.axis, action.steps)
    elif isinstance(action, Scale):
        _apply_scale(values, action.axis, action.factor)
    else:
        _apply_set(values, action.axis, action.value)


def _apply_move(values: dict[str, Any], axis: str, steps: float) -> None:
    if axis in lx.UNIT_AXES:
        values[axis] = _unit_move(float(values[axis]), steps)
        return
    _apply_scale(values, axis, lx.RATIO_STEP[axis] ** steps, minimum_change=axis == "bursts")


def _apply_scale(values: dict[str, Any], axis: str, factor: float, minimum_change: bool = False) -> None:
    if axis == "duration":
        values["duration_s"] = float(values["duration_s"]) * factor
    elif axis == "pitch":
        values["pitch_hz"] = float(values["pitch_hz"]) * factor
        values["pitch_end_hz"] = float(values["pitch_end_hz"]) * factor
    elif axis == "glide":
        values["pitch_end_hz"] = float(values["pitch_end_hz"]) * factor
    elif axis == "bursts":
        before = int(values["bursts"])
        after = max(1, round(before * factor))
        if minimum_change and after == before and factor != 1:
            after = before + (1 if factor > 1 else -1)
        values["bursts"] = after
    else:
        values[axis] = float(values[axis]) * factor


def _apply_set(values: dict[str, Any], axis: str, value: float) -> None:
    if axis == "duration":
        values["duration_s"] = value
    elif axis == "pitch":
        # Keep the glide: the end moves by the same ratio as the start.
        ratio = float(values["pitch_end_hz"]) / float(values["pitch_hz"])
        values["pitch_hz"] = value
        values["pitch_end_hz"] = value * ratio
    elif axis == "bursts":
        values["bursts"] = round(value)
    elif axis == "glide":
        # A ratio of the end to the start: 1 keeps the pitch level.
        values["pitch_end_hz"] = float(values["pitch_hz"]) * value
    else:
        values[axis] = value


def starting_spec(preset: str | None, previous: FartSpec | None) -> FartSpec:
    """The spec a reading is played onto: the named preset, else the previous sound, else the classic preset."""
    if preset is None:
        return previous if previous is not None else preset_spec(DEFAULT_PRESET)
    spec = preset_spec(preset)
    if previous is not None:
        # A follow-up that names a preset keeps the place and the take ("now as a tuba").
        room = previous.room if spec.room == "none" else spec.room
        spec = spec.with_changes(room=room, seed=previous.seed)
    return spec


def apply(reading: Reading, previous: FartSpec | None) -> FartSpec:
    """Play a reading onto its starting spec; every number lands in range."""
    base = starting_spec(reading.preset, previous)
    values = base.to_dict()
    # A number said outright wins over words about the same thing: "a 10 second epic fart" lasts 10 seconds.
    stated = {action.axis for action in reading.actions if isinstance(action, SetValue)}
    # Echo words change the place wherever they stand: "without reverb in a hall" is as dry as "in a hall
    # without reverb", "less echo in a hall" is a step down from the hall (sorted() keeps the order otherwise).
    for action in sorted(reading.actions, key=lambda action: isinstance(action, Echo)):
        if isinstance(action, (Move, Scale)) and action.axis in stated:
            continue
        _apply_action(values, action)
    return round_spec(base.with_changes(**values))


def round_spec(spec: FartSpec) -> FartSpec:
    """The spec at slider precision: hundredths of a second, tenths of a hertz, thousandths of the 0–1 amounts.

    That is what a slider shows, and no less exact than anyone can hear.
    """
    places = {"duration_s": 2, "pitch_hz": 1, "pitch_end_hz": 1}
    return spec.with_changes(**{name: round(getattr(spec, name), places.get(name, 3)) for name in NUMERIC_FIELDS})


# --- Titles


def _noun(preset: str | None) -> str:
    if preset is None or preset == DEFAULT_PRESET:
        return "fart"
    return PRESETS[preset].label.lower()


def describe(spec: FartSpec) -> str:
    """A short title for a spec alone: its preset and what sets it apart from that preset."""
    return _sentence(_describing_words(spec))


def _describing_words(spec: FartSpec) -> list[str]:
    reference = preset_spec(spec.preset) if spec.preset in PRESETS else FartSpec()
    differences: list[tuple[float, str]] = []
    # A third longer or a quarter higher is where a listener starts to say "longer" or "higher".
    ratios = (("duration", spec.duration_s, reference.duration_s, 1.35), ("pitch", spec.pitch_hz, reference.pitch_hz,
                                                                           1.25))
    for axis, value, ref, threshold in ratios:
        score = abs(math.log(value / ref)) / math.log(threshold)
        if score >= 1:
            differences.append((score, lx.AXIS_WORDS[axis][0 if value > ref else 1][0]))
    for axis in lx.UNIT_AXES:
        value, ref = getattr(spec, axis), getattr(reference, axis)
        score = abs(value - ref) / 0.2
        if score >= 1:
            differences.append((score, lx.AXIS_WORDS[axis][0 if value > ref else 1][0]))
    if abs(spec.bursts - reference.bursts) >= 2:
        differences.append((1.0, lx.AXIS_WORDS["bursts"][0 if spec.bursts > reference.bursts else 1][0]))
    words = [word for _, word in sorted(differences, key=lambda d: -d[0])[:2]]
    noun = "classic fart" if spec.preset == DEFAULT_PRESET and not words else _noun(spec.preset)
    room = lx.ROOM_PHRASES[spec.room] if spec.room != reference.room else ""
    return [*words, noun, room]


def title(reading: Reading, spec: FartSpec, previous: FartSpec | None, with_place: bool = True) -> str:
    """A title built from what was understood (never from the prompt's own text)."""
    if not reading.understood:
        return describe(spec) if with_place else _part_name(spec)
    if reading.is_repeat and not (reading.actions or reading.preset):
        return _sentence(["another", *_describing_words(spec)])
    noun = (reading.variant or _noun(reading.preset)) if reading.preset else (reading.noun or _noun(spec.preset))
    numbers = list(reading.numbers)
    if reading.count and reading.noun and not reading.preset:
        # "5 toots" and "single toot" rather than "5-puff toot"
        numbers.insert(0, str(reading.count) if reading.count > 1 else "single")
        noun += "s" if reading.count > 1 else ""
    elif reading.count:
        numbers.insert(0, "single-puff" if reading.count == 1 else f"{reading.count}-puff")
    adjectives = [*numbers, *reading.adjectives][:3]
    if previous is not None and adjectives and reading.preset is None:
        described = ", ".join(adjectives)
    else:
        described = " ".join(adjectives)
    own_room = preset_spec(spec.preset).room if spec.preset in PRESETS else "none"
    echo_steps = sum(action.direction for action in reading.actions if isinstance(action, Echo))
    if echo_steps and spec.room != "none":
        # The room an echo word stepped to is the nearest by how long it rings, not a place anyone named: "less
        # echo" in a cathedral rings like a bathroom, and the title says what was asked, not "in the bathroom".
        more = "with more echo" if previous is not None else "with echo"
        place = "with less echo" if echo_steps < 0 else more
    elif reading.room_phrase and spec.room == reading.room:
        place = lx.ROOM_PHRASES[spec.room]
    elif any(isinstance(action, (Echo, NotRoom, Room)) for action in reading.actions):
        place = lx.ROOM_PHRASES[spec.room] or "without echo"
    elif spec.room != own_room:
        # A follow-up that kept its place ("now a tuba" after "in church").
        place = lx.ROOM_PHRASES[spec.room]
    else:
        place = ""
    return _sentence([described, noun, place if with_place else ""])


def _sentence(parts: list[str]) -> str:
    text = " ".join(part for part in parts if part)
    text = text[:1].upper() + text[1:]
    if len(text) > 60:
        text = text[:60].rsplit(" ", 1)[0]
    return text


def asks_for_a_new_take(prompt: str) -> bool:
    """Whether a follow-up asks for another take of the sound ("again", "one more") rather than a change to it."""
    return read(prompt, follow_up=True).is_repeat


def interpret_locally(prompt: str, previous: FartSpec | FartSequence | None = None) -> Interpretation:
    """What the local interpreter reads from a (cleaned) prompt, as a follow-up of `previous` when given.

    A prompt in several parts gives a sequence; a follow-up of a sequence changes all its parts, one of them
    ("the last one") or its gaps ("shorter pause"). A follow-up that changes nothing comes back unchanged with
    nothing understood.
    """
    tokens = tokenize(prompt)
    words = [token.text for token in tokens]
    layout = multipart.plan(words, _is_part_noun)
    if layout.part_count > 1 or (layout.leading and previous is not None and layout.parts):
        answer = _sequence(tokens, layout, previous)
    elif isinstance(previous, FartSequence):
        answer = _follow_sequence(tokens, previous)
    else:
        # A joint with one part ("a fart with a long pause") has nothing to join: said back, not read as words.
        joints = [[tokens[k] for k in indices] for indices, _ in layout.joints]
        tokens = [token for k, token in enumerate(tokens) if not any(k in indices for indices, _ in layout.joints)]
        reading = _Parser(tokens, follow_up=previous is not None).parse()
        spec = apply(reading, previous)
        unused = [_words(joint) for joint in joints]
        answer = Interpretation(spec, title(reading, spec, previous), "local", understood=_heard(tokens, reading),
                                ignored=tuple(dict.fromkeys([*_ignored(tokens, reading.ignored), *unused])))
    if not answer.understood and not answer.ignored and not any(t.kind == "word" for t in tokens):
        # No words at all, only punctuation or separators: say them back rather than nothing.
        visible = "".join(ch for ch in prompt if unicodedata.category(ch) not in ("Cf", "Mn")).strip()
        answer = dataclasses.replace(answer, ignored=(visible[:40],) if visible else ())
    if previous is not None and answer.changes_nothing(previous) and not any(
            heard.effect.endswith(NEW_TAKE) for heard in answer.understood):
        return answer.unchanged(previous)
    return answer


def _is_part_noun(word: str) -> bool:
    """A word that names a sound of its own: "one", "toot", "fart", "rumble", "trumpet"."""
    if word in ("one", "ones") or (lx.UNITS.get(word, ("",))[0] == "bursts" and word not in _NOT_PARTS):
        return True
    resolved = resolve(word)
    sense = LEXICON.senses.get((resolved,)) if resolved else None
    return sense is not None and bool(sense.preset or sense.noun)


_NOT_PARTS = frozenset({"time", "times", "part", "parts", "shot", "shots", "pulse", "pulses"})


def _sequence(tokens: list[Token], layout: multipart.Plan, previous: FartSpec | FartSequence | None
              ) -> Interpretation:
    """A prompt in parts: each part read on its own, played in order in one place."""
    readings = [_Parser([tokens[k] for k in part.indices], follow_up=False).parse() for part in layout.parts]
    specs = [apply(reading, None) for reading in readings]
    room = _shared_room(readings, previous)
    specs = [spec if _names_a_place(reading) or room is None or spec.room != "none" else
             spec.with_changes(room=room) for spec, reading in zip(specs, readings, strict=True)]
    parts = [spec for spec, part in zip(specs, layout.parts, strict=True) for _ in range(part.repeat)]
    gaps = multipart.gaps(layout.parts)
    # Said back in the order of the prompt: (first token, what was heard).
    heard_at = [(min(indices), Heard(_words([tokens[k] for k in indices]), said)) for indices, said in layout.joints]
    ignored: list[str] = []
    first = 1
    lead: list[FartSpec] = []
    if layout.leading and previous is not None:
        lead = list(previous.parts) if isinstance(previous, FartSequence) else [previous]
        lead_gap = layout.parts[0].gap_before_s
        gaps = [*(previous.gaps_s if isinstance(previous, FartSequence) else ()),
                multipart.NATURAL_GAP_S if lead_gap is None else lead_gap, *gaps]
        first += len(lead)
    for part, reading in zip(layout.parts, readings, strict=True):
        label = f"part {first}" if part.repeat == 1 else f"parts {first}–{first + part.repeat - 1}"
        local = [tokens[k] for k in part.indices]
        heard_at.extend((part.indices[min(indices)],
                         Heard(_words([local[k] for k in _span(indices, reading)]), f"{label}: {said}"))
                        for indices, said in reading.heard if indices and said)
        ignored.extend(_ignored(local, reading.ignored))
        first += part.repeat
    all_parts = [*lead, *parts][: sequence.MAX_PARTS]
    fitted = seeded(_fit(all_parts, gaps[: len(all_parts) - 1]), previous if lead else None)
    names = [_part_name(spec) for spec in lead] + [
        title(reading, spec, None, with_place=False) for reading, spec in zip(readings, specs, strict=True)]
    counts = [1] * len(lead) + [part.repeat for part in layout.parts]
    understood = tuple(heard for _, heard in sorted(heard_at, key=lambda item: item[0]))
    return Interpretation(fitted.parts[0], _sequence_title(names, counts, fitted.parts[-1].room), "local",
                          sequence=fitted, understood=understood, ignored=tuple(dict.fromkeys(ignored)))


def _follow_sequence(tokens: list[Token], previous: FartSequence) -> Interpretation:
    """A follow-up of a sequence: all its parts, one of them ("the last one wetter") or its gaps ("shorter pause")."""
    words = [token.text for token in tokens]
    aimed, index, at_gaps = multipart.target(words, len(previous.parts))
    rest = [token for k, token in enumerate(tokens) if k not in aimed]
    reading = _Parser(rest, follow_up=True).parse()
    parts, gaps = list(previous.parts), list(previous.gaps_s)
    if at_gaps:
        gaps = _changed_gaps(gaps, reading, negated=any(word in lx.NEGATIONS for word in words))
        label = "pause"
    elif index is not None:
        parts[index] = apply(reading, parts[index])
        label = f"part {index + 1}"
    else:
        parts = [apply(reading, part) for part in parts]
        label = ""
    fitted = _fit(parts, gaps)
    understood = [Heard(heard.words, f"{label}: {heard.effect}" if label else heard.effect)
                  for heard in _heard(rest, reading)]
    if aimed and understood:
        understood.insert(0, Heard(_words([tokens[k] for k in aimed]), label))
    names = [_part_name(part) for part in fitted.parts]
    return Interpretation(fitted.parts[0], _sequence_title(names, [1] * len(names), fitted.parts[-1].room), "local",
                          sequence=fitted, understood=tuple(understood),
                          ignored=tuple(dict.fromkeys(_ignored(rest, reading.ignored))))


def _changed_gaps(gaps: list[float], reading: Reading, negated: bool) -> list[float]:
    low, high = sequence.GAP_RANGE_S
    if negated and not reading.actions:
        # "no pause": as close as parts can be.
        return [low] * len(gaps)
    for action in reading.actions:
        if isinstance(action, Move) and action.axis == "duration":
            gaps = [gap * lx.RATIO_STEP["duration"] ** action.steps for gap in gaps]
        elif isinstance(action, Scale) and action.axis == "duration":
            gaps = [gap * action.factor for gap in gaps]
        elif isinstance(action, SetValue) and action.axis == "duration":
            gaps = [action.value] * len(gaps)
    return [round(min(max(gap, low), high), 2) for gap in gaps]


def _fit(parts: list[FartSpec], gaps: list[float]) -> FartSequence:
    """The parts and gaps as a sequence of at most 12 s: everything shortened in proportion when longer."""
    total = sum(part.duration_s for part in parts) + sum(gaps)
    if total > sequence.MAX_TOTAL_S:
        factor = sequence.MAX_TOTAL_S / total
        low_gap = sequence.GAP_RANGE_S[0]
        gaps = [round(max(gap * factor - 0.01, low_gap), 2) for gap in gaps]
        room_s = sequence.MAX_TOTAL_S - sum(gaps)
        part_factor = room_s / sum(part.duration_s for part in parts)
        parts = [part.with_changes(duration_s=math.floor(part.duration_s * part_factor * 100) / 100)
                 for part in parts]
    return FartSequence(tuple(round_spec(part) for part in parts), tuple(gaps))


def _shared_room(readings: list[Reading], previous: FartSpec | FartSequence | None) -> str | None:
    """A sound in parts happens in one place: the last one named, else the previous sound's."""
    for reading in reversed(readings):
        if reading.room is not None:
            return reading.room
    if previous is not None:
        return previous.parts[-1].room if isinstance(previous, FartSequence) else previous.room
    return None


def _names_a_place(reading: Reading) -> bool:
    return any(isinstance(action, (Room, NotRoom, Echo)) for action in reading.actions)


def _part_name(spec: FartSpec) -> str:
    words = _describing_words(spec)
    return " ".join(word for word in words[:-1] if word)


def _sequence_title(names: list[str], counts: list[int], room: str) -> str:
    """ "Two quick farts then long fart in the bathtub": parts in order, repeats counted."""
    groups: list[tuple[str, int]] = []
    for name, count in zip(names, counts, strict=True):
        name = name.lower()
        if groups and groups[-1][0] == name:
            groups[-1] = (name, groups[-1][1] + count)
        else:
            groups.append((name, count))
    said = [name if count == 1 else f"{_COUNT_NAMES.get(count, str(count))} {name}s" for name, count in groups]
    return _sentence([" then ".join(said), lx.ROOM_PHRASES[room]])


_COUNT_NAMES = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def _heard(tokens: list[Token], reading: Reading) -> tuple[Heard, ...]:
    heard: list[Heard] = []
    for indices, said in reading.heard:
        if not (indices and said):
            continue
        words = _words([tokens[k] for k in _span(indices, reading)])
        if heard and heard[-1].effect == said and heard[-1].words.split()[-1] == words:
            # "brrt brrt brrt": one phrase, said back once.
            heard[-1] = Heard(f"{heard[-1].words} {words}", said)
        else:
            heard.append(Heard(words, said))
    return tuple(heard)


def _span(indices: tuple[int, ...], reading: Reading) -> list[int]:
    """A phrase as the person wrote it, from its first word to its last ("not in the car"), less the words in it
    that were not used or did something of their own ("not too damn wet", "five wet puffs")."""
    others = {k for other, _ in reading.heard if other != indices for k in other}
    return [k for k in range(min(indices), max(indices) + 1)
            if k in indices or (k not in reading.ignored and k not in others)]


def _ignored(tokens: list[Token], indices: list[int]) -> list[str]:
    return list(dict.fromkeys(tokens[k].source or tokens[k].text for k in indices))


def _words(tokens: list[Token]) -> str:
    """The prompt's own words behind some tokens, in order, each once."""
    sources = list(dict.fromkeys((token.origin, token.source or token.text) for token in sorted(
        tokens, key=lambda token: token.origin)))
    text = ""
    for _, source in sources:
        joined = text and languages.is_japanese(text[-1]) and languages.is_japanese(source[0])
        text += source if (not text or joined) else " " + source
    return text


def _within(value: float, bounds: Range) -> float:
    return min(max(value, bounds.low), bounds.high)


def _fmt(value: float) -> str:
    return f"{value:g}"
