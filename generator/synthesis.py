"""The transport-free core of a generation: understand a request (prompt and/or parameters, seed), then render it.

The CLI calls `synthesize`; the web pipeline (`generator.pipeline`) calls `understand` and `render_interpretation`
as separate stages so that each runs on the right thread.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from generator.engine import FartSpec, render
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
    previous: FartSpec | None = None,
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


def understand(
    prompt: str | None,
    previous: FartSpec | None = None,
    *,
    seed: int | None = None,
    parameters: dict[str, Any] | None = None,
    new_take_seed: int | None = None,
) -> Interpretation:
    """Interpret a prompt and/or apply parameters and pick the seed: the spec and title to render.

    `parameters` (a partial spec, e.g. from sliders) override what the prompt gave; every number comes back at
    slider precision. The seed is `seed` if given, else the one in `parameters`, else the previous sound's for a
    follow-up that changes it ("wetter": the same fart, changed), else — a new take — `new_take_seed` when given
    (the site: new words or "again" make a new sound every time), else one derived from the prompt (and
    `previous`), so the same command line writes the same file in every process.
    ValueError carries a sentence for the person: empty or overlong prompt, neither prompt nor parameters, an
    unknown or ill-typed parameter, a seed out of range.
    """
    if prompt is None and not parameters:
        raise ValueError("Describe a fart or change one of its settings.")
    if prompt is not None:
        text = clean_prompt(prompt)
        interpretation = interpret(text, previous)
        spec = interpretation.spec
        if previous is not None and not asks_for_a_new_take(text):
            derived_seed = previous.seed
        else:
            derived_seed = prompt_seed(text, previous) if new_take_seed is None else new_take_seed
    else:
        spec = previous if previous is not None else FartSpec()
        if previous is not None:
            derived_seed = spec.seed
        else:
            derived_seed = _parameters_seed(parameters or {}) if new_take_seed is None else new_take_seed
    if parameters:
        spec = FartSpec.from_dict(parameters, clamp=True, base=spec)
    # Sliders, variations and Claude send any float (1.0072048790632009 s); a stored spec reads like the sliders.
    spec = round_spec(spec)
    if seed is not None:
        # An explicit seed must be valid as given: clamping would quietly play another sound.
        spec = FartSpec.from_dict({"seed": seed}, base=spec)
    elif not (parameters and "seed" in parameters):
        spec = spec.with_changes(seed=derived_seed)
    if prompt is not None:
        return Interpretation(spec, interpretation.title, interpretation.source)
    return Interpretation(spec, describe(spec), "local")


def render_interpretation(interpretation: Interpretation, sample_rate: int) -> Synthesis:
    """Render an understood request."""
    started = time.perf_counter()
    samples = render(interpretation.spec, sample_rate)
    return Synthesis(
        interpretation=interpretation,
        samples=samples,
        sample_rate=sample_rate,
        timings_ms={"render": (time.perf_counter() - started) * 1000},
    )


def prompt_seed(prompt: str, previous: FartSpec | None = None) -> int:
    """A seed from the case-folded prompt and the previous spec: stable across processes (no hash())."""
    payload = {"prompt": normalize_prompt(prompt), "previous": previous.to_dict() if previous else None}
    return _seed_of(payload)


def _parameters_seed(parameters: dict[str, Any]) -> int:
    return _seed_of({"parameters": parameters})


def _seed_of(payload: dict[str, Any]) -> int:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")

