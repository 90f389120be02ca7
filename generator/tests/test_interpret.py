"""The public face of generator.interpret: clean_prompt, interpret without a key, interpret_stats."""

from __future__ import annotations

import dataclasses
import logging
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_django import Settings

from generator.engine import FartSpec
from generator.interpret import MAX_PROMPT_CHARS, Interpretation, clean_prompt, interpret, interpret_stats
from generator.interpret.cache import COUNTERS
from generator.interpret.local import interpret_locally


@pytest.fixture(autouse=True)
def _no_key(settings: Settings) -> None:
    settings.ANTHROPIC_API_KEY = ""


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  wet rumbler  ", "wet rumbler"),
        ("wet\x00 rum\x07bler", "wet rumbler"),
        ("wet\n\trumbler\r\n", "wet rumbler"),
        ("wet     rumbler", "wet rumbler"),
        ("\u202ereltnuh\u202c wet", "reltnuh wet"),
        ("très mouillé 💨💦 🏳️‍🌈", "très mouillé 💨💦 🏳️‍🌈"),
        ("<b>wet</b> &amp; loud", "<b>wet</b> &amp; loud"),
    ],
)
def test_clean_prompt_trims_and_drops_control_characters(raw: str, clean: str) -> None:
    assert clean_prompt(raw) == clean


def test_a_prompt_of_exactly_500_characters_is_accepted() -> None:
    assert len(clean_prompt("w" * MAX_PROMPT_CHARS)) == MAX_PROMPT_CHARS
    assert len(clean_prompt("💨" * MAX_PROMPT_CHARS)) == MAX_PROMPT_CHARS


@pytest.mark.parametrize(
    ("raw", "message"),
    [("", "Type a few words"), ("   \n\t ", "Type a few words"), ("\x00\x1b", "Type a few words"),
     ("\u200b\u200d\ufe0f \u2060", "Type a few words"),
     ("w" * 501, "under 500 characters (this one has 501)"), (None, "must be text")],
)
def test_a_bad_prompt_gets_a_sentence_for_the_person(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=r"^[A-Z].*\.$") as raised:
        clean_prompt(raw)
    assert message in str(raised.value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=MAX_PROMPT_CHARS).filter(lambda raw: any(ch.isalnum() for ch in raw)))
def test_any_text_with_a_letter_comes_back_clean(raw: str) -> None:
    text = clean_prompt(raw)

    assert 1 <= len(text) <= MAX_PROMPT_CHARS
    assert text == text.strip()
    assert "  " not in text
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)
    assert clean_prompt(text) == text


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Z", "Cc", "Cf", "Cs")), min_size=501,
               max_size=900))
def test_any_long_text_is_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="under 500 characters"):
        clean_prompt(raw)


def test_interpret_without_a_key_is_the_local_reading(caplog: pytest.LogCaptureFixture) -> None:
    result = interpret("  long wet rumbler in a bathtub ")

    assert isinstance(result, Interpretation)
    assert result.source == "local"
    local = interpret_locally("long wet rumbler in a bathtub")
    assert (result.spec, result.title) == (local.spec, local.title)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.title = "Something else"  # type: ignore[misc]


def test_interpret_refines_the_previous_spec() -> None:
    previous = FartSpec(wetness=0.3, seed=12)

    result = interpret("wetter", previous)

    assert result.spec.wetness > 0.3
    assert result.spec.seed == 12


def test_interpret_refuses_a_bad_prompt_with_a_sentence() -> None:
    with pytest.raises(ValueError, match="Type a few words"):
        interpret(" \x00 ")


def test_without_a_key_every_prompt_is_counted_and_the_warning_comes_once(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="generator.interpret"):
        interpret("wet")
        interpret("dry")

    assert interpret_stats()["fallback_no_key"] == 2
    assert len([r for r in caplog.records if "ANTHROPIC_API_KEY" in r.getMessage()]) <= 1


def test_interpret_stats_reports_every_counter_from_zero() -> None:
    stats = interpret_stats()

    assert set(stats) == set(COUNTERS)
    assert all(value == 0 for value in stats.values())
    assert {"claude_ok", "cache_hit", "cache_miss", "fallback_timeout", "fallback_bad_output"} <= set(stats)


@pytest.mark.parametrize(
    ("prompt", "ignored"),
    [
        ("🦄🌈", ("🦄", "🌈")),
        ("?!…", ("?!…",)),
        ("<img src=x onerror=alert(1)>", ("img", "src", "x", "onerror", "alert", "1")),
        ("שלום עולם", ("שלום", "עולם")),
        ("مرحبا\u200f بالعالم", ("مرحبا", "بالعالم")),
        ("zero\u200bwidth\u200d", ("zero", "width")),
        ("κλασικό 你好 مرحبا", ("κλασικό", "你好", "مرحبا")),
    ],
)
def test_a_prompt_of_nothing_we_know_is_the_default_sound_with_everything_said_back(
    prompt: str, ignored: tuple[str, ...]
) -> None:
    result = interpret(prompt)

    assert result.spec == interpret("a fart").spec
    assert result.understood == ()
    assert result.ignored == ignored


def test_interpret_reads_a_follow_up_of_a_sound_in_parts() -> None:
    first = interpret("two quick ones and a long one")
    assert first.sequence is not None

    result = interpret("make the last one wetter", first.sequence)

    assert result.sequence is not None
    assert result.sequence.parts[2].wetness > first.sequence.parts[2].wetness
    assert result.sequence.parts[:2] == first.sequence.parts[:2]
