"""The Claude path, through the real anthropic SDK against a fake Messages API on 127.0.0.1."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest
from pytest_django import Settings

from generator.engine import PRESETS, FartSpec
from generator.interpret import Heard, interpret, interpret_stats
from generator.interpret.claude import TOOL_NAME
from generator.interpret.local import interpret_locally
from generator.synthesis import synthesize
from generator.tests.fake_anthropic import GOOD_INPUT, SEQUENCE_INPUT, FakeAnthropic, Reply


@pytest.fixture
def fake(settings: Settings) -> Iterator[FakeAnthropic]:
    with FakeAnthropic() as server:
        settings.ANTHROPIC_API_KEY = "sk-test-not-a-real-key"
        settings.ANTHROPIC_BASE_URL = server.url
        settings.ANTHROPIC_MODEL = "claude-haiku-4-5"
        settings.ANTHROPIC_TIMEOUT_S = 2.0
        yield server


def stats_without_zeros() -> dict[str, int]:
    return {name: value for name, value in interpret_stats().items() if value}


def test_claude_answers_with_the_spec_and_title_of_its_tool_call(fake: FakeAnthropic) -> None:
    result = interpret("a soggy tuba in church")

    assert result.source == "claude"
    assert result.title == GOOD_INPUT["title"]
    expected = {k: v for k, v in GOOD_INPUT.items() if k not in ("title", "understood", "ignored")}
    assert {k: v for k, v in result.spec.to_dict().items() if k in expected} == expected
    assert len(fake.requests) == 1
    assert stats_without_zeros() == {"claude_ok": 1, "cache_miss": 1}


def test_the_request_forces_the_one_tool_with_the_spec_schema(fake: FakeAnthropic) -> None:
    interpret("a soggy tuba in church")

    request = fake.requests[0]
    assert request.path == "/v1/messages"
    assert request.body["model"] == "claude-haiku-4-5"
    assert request.body["tool_choice"]["type"] == "tool"
    assert request.body["tool_choice"]["name"] == TOOL_NAME
    [tool] = request.body["tools"]
    assert tool["name"] == TOOL_NAME
    schema = tool["input_schema"]
    spec_schema = FartSpec.json_schema()
    for name, field_schema in spec_schema["properties"].items():
        if name != "seed":
            assert schema["properties"][name] == field_schema
    assert schema["properties"]["title"]["type"] == "string"
    assert "title" in schema["required"]
    # The system prompt teaches every preset and room; the prompt travels as quoted data.
    for name in PRESETS:
        assert name in request.body["system"]
    assert "bathtub" in request.body["system"]
    assert '"a soggy tuba in church"' in request.body["messages"][0]["content"]
    assert request.headers["authorization"] == "Bearer sk-test-not-a-real-key"


def test_a_follow_up_sends_the_previous_spec(fake: FakeAnthropic) -> None:
    previous = PRESETS["rumbler"].spec.with_changes(wetness=0.33, room="car")

    interpret("make it wetter", previous)

    content = fake.requests[0].body["messages"][0]["content"]
    assert '"wetness": 0.33' in content
    assert '"room": "car"' in content
    assert '"make it wetter"' in content


def test_out_of_range_tool_input_is_clamped(fake: FakeAnthropic) -> None:
    fake.queue(Reply.tool_use({**GOOD_INPUT, "duration_s": 99, "wetness": -3, "bursts": 40}))

    result = interpret("an endless one")

    assert result.source == "claude"
    assert result.spec.duration_s == 12.0
    assert result.spec.wetness == 0.0
    assert result.spec.bursts == 12


def test_a_made_up_preset_is_dropped_and_the_rest_kept(fake: FakeAnthropic) -> None:
    fake.queue(Reply.tool_use({**GOOD_INPUT, "preset": "kazoo_deluxe"}))

    result = interpret("a kazoo")

    assert result.source == "claude"
    assert result.spec.preset is None
    assert result.spec.wetness == GOOD_INPUT["wetness"]


def test_the_seed_is_not_taken_from_claude(fake: FakeAnthropic) -> None:
    fake.queue(Reply.tool_use({**GOOD_INPUT, "seed": 1234}))
    previous = PRESETS["classic"].spec.with_changes(seed=77)

    assert interpret("a soggy tuba").spec.seed == 0
    assert interpret("now a soggy tuba", previous).spec.seed == 77


def test_a_title_with_markup_and_newlines_is_one_plain_line(fake: FakeAnthropic) -> None:
    fake.queue(Reply.tool_use({**GOOD_INPUT, "title": '  "Big\nwet <b>one</b>"  ' + "x" * 80}))

    result = interpret("big wet one")

    assert "\n" not in result.title
    assert len(result.title) <= 60
    assert result.title.startswith("Big wet <b>one</b>")  # escaped by the templates, like any text


@pytest.mark.parametrize(
    ("reply", "reason", "attempts"),
    [
        (Reply.error(500), "server_error", 2),
        (Reply.error(529), "server_error", 2),
        (Reply.error(429, {"retry-after-ms": "10"}), "rate_limited", 2),
        (Reply.error(401), "api_error", 1),
        (Reply.tool_use({**GOOD_INPUT, "wetness": "very"}), "bad_output", 1),
        (Reply.tool_use({k: v for k, v in GOOD_INPUT.items() if k != "title"}), "bad_output", 1),
        (Reply.tool_use({**GOOD_INPUT, "colour": "brown"}), "bad_output", 1),
        (Reply.tool_use(name="some_other_tool"), "bad_output", 1),
        (Reply.text("I'd rather not."), "bad_output", 1),
        (Reply(200, b"<html>gateway says hi</html>", {"content-type": "text/html"}), "bad_output", 1),
    ],
    ids=["500", "529", "429", "401", "wrong-type", "no-title", "unknown-field", "other-tool", "prose", "not-json"],
)
def test_a_failed_answer_falls_back_to_the_local_interpreter(
    fake: FakeAnthropic, caplog: pytest.LogCaptureFixture, reply: Reply, reason: str, attempts: int
) -> None:
    fake.default = reply

    with caplog.at_level(logging.WARNING, logger="generator.interpret"):
        result = interpret("long wet rumbler in a bathtub")

    assert result.source == "local"
    local = interpret_locally("long wet rumbler in a bathtub")
    assert (result.spec, result.title) == (local.spec, local.title)
    assert len(fake.requests) == attempts
    assert stats_without_zeros() == {"cache_miss": 1, f"fallback_{reason}": 1}
    assert any(reason in record.getMessage() and record.levelno == logging.WARNING for record in caplog.records)


def test_a_rate_limit_with_a_long_wait_is_not_retried(fake: FakeAnthropic) -> None:
    fake.default = Reply.error(429, {"retry-after": "30"})

    started = time.monotonic()
    result = interpret("wet one")

    assert result.source == "local"
    assert len(fake.requests) == 1
    assert time.monotonic() - started < 5
    assert interpret_stats()["fallback_rate_limited"] == 1


def test_a_slow_answer_times_out_after_one_retry(fake: FakeAnthropic, settings: Settings) -> None:
    settings.ANTHROPIC_TIMEOUT_S = 0.3
    fake.default = Reply.tool_use(delay_s=5)

    started = time.monotonic()
    result = interpret("wet one")

    assert result.source == "local"
    assert len(fake.requests) == 2
    assert time.monotonic() - started < 3
    assert interpret_stats()["fallback_timeout"] == 1


def test_an_unreachable_server_falls_back(settings: Settings) -> None:
    with FakeAnthropic() as gone:
        url = gone.url
    settings.ANTHROPIC_API_KEY = "sk-test-not-a-real-key"
    settings.ANTHROPIC_BASE_URL = url

    result = interpret("wet one")

    assert result.source == "local"
    assert interpret_stats()["fallback_connection"] == 1


def test_without_a_key_the_local_interpreter_answers_and_nothing_is_sent(
    fake: FakeAnthropic, settings: Settings
) -> None:
    settings.ANTHROPIC_API_KEY = ""

    result = interpret("long wet rumbler in a bathtub")

    assert result.source == "local"
    assert fake.requests == []
    assert stats_without_zeros() == {"fallback_no_key": 1}


def test_a_second_identical_prompt_is_served_from_the_cache(fake: FakeAnthropic) -> None:
    first = interpret("a soggy tuba in church")
    second = interpret("  A SOGGY   tuba in Church ")

    assert (first.source, second.source) == ("claude", "cache")
    assert (second.spec, second.title) == (first.spec, first.title)
    assert len(fake.requests) == 1
    assert stats_without_zeros() == {"claude_ok": 1, "cache_miss": 1, "cache_hit": 1}


def test_a_cached_follow_up_keeps_the_seed_of_the_sound_it_follows(fake: FakeAnthropic) -> None:
    interpret("make it wetter", PRESETS["rumbler"].spec.with_changes(seed=5))

    again = interpret("make it wetter", PRESETS["rumbler"].spec.with_changes(seed=6))

    assert again.source == "cache"
    assert again.spec.seed == 6
    assert len(fake.requests) == 1


def test_the_same_words_after_another_sound_ask_claude_again(fake: FakeAnthropic) -> None:
    interpret("make it wetter", PRESETS["rumbler"].spec)
    interpret("make it wetter", PRESETS["trumpet"].spec)
    interpret("make it wetter")

    assert len(fake.requests) == 3


def test_another_model_does_not_reuse_the_cached_answer(fake: FakeAnthropic, settings: Settings) -> None:
    interpret("a soggy tuba in church")
    settings.ANTHROPIC_MODEL = "claude-sonnet-4-6"

    assert interpret("a soggy tuba in church").source == "claude"
    assert fake.requests[1].body["model"] == "claude-sonnet-4-6"


def test_a_fallback_answer_is_not_cached(fake: FakeAnthropic) -> None:
    fake.queue(Reply.error(400))

    assert interpret("wet one").source == "local"
    assert interpret("wet one").source == "claude"
    assert len(fake.requests) == 2


def test_a_bad_prompt_is_refused_before_anything_is_sent(fake: FakeAnthropic) -> None:
    with pytest.raises(ValueError, match="characters"):
        interpret("x" * 501)

    assert fake.requests == []
    assert stats_without_zeros() == {}


def test_synthesize_keeps_the_previous_take_and_rounds_what_claude_answers(fake: FakeAnthropic) -> None:
    previous = PRESETS["rumbler"].spec.with_changes(seed=321)
    fake.queue(Reply.tool_use({**GOOD_INPUT, "duration_s": 2.34567, "pitch_hz": 61.2345, "wetness": 0.876543}))

    spec = synthesize("make it wetter", previous, sample_rate=22050).interpretation.spec

    assert spec.seed == 321
    assert (spec.duration_s, spec.pitch_hz, spec.wetness) == (2.35, 61.2, 0.877)


def test_claude_says_what_it_understood_and_ignored(fake: FakeAnthropic) -> None:
    result = interpret("a soggy tuba in church")

    assert [heard.to_dict() for heard in result.understood] == GOOD_INPUT["understood"]
    assert result.ignored == ()
    assert result.sequence is None


def test_a_multi_part_answer_becomes_a_sequence_with_a_take_per_part(fake: FakeAnthropic) -> None:
    fake.queue(Reply.tool_use(SEQUENCE_INPUT))

    result = interpret("two quick squeaks then a long rumble, please Gerald")

    assert result.source == "claude"
    assert result.sequence is not None
    assert [part.preset for part in result.sequence.parts] == ["squeaker", "squeaker", "rumbler"]
    assert [part.duration_s for part in result.sequence.parts] == [0.4, 0.4, 3.0]
    assert result.sequence.gaps_s == (0.2, 0.3)
    assert [part.seed for part in result.sequence.parts] == [0, 1, 2]
    assert result.spec == result.sequence.parts[0]
    assert result.understood[0] == Heard("two quick squeaks", "parts 1–2: squeaker, shorter")
    assert result.ignored == ("Gerald",)


def test_a_cached_multi_part_answer_keeps_its_parts_and_what_was_heard(fake: FakeAnthropic) -> None:
    fake.queue(Reply.tool_use(SEQUENCE_INPUT))
    first = interpret("two quick squeaks then a long rumble, please Gerald")

    again = interpret("Two quick squeaks then a long rumble, please Gerald")

    assert again.source == "cache"
    assert (again.sequence, again.understood, again.ignored, again.title) == (
        first.sequence, first.understood, first.ignored, first.title)
    assert len(fake.requests) == 1


def test_a_follow_up_of_a_sequence_sends_its_parts_and_keeps_their_takes(fake: FakeAnthropic) -> None:
    previous = interpret_locally("two quick ones and a long one").sequence
    assert previous is not None
    fake.queue(Reply.tool_use(SEQUENCE_INPUT))

    result = interpret("make the last one wetter", previous)

    content = fake.requests[0].body["messages"][0]["content"]
    assert '"parts": [' in content
    assert '"gaps_s": [0.2, 0.3]' in content
    assert result.sequence is not None
    assert [part.seed for part in result.sequence.parts] == [part.seed for part in previous.parts]


@pytest.mark.parametrize(
    "bad",
    [
        {**SEQUENCE_INPUT, "parts": SEQUENCE_INPUT["parts"] * 3},  # nine parts
        {**SEQUENCE_INPUT, "gaps_s": [0.2]},  # a gap missing
        {**SEQUENCE_INPUT, "parts": [{**SEQUENCE_INPUT["parts"][0], "duration_s": 12}] * 3},  # 36 s in all
        {**SEQUENCE_INPUT, "parts": [{"wetness": "soaked"}, {}]},  # not a spec
        {**SEQUENCE_INPUT, "understood": ["wet"]},  # not {words, effect}
        {k: v for k, v in SEQUENCE_INPUT.items() if k != "understood"},
        {k: v for k, v in SEQUENCE_INPUT.items() if k != "ignored"},
    ],
    ids=["nine-parts", "gaps", "too-long", "bad-part", "bad-understood", "no-understood", "no-ignored"],
)
def test_a_bad_multi_part_answer_falls_back_to_the_local_reading_of_every_part(
    fake: FakeAnthropic, bad: dict
) -> None:
    fake.default = Reply.tool_use(bad)

    result = interpret("two quick ones and a long one")

    assert result.source == "local"
    assert result == interpret_locally("two quick ones and a long one")
    assert result.sequence is not None
    assert len(result.sequence.parts) == 3
    assert result.understood
    assert stats_without_zeros() == {"cache_miss": 1, "fallback_bad_output": 1}


def test_the_tool_schema_offers_parts_understood_and_ignored(fake: FakeAnthropic) -> None:
    interpret("a soggy tuba in church")

    schema = fake.requests[0].body["tools"][0]["input_schema"]
    assert {"understood", "ignored"} <= set(schema["required"])
    assert schema["properties"]["parts"]["maxItems"] == 6
    assert schema["properties"]["parts"]["items"]["properties"].keys() == (
        FartSpec.json_schema()["properties"].keys() - {"seed"})
    assert schema["properties"]["understood"]["items"]["required"] == ["words", "effect"]


def test_a_follow_up_claude_reads_as_no_change_keeps_the_sound_and_hears_nothing(fake: FakeAnthropic) -> None:
    previous = interpret("a soggy tuba in church")

    result = interpret("make it sparkle", previous.spec)

    assert result.source == "claude"
    assert result.spec == previous.spec
    assert result.understood == ()
    assert result.ignored == ("soggy", "tuba", "church")


def test_again_that_claude_reads_as_no_change_is_still_a_new_take(fake: FakeAnthropic) -> None:
    previous = interpret("a soggy tuba in church")

    result = interpret("again", previous.spec)

    assert result.understood
