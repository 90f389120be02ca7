"""What a generation leaves for operators: its log line, its metrics, its failure counts."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from prometheus_client import REGISTRY

from accounts.models import User
from generator import telemetry
from generator.makers import Maker
from generator.pipeline import generate
from generator.requests import GenerationRequest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _generation_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "fartgen.generation"]


def test_a_generation_writes_one_line_with_stages_source_cache_takes_and_parts(
    alice: User, caplog: pytest.LogCaptureFixture
) -> None:
    maker = Maker(user=alice, anon_id=None, ip="127.0.0.1")
    with caplog.at_level(logging.INFO, logger="fartgen.generation"):
        first = generate(GenerationRequest(prompt="long wet rumbler", seed=5), maker)
        generate(GenerationRequest(prompt="long wet rumbler", seed=5), maker)
    made, recalled = _generation_lines(caplog)
    assert made.outcome == "complete"
    assert made.source == "local"
    assert made.sound_id == str(first.sound.id)
    assert {"interpret", "render", "encode", "save_file", "save_row"} <= set(made.stages_ms)
    assert all(ms >= 0 for ms in made.stages_ms.values())
    assert made.cache_hit is False
    assert (made.takes, made.parts) == (1, 1)
    # The same words and seed again: the recent-audio cache answers instead of the renderer.
    assert recalled.cache_hit is True
    assert "render_cache" in recalled.stages_ms


def test_a_generation_counts_in_the_metrics(alice: User) -> None:
    maker = Maker(user=alice, anon_id=None, ip="127.0.0.1")
    before = {
        "made": _sample("fartgen_generations_total", source="local", outcome="complete"),
        "render": _sample("fartgen_generation_stage_seconds_count", stage="render"),
        "miss": _sample("fartgen_cache_lookups_total", cache="audio", result="miss"),
        "hit": _sample("fartgen_cache_lookups_total", cache="audio", result="hit"),
    }
    generate(GenerationRequest(prompt="tiny dry puff", seed=9), maker)
    generate(GenerationRequest(prompt="tiny dry puff", seed=9), maker)
    assert _sample("fartgen_generations_total", source="local", outcome="complete") == before["made"] + 2
    assert _sample("fartgen_generation_stage_seconds_count", stage="render") == before["render"] + 1
    assert _sample("fartgen_cache_lookups_total", cache="audio", result="miss") == before["miss"] + 1
    assert _sample("fartgen_cache_lookups_total", cache="audio", result="hit") == before["hit"] + 1


def test_a_refused_generation_is_logged_measured_and_counted_for_the_hour(
    alice: User, caplog: pytest.LogCaptureFixture
) -> None:
    maker = Maker(user=alice, anon_id=None, ip="127.0.0.1")
    before = _sample("fartgen_generations_total", source="none", outcome="invalid_prompt")
    with caplog.at_level(logging.INFO, logger="fartgen.generation"):
        update = generate(GenerationRequest(prompt="   "), maker)
    assert update.code == "invalid_prompt"
    (line,) = _generation_lines(caplog)
    assert line.outcome == "invalid_prompt"
    assert _sample("fartgen_generations_total", source="none", outcome="invalid_prompt") == before + 1
    since = datetime.now(UTC) - timedelta(hours=1)
    assert telemetry.failures_since(since, ("invalid_prompt", "internal")) == {"invalid_prompt": 1, "internal": 0}
