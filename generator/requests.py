"""Reading a generation request: what a maker asks for, strictly from JSON (API, sockets) or leniently from a form."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.engine import FartSpec
from generator.engine.sequence import MAX_PARTS, FartSequence
from generator.engine.spec import FIELD_NAMES, INT_FIELDS, NUMERIC_FIELDS, SEED_MAX
from generator.names import ROOM_NAMES

REQUEST_FIELDS = frozenset({"prompt", "parameters", "seed", "parent", "variation", "part", "sequence", "takes"})
FORM_IGNORED_KEYS = frozenset({"HEADERS", "csrfmiddlewaretoken"})
MAX_TAKES = 4
# The page's placeholder reads "e.g. …" this example, and an empty Generate makes it.
EXAMPLE_PROMPT = "long wet rumbler in a bathtub"
# "Surprise me" puts a plausible prompt together from these: a character, a manner, maybe a place.
SURPRISE_MANNERS: tuple[str, ...] = (
    "wet", "dry", "squeaky", "deep", "long", "short", "rumbly", "breathy", "tight", "loose", "loud", "quiet",
    "sputtering", "slow", "bubbly", "raspy",
)
SURPRISE_CHARACTERS: tuple[str, ...] = (
    "toot", "rumbler", "squeaker", "trumpet", "tuba", "machine gun", "balloon", "duck call", "motorboat",
    "whoopee cushion", "zipper", "popcorn", "long goodbye", "classic",
)
# Open air twice as often as any one room (the empty phrase is open air).
SURPRISE_PLACES: tuple[str, ...] = ("", *(name.phrase for name in ROOM_NAMES.values()))


class BadMessage(ValueError):
    """A request that is not well-formed; the message is shown to the client as is."""


@dataclass(frozen=True)
class GenerationRequest:
    """What a maker asks for: a prompt, parameters (a partial FartSpec), or both; optionally a parent to refine.

    `part` (from 0) points the parameters at one part of a sound made of parts; `sequence` sends the parts
    themselves (programs), instead of a prompt.
    """

    prompt: str | None = None
    parameters: dict[str, Any] | None = None
    seed: int | None = None
    parent_id: uuid.UUID | None = None
    variation: bool = False
    part: int | None = None
    sequence: FartSequence | None = None
    takes: int = 1

    @classmethod
    def from_api(cls, data: object) -> GenerationRequest:
        """Strict reading of a JSON request. Raises BadMessage."""
        if not isinstance(data, dict):
            raise BadMessage("A request must be a JSON object.")
        unknown = sorted(set(data) - REQUEST_FIELDS)
        if unknown:
            raise BadMessage(f"Unknown field(s): {', '.join(map(str, unknown))}.")
        prompt = data.get("prompt")
        if prompt is not None and not isinstance(prompt, str):
            raise BadMessage("prompt must be a string.")
        parameters = data.get("parameters")
        if parameters is not None:
            parameters = _checked_parameters(parameters)
        seed = data.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= SEED_MAX):
            raise BadMessage(f"seed must be a whole number from 0 to {SEED_MAX}.")
        variation = data.get("variation", False)
        if not isinstance(variation, bool):
            raise BadMessage("variation must be true or false.")
        part = data.get("part")
        if part is not None:
            _check_part(part)
        sequence = data.get("sequence")
        takes = data.get("takes", 1)
        if isinstance(takes, bool) or not isinstance(takes, int) or not 1 <= takes <= MAX_TAKES:
            raise BadMessage(f"takes must be a whole number from 1 to {MAX_TAKES}.")
        return cls._checked(
            prompt, parameters, seed, _parent_id(data.get("parent")), variation, part=part,
            sequence=None if sequence is None else _checked_sequence(sequence), takes=takes,
        )

    @classmethod
    def from_form(cls, data: object) -> GenerationRequest:
        """Lenient reading of a browser form (string values; empty means absent; htmx's HEADERS ignored)."""
        if not isinstance(data, Mapping):
            raise BadMessage("Send the form as a JSON object.")
        stripped = {key: value.strip() if isinstance(value, str) else value for key, value in data.items()}
        values = {
            key: value for key, value in stripped.items() if key not in FORM_IGNORED_KEYS and value not in ("", None)
        }
        parameters = {key: _form_value(key, value) for key, value in values.items() if key in FIELD_NAMES - {"seed"}}
        seed = values.get("seed")
        if seed is not None:
            seed = _form_value("seed", seed)
            if not 0 <= seed <= SEED_MAX:
                raise BadMessage(f"seed must be a whole number from 0 to {SEED_MAX}.")
        # An empty prompt box is kept as "", so the person reads what a prompt needs (invalid_prompt)...
        prompt = values.get("prompt", "" if "prompt" in stripped else None)
        if prompt is not None and not isinstance(prompt, str):
            raise BadMessage("prompt must be text.")
        parent_id = _parent_id(values.get("parent"))
        if values.get("surprise") in ("1", "true", "on", True):
            prompt = surprise_prompt()
        elif prompt == "" and parent_id is None and not parameters:
            # ...except the page's own prompt box, whose placeholder is an example: Generate makes the example.
            prompt = EXAMPLE_PROMPT
        variation = values.get("variation") in ("1", "true", "on", True)
        part = values.get("part")
        if part is not None:
            part = _form_value("part", part)
            _check_part(part)
        takes = _form_value("takes", values.get("takes", 1))
        if not 1 <= takes <= MAX_TAKES:
            raise BadMessage(f"takes must be a whole number from 1 to {MAX_TAKES}.")
        return cls._checked(
            prompt, _checked_parameters(parameters) if parameters else None, seed, parent_id, variation, part=part,
            takes=takes,
        )

    @classmethod
    def _checked(
        cls,
        prompt: str | None,
        parameters: dict[str, Any] | None,
        seed: int | None,
        parent_id: uuid.UUID | None,
        variation: bool,
        *,
        part: int | None = None,
        sequence: FartSequence | None = None,
        takes: int = 1,
    ) -> GenerationRequest:
        if prompt is not None and not prompt.strip() and (parameters or sequence is not None):
            prompt = None
        if variation and parent_id is None:
            raise BadMessage("A variation needs the parent sound it varies.")
        if prompt is None and not parameters and not variation and sequence is None:
            raise BadMessage("Send a prompt, parameters, or both.")
        if prompt is not None and sequence is not None:
            raise BadMessage("Send a prompt or a sequence, not both.")
        if part is not None and not parameters:
            raise BadMessage("part needs parameters: what to change in that part.")
        if part is not None and parent_id is None and sequence is None:
            raise BadMessage("part needs the sound made of parts it changes: a parent or a sequence.")
        return cls(
            prompt=prompt, parameters=parameters or None, seed=seed, parent_id=parent_id, variation=variation,
            part=part, sequence=sequence, takes=takes,
        )

    def dedupe_key(self) -> str:
        """The same text for the same request: identical requests in quick succession are one."""
        sequence = self.sequence.to_dict() if self.sequence is not None else None
        return json.dumps(
            [self.prompt, self.parameters, self.seed, str(self.parent_id), self.variation, self.part, sequence,
             self.takes],
            sort_keys=True, default=str,
        )


def surprise_prompt(rng: random.Random | None = None) -> str:
    """A random, plausible description: one or two manners, a character, sometimes a place."""
    rng = rng or random.Random()
    manners = rng.sample(SURPRISE_MANNERS, rng.randint(1, 2))
    return " ".join(word for word in (*manners, rng.choice(SURPRISE_CHARACTERS), rng.choice(SURPRISE_PLACES)) if word)


def _checked_parameters(parameters: object) -> dict[str, Any]:
    if not isinstance(parameters, dict):
        raise BadMessage("parameters must be a JSON object of FartSpec fields.")
    try:
        # Sliders may overshoot; numbers are clamped, wrong types and unknown fields refused.
        FartSpec.from_dict(parameters, clamp=True)
    except ValueError as error:
        raise BadMessage(f"Bad parameters: {error}.") from None
    return dict(parameters)


def _check_part(part: object) -> None:
    if isinstance(part, bool) or not isinstance(part, int) or not 0 <= part < MAX_PARTS:
        raise BadMessage(f"part must be a whole number from 0 to {MAX_PARTS - 1}: the part to change, first is 0.")


def _checked_sequence(sequence: object) -> FartSequence:
    if not isinstance(sequence, dict):
        raise BadMessage('sequence must be a JSON object: {"parts": [spec, ...], "gaps_s": [seconds, ...]}.')
    try:
        # Numbers in the parts are clamped like parameters; the gaps, the part count and the length are not.
        return FartSequence.from_dict(sequence, clamp=True)
    except ValueError as error:
        raise BadMessage(f"Bad sequence: {error}.") from None


def _parent_id(value: object) -> uuid.UUID | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadMessage("parent must be a sound id.")
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadMessage("parent must be a sound id.") from None


def _form_value(key: str, value: object) -> Any:
    whole = key in INT_FIELDS or key in ("seed", "part", "takes")
    if not whole and key not in NUMERIC_FIELDS:
        return value
    if isinstance(value, str):
        try:
            return int(value) if whole else float(value)
        except ValueError:
            raise BadMessage(f"{key} must be a number, got {value!r}.") from None
    if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
        raise BadMessage(f"{key} must be a number, got {value!r}.")
    return value

