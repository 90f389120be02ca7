"""Prompt interpretation: what a person types becomes a FartSpec (or a FartSequence for a sound in parts), a short
English title, and what was understood and ignored, said back.

Claude answers when ANTHROPIC_API_KEY is set (its answers are cached); the local interpreter answers otherwise,
and whenever Claude cannot. Every outcome is counted (see `interpret_stats`).
"""

from __future__ import annotations

import functools
import logging
import unicodedata

from django.conf import settings

from generator.engine import FartSpec
from generator.engine.sequence import FartSequence
from generator.interpret import cache
from generator.interpret.answer import Heard, Interpretation
from generator.interpret.cache import interpret_stats, normalize_prompt
from generator.interpret.local import asks_for_a_new_take, describe, interpret_locally, round_spec

__all__ = [
    "MAX_PROMPT_CHARS",
    "Heard",
    "Interpretation",
    "asks_for_a_new_take",
    "clean_prompt",
    "describe",
    "interpret",
    "interpret_stats",
    "normalize_prompt",
    "round_spec",
]

logger = logging.getLogger(__name__)

MAX_PROMPT_CHARS = 500
# Bidirectional overrides and isolates can make a prompt display as something else; they carry no meaning here.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_prompt(prompt: str) -> str:
    """The prompt trimmed, without control characters, runs of spaces folded; ValueError unless 1–500 chars."""
    if not isinstance(prompt, str):
        raise ValueError("The description must be text.")
    kept = []
    for ch in prompt:
        category = unicodedata.category(ch)
        if ch.isspace():
            kept.append(" ")
        elif category not in ("Cc", "Cs") and ch not in _BIDI_CONTROLS:
            kept.append(ch)
    text = " ".join("".join(kept).split())
    # Invisible formatting alone (zero-width spaces and joiners, variation selectors) is as empty as no text.
    if not any(unicodedata.category(ch) not in ("Cf", "Mn", "Zs") for ch in text):
        raise ValueError("Type a few words to describe your fart.")
    if len(text) > MAX_PROMPT_CHARS:
        raise ValueError(f"Keep the description under {MAX_PROMPT_CHARS} characters (this one has {len(text)}).")
    return text


def interpret(prompt: str, previous: FartSpec | FartSequence | None = None) -> Interpretation:
    """Read a prompt, as a follow-up of `previous` when given ("make it wetter", "make the last one wetter").

    Every answer says which phrases were understood and which words were ignored; a prompt in several parts
    gives a sequence. Raises ValueError with a sentence for the person when the prompt is empty or too long.
    """
    text = clean_prompt(prompt)
    if not settings.ANTHROPIC_API_KEY:
        cache.count("fallback_no_key")
        _warn_no_key()
        return interpret_locally(text, previous)
    key = cache.answer_key(text, previous)
    cached = cache.get_answer(key, previous)
    if cached is not None:
        cache.count("cache_hit")
        return _settled(cached, text, previous)
    cache.count("cache_miss")
    # Imported here: the SDK takes over a second to import, which a site or CLI without a key never pays.
    from generator.interpret import claude

    try:
        answer = claude.interpret_with_claude(text, previous)
    except claude.ClaudeUnavailable as exc:
        cache.count(f"fallback_{exc.reason}")
        logger.warning("Claude could not interpret a prompt (%s: %s); the local interpreter answers", exc.reason,
                       exc.detail)
        return interpret_locally(text, previous)
    cache.put_answer(key, answer)
    cache.count("claude_ok")
    return _settled(answer, text, previous)


def _settled(answer: Interpretation, text: str, previous: FartSpec | FartSequence | None) -> Interpretation:
    """Claude's follow-up that changes nothing says so like the local reader's: the same sound, nothing heard."""
    if previous is not None and answer.changes_nothing(previous) and not asks_for_a_new_take(text):
        return answer.unchanged(previous)
    return answer


@functools.cache
def _warn_no_key() -> None:
    # Once per process: without a key every prompt takes this path, and the count says how often.
    logger.warning("ANTHROPIC_API_KEY is not set; prompts are read by the local interpreter")
