"""The transport-free core of a generation: understand a request (prompt and/or parameters, seed), then render it.

The CLI calls `synthesize`; the web pipeline (`generator.pipeline`) calls `understand` and `render_interpretation`
as separate stages so that each runs on the right thread.
"""

from __future__ import annotations

import hashlib
import json
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from generator.engine import FartSpec
from generator.engine.sequence import FartSequence, Recipe, render_recipe
from generator.engine.spec import SEED_MAX
from generator.interpret import (
    Interpretation,
    asks_for_a_new_take,
    clean_prompt,
    describe,
    interpret,
    normalize_prompt,
    round_spec,
)


@dataclass(frozen=True)
class Synthesis:
    """A rendered sound with how it was understood and how long each step took."""

    interpretation: Interpretation
    samples: np.ndarray
    sample_rate: int
    timings_ms: dict[str, float]


def synthesize(
    prompt: str | None,
    previous: Recipe | None = None,
    *,
    seed: int | None = None,
    parameters: dict[str, Any] | None = None,
    sample_rate: int = 44100,
) -> Synthesis:
    """understand() the request, then render it. ValueError as understand() raises it."""
    started = time.perf_counter()
    interpretation = understand(prompt, previous, seed=seed, parameters=parameters)
    interpret_ms = (time.perf_counter() - started) * 1000
    synthesis = render_interpretation(interpretation, sample_rate)
    return replace(synthesis, timings_ms={"interpret": interpret_ms, **synthesis.timings_ms})


# Line breaks and tabs are spacing (a pasted prompt has them); other control characters are never typed, and NUL
# cannot even be stored in PostgreSQL's text.
_SPACING = frozenset("\t\n\r")


def refuse_control_characters(prompt: str) -> None:
    """ValueError (invalid_prompt for the client) for NUL and other control characters in a prompt."""
    if any(unicodedata.category(ch) == "Cc" and ch not in _SPACING for ch in prompt):
        raise ValueError("A description can't contain control characters (such as NUL). Type it again, please.")


def understand(
    prompt: str | None,
    previous: Recipe | None = None,
    *,
    seed: int | None = None,
    parameters: dict[str, Any] | None = None,
    part: int | None = None,
    sequence: FartSequence | None = None,
    new_take_seed: int | None = None,
) -> Interpretation:
    """Interpret a prompt and/or apply parameters and pick the seeds: the spec or parts, and the title, to render.

    The recipe starts from the prompt's reading (as a follow-up of `previous` when given), else from `sequence`
    (parts sent as they are), else from `previous`, else from the default spec. `parameters` (a partial spec,
    e.g. from sliders) then change it: the whole, or part number `part` (from 0) of a sound made of parts. Every
    number comes back at slider precision. The seed is `seed` if given (counting up from part to part), else the
    one in `parameters`, else the previous sound's for a follow-up that changes it ("wetter": the same fart,
    changed), else — a new take — `new_take_seed` when given (the site and the API: new words or "again" make a
    new sound every time), else one derived from the prompt (and `previous`), so the same command line writes the
    same file in every process.
    ValueError carries a sentence for the person: empty or overlong prompt, control characters, nothing asked for,
    an unknown or ill-typed parameter, a part the sound does not have, a seed out of range.
    """
    if prompt is None and not parameters and sequence is None:
        raise ValueError("Describe a fart or change one of its settings.")
    if prompt is not None:
        refuse_control_characters(prompt)
        text = clean_prompt(prompt)
        interpretation = interpret(text, previous)
        recipe: Recipe = interpretation.sequence or interpretation.spec
        keeps_seeds = previous is not None and not asks_for_a_new_take(text)
        if keeps_seeds and previous is not None:
            seeds = _seeds_of(previous)
        else:
            seeds = _counting(prompt_seed(text, previous) if new_take_seed is None else new_take_seed)
    else:
        interpretation = None
        recipe = sequence or previous or FartSpec()
        given = sequence or previous
        if given is not None:
            seeds = _seeds_of(given)
        else:
            seeds = _counting(_parameters_seed(parameters or {}) if new_take_seed is None else new_take_seed)
    if parameters:
        recipe = _changed(recipe, parameters, part)
    elif part is not None:
        raise ValueError("Say what to change in that part.")
    # Sliders, variations and Claude send any float (1.0072048790632009 s); a stored spec reads like the sliders.
    recipe = _rounded(recipe)
    if seed is not None:
        # An explicit seed must be valid as given: clamping would quietly play another sound.
        FartSpec.from_dict({"seed": seed})
        recipe = _reseeded(recipe, _counting(seed))
    elif not (parameters and "seed" in parameters):
        recipe = _reseeded(recipe, seeds)
    if interpretation is not None:
        return _interpreted_as(interpretation, recipe)
    return _interpreted_as(Interpretation(FartSpec(), _title_of(recipe), "local"), recipe)


def render_interpretation(interpretation: Interpretation, sample_rate: int) -> Synthesis:
    """Render an understood request: its parts in order, or its one spec."""
    started = time.perf_counter()
    samples = render_recipe(recipe_of(interpretation), sample_rate)
    return Synthesis(
        interpretation=interpretation,
        samples=samples,
        sample_rate=sample_rate,
        timings_ms={"render": (time.perf_counter() - started) * 1000},
    )


def recipe_of(interpretation: Interpretation) -> Recipe:
    """What renders an interpretation: its sequence of parts, or its one spec."""
    return interpretation.sequence or interpretation.spec


def prompt_seed(prompt: str, previous: Recipe | None = None) -> int:
    """A seed from the case-folded prompt and the previous recipe: stable across processes (no hash())."""
    payload = {"prompt": normalize_prompt(prompt), "previous": previous.to_dict() if previous else None}
    return _seed_of(payload)


def _changed(recipe: Recipe, parameters: dict[str, Any], part: int | None) -> Recipe:
    if isinstance(recipe, FartSequence):
        return recipe.with_overall(parameters) if part is None else recipe.with_part(part, parameters)
    if part is not None:
        raise ValueError("This sound is all one part: leave out the part number to change it.")
    return FartSpec.from_dict(parameters, clamp=True, base=recipe)


def _rounded(recipe: Recipe) -> Recipe:
    if isinstance(recipe, FartSequence):
        return FartSequence(tuple(round_spec(part) for part in recipe.parts), recipe.gaps_s)
    return round_spec(recipe)


def _counting(first_seed: int) -> Callable[[int], int]:
    """Seeds counting up from part to part: each part of a sequence is its own take."""
    return lambda index: (first_seed + index) % (SEED_MAX + 1)


def _seeds_of(recipe: Recipe) -> Callable[[int], int]:
    """The seeds of a recipe, part by part; parts it does not have count on from its first."""
    if isinstance(recipe, FartSequence):
        kept = [part.seed for part in recipe.parts]
        return lambda index: kept[index] if index < len(kept) else _counting(kept[0])(index)
    return _counting(recipe.seed)


def _reseeded(recipe: Recipe, seeds: Callable[[int], int]) -> Recipe:
    if isinstance(recipe, FartSequence):
        parts = tuple(part.with_changes(seed=seeds(index)) for index, part in enumerate(recipe.parts))
        return FartSequence(parts, recipe.gaps_s)
    return recipe.with_changes(seed=seeds(0))


def _interpreted_as(interpretation: Interpretation, recipe: Recipe) -> Interpretation:
    """The interpretation (its title, source and what was heard) with the recipe as finally changed."""
    if isinstance(recipe, FartSequence):
        return replace(interpretation, spec=recipe.parts[0], sequence=recipe)
    return replace(interpretation, spec=recipe, sequence=None)


def _title_of(recipe: Recipe) -> str:
    """A title for parts changed by hand: each run of alike parts described once ("Squeaker ×3, then rumbler")."""
    if isinstance(recipe, FartSpec):
        return describe(recipe)
    runs: list[tuple[str, int]] = []
    for part in recipe.parts:
        words = describe(part)
        if runs and runs[-1][0].lower() == words.lower():
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((words, 1))
    pieces = [f"{words} ×{count}" if count > 1 else words for words, count in runs]
    title = ", then ".join([pieces[0], *(piece[:1].lower() + piece[1:] for piece in pieces[1:])])
    return title if len(title) <= 120 else f"{pieces[0]}, then {len(recipe.parts) - 1} more"


def _parameters_seed(parameters: dict[str, Any]) -> int:
    return _seed_of({"parameters": parameters})


def _seed_of(payload: dict[str, Any]) -> int:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")

