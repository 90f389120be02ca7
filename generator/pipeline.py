"""The generation pipeline: the one place that chains interpret → render (→ encode → save).

`synthesize` is the synchronous, transport-free core that the CLI, the views and the consumers share.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from generator.engine import FartSpec, render
from generator.interpret import Interpretation, clean_prompt, describe, interpret, normalize_prompt


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
    """Interpret a prompt and/or apply parameters, pick the seed, render.

    `parameters` (a partial spec, e.g. from sliders) override what the prompt gave. The seed is `seed` if given,
    else the one in `parameters`, else derived from the prompt (and `previous`), so the same words make the
    same sound in every process while "again" after a sound makes a new take. ValueError carries a sentence
    for the person: empty or overlong prompt, neither prompt nor parameters, an unknown or ill-typed parameter.
    """
    if prompt is None and not parameters:
        raise ValueError("Describe a fart or change one of its settings.")
    started = time.perf_counter()
    if prompt is not None:
        text = clean_prompt(prompt)
        interpretation = interpret(text, previous)
        spec = interpretation.spec
        derived_seed = prompt_seed(text, previous)
    else:
        spec = previous if previous is not None else FartSpec()
        derived_seed = spec.seed if previous is not None else _parameters_seed(parameters or {})
    if parameters:
        spec = FartSpec.from_dict(parameters, clamp=True, base=spec)
    if seed is not None:
        # An explicit seed must be valid as given: clamping would quietly play another sound.
        spec = FartSpec.from_dict({"seed": seed}, base=spec)
    elif not (parameters and "seed" in parameters):
        spec = spec.with_changes(seed=derived_seed)
    if prompt is not None:
        interpretation = Interpretation(spec, interpretation.title, interpretation.source)
    else:
        interpretation = Interpretation(spec, describe(spec), "local")
    interpreted = time.perf_counter()
    samples = render(spec, sample_rate)
    rendered = time.perf_counter()
    return Synthesis(
        interpretation=interpretation,
        samples=samples,
        sample_rate=sample_rate,
        timings_ms={"interpret": (interpreted - started) * 1000, "render": (rendered - interpreted) * 1000},
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
