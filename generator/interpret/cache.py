"""Claude's answers and the interpretation counters, both kept in Django's cache (Redis in production)."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.cache import cache

from fartgen import metrics
from generator.engine import ENGINE_VERSION, FartSpec

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


def answer_key(prompt: str, previous: FartSpec | None) -> str:
    """The cache key of Claude's answer to a prompt: normalized prompt, previous spec, model, engine version.

    The previous spec's seed is left out because the answer does not depend on it ("wetter" reads the same
    whichever take it follows).
    """
    previous_fields = None
    if previous is not None:
        previous_fields = {k: v for k, v in previous.to_dict().items() if k != "seed"}
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


def get_answer(key: str, base: FartSpec) -> tuple[FartSpec, str] | None:
    """A cached answer played onto `base` (which supplies the seed), or None."""
    stored = cache.get(key)
    if not isinstance(stored, dict):
        return None
    try:
        spec = FartSpec.from_dict(stored["spec"], base=base)
        title = stored["title"]
    except (KeyError, ValueError, TypeError):
        # Written by an older release with other fields: ask again rather than fail.
        return None
    if not isinstance(title, str):
        return None
    return spec, title


def put_answer(key: str, spec: FartSpec, title: str) -> None:
    fields = {k: v for k, v in spec.to_dict().items() if k != "seed"}
    cache.set(key, {"spec": fields, "title": title}, timeout=settings.INTERPRET_CACHE_TTL_S)


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
