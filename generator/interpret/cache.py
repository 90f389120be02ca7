"""Claude's answers and the interpretation counters, both kept in Django's cache (Redis in production)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.cache import cache

from fartgen import metrics
from generator.engine import ENGINE_VERSION, FartSpec
from generator.engine.sequence import FartSequence
from generator.interpret.answer import Heard, Interpretation, seeded

_ANSWER_PREFIX = "interpret:answer:"
_COUNT_PREFIX = "interpret:count:"

# Why Claude did not answer, each counted as "fallback_<reason>" and logged.
FALLBACK_REASONS: tuple[str, ...] = (
    "no_key",
    "timeout",
    "connection",
    "rate_limited",
    "server_error",
    "api_error",
    "bad_output",
)
# Every counter interpret_stats() reports.
COUNTERS: tuple[str, ...] = ("claude_ok", "cache_hit", "cache_miss", *(f"fallback_{r}" for r in FALLBACK_REASONS))


def answer_key(prompt: str, previous: FartSpec | FartSequence | None) -> str:
    """The cache key of Claude's answer to a prompt: normalized prompt, previous spec, model, engine version.

    The previous spec's seed is left out because the answer does not depend on it ("wetter" reads the same
    whichever take it follows).
    """
    previous_fields: Any = None
    if isinstance(previous, FartSequence):
        previous_fields = {"parts": [_unseeded(part) for part in previous.parts], "gaps_s": list(previous.gaps_s)}
    elif previous is not None:
        previous_fields = _unseeded(previous)
    payload = json.dumps(
        {
            "prompt": normalize_prompt(prompt),
            "previous": previous_fields,
            "model": settings.ANTHROPIC_MODEL,
            "engine": ENGINE_VERSION,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return _ANSWER_PREFIX + hashlib.sha256(payload.encode()).hexdigest()


def normalize_prompt(prompt: str) -> str:
    """Case and spacing do not change what a prompt asks for."""
    return " ".join(prompt.casefold().split())


def get_answer(key: str, previous: FartSpec | FartSequence | None) -> Interpretation | None:
    """A cached answer, seeded from `previous` (a follow-up keeps its takes, a new sound starts from 0), or None."""
    stored = cache.get(key)
    if not isinstance(stored, dict):
        return None
    base = previous.parts[0] if isinstance(previous, FartSequence) else previous
    try:
        spec = FartSpec.from_dict(stored["spec"], base=base if base is not None else FartSpec())
        title = stored["title"]
        sequence = None
        if stored["sequence"] is not None:
            sequence = seeded(FartSequence.from_dict(stored["sequence"]), previous)
            spec = sequence.parts[0]
        understood = tuple(Heard(item["words"], item["effect"]) for item in stored["understood"])
        ignored = tuple(str(word) for word in stored["ignored"])
    except (KeyError, ValueError, TypeError):
        # Written by an older release with other fields: ask again rather than fail.
        return None
    if not isinstance(title, str):
        return None
    return Interpretation(spec, title, "cache", sequence=sequence, understood=understood, ignored=ignored)


def put_answer(key: str, answer: Interpretation) -> None:
    """Keep an answer without its seeds (they come from whoever asks next)."""
    sequence = None
    if answer.sequence is not None:
        sequence = {"parts": [_unseeded(part) for part in answer.sequence.parts],
                    "gaps_s": list(answer.sequence.gaps_s)}
    cache.set(key, {
        "spec": _unseeded(answer.spec),
        "title": answer.title,
        "sequence": sequence,
        "understood": [heard.to_dict() for heard in answer.understood],
        "ignored": list(answer.ignored),
    }, timeout=settings.INTERPRET_CACHE_TTL_S)


def _unseeded(spec: FartSpec) -> dict[str, Any]:
    return {k: v for k, v in spec.to_dict().items() if k != "seed"}


def count(name: str) -> None:
    """Add one to a counter (they never expire), and to its Prometheus twin."""
    metrics.interpret_event(name)
    key = _COUNT_PREFIX + name
    try:
        cache.incr(key)
    except ValueError:
        # The first of its kind; add() keeps a count that another process created in the meantime.
        if not cache.add(key, 1, timeout=None):
            cache.incr(key)


def interpret_stats() -> dict[str, int]:
    """How interpretations went since the counters began: Claude answers, cache hits and misses, fallbacks."""
    keys = {_COUNT_PREFIX + name: name for name in COUNTERS}
    found = cache.get_many(list(keys))
    return {name: int(found.get(key, 0)) for key, name in keys.items()}
