"""/metrics: Prometheus' text behind METRICS_TOKEN, and the multi-process mode for several daphne processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from prometheus_client.parser import text_string_to_metric_families
from pytest_django import Settings

from generator import limits
from generator.interpret import interpret
from generator.tests.fake_anthropic import FakeAnthropic, Reply

pytestmark = pytest.mark.django_db

TOKEN = "scrape-me-0123456789"


@pytest.fixture
def token(settings: Settings) -> str:
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def _scrape(client: Client, token: str) -> dict[str, list]:
    response = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    return {family.name: family.samples for family in text_string_to_metric_families(response.text)}


def _value(samples: list, name: str, **labels: str) -> float:
    return sum(sample.value for sample in samples if sample.name == name and labels.items() <= sample.labels.items())


def test_it_is_not_there_without_the_token(client: Client, token: str) -> None:
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
    assert client.get("/metrics", headers={"Authorization": f"Basic {TOKEN}"}).status_code == 404


def test_it_is_not_there_when_no_token_is_configured(client: Client, settings: Settings) -> None:
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


def test_it_counts_requests_by_view_and_status_with_latencies(client: Client, token: str) -> None:
    before = _scrape(client, token)["fartgen_http_requests"]
    client.get("/library/")
    client.get("/no/such/page")
    families = _scrape(client, token)
    requests = families["fartgen_http_requests"]
    for view, status in (("library:history", "200"), ("unmatched", "404")):
        counted = _value(requests, "fartgen_http_requests_total", view=view, status=status)
        assert counted == _value(before, "fartgen_http_requests_total", view=view, status=status) + 1
    latency = families["fartgen_http_request_duration_seconds"]
    assert _value(latency, "fartgen_http_request_duration_seconds_count", view="library:history") >= 1
    assert _value(latency, "fartgen_http_request_duration_seconds_bucket", view="library:history", le="+Inf") >= 1


def test_it_counts_limit_refusals_by_group(client: Client, token: str) -> None:
    before = _value(
        _scrape(client, token).get("fartgen_limit_refusals", []), "fartgen_limit_refusals_total", group="test.group"
    )
    for _ in range(3):
        limits.hit("test.group", "somebody", limit=1, period_s=60)
    samples = _scrape(client, token)["fartgen_limit_refusals"]
    assert _value(samples, "fartgen_limit_refusals_total", group="test.group") == before + 2


def test_every_documented_metric_is_exposed(client: Client, token: str) -> None:
    names = set(_scrape(client, token))
    assert {
        "fartgen_http_requests",
        "fartgen_http_request_duration_seconds",
        "fartgen_generations",
        "fartgen_generation_stage_seconds",
        "fartgen_claude_calls",
        "fartgen_cache_lookups",
        "fartgen_limit_refusals",
        "fartgen_open_sockets",
    } <= names


def test_several_processes_add_up_in_multiprocess_mode(tmp_path: Path) -> None:
    """Two serving processes count a generation each; a third answers /metrics with both."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "METRICS_TOKEN": TOKEN}
    count = (
        "import django; django.setup(); from fartgen import metrics; "
        "metrics.GENERATIONS.labels('local', 'complete').inc()"
    )
    for _ in range(2):
        subprocess.run([sys.executable, "-c", count], env=env, check=True, timeout=60)
    scrape = (
        "import django; django.setup(); from django.test import Client; "
        "print(Client().get('/metrics', headers={'Authorization': 'Bearer " + TOKEN + "'}).content.decode())"
    )
    text = subprocess.run(
        [sys.executable, "-c", scrape], env=env, check=True, timeout=60, capture_output=True, text=True
    ).stdout
    families = {family.name: family.samples for family in text_string_to_metric_families(text)}
    generations = families["fartgen_generations"]
    assert _value(generations, "fartgen_generations_total", source="local", outcome="complete") == 2


def test_it_counts_claude_calls_and_errors_and_interpretation_cache_lookups(client: Client, token: str) -> None:
    def counts() -> tuple[float, float, float, float]:
        families = _scrape(client, token)
        calls = families.get("fartgen_claude_calls", [])
        lookups = families.get("fartgen_cache_lookups", [])
        return (
            _value(calls, "fartgen_claude_calls_total", outcome="ok"),
            _value(calls, "fartgen_claude_calls_total", outcome="server_error"),
            _value(lookups, "fartgen_cache_lookups_total", cache="interpret", result="hit"),
            _value(lookups, "fartgen_cache_lookups_total", cache="interpret", result="miss"),
        )

    before = counts()
    with FakeAnthropic() as server, override_settings(ANTHROPIC_API_KEY="sk-test", ANTHROPIC_BASE_URL=server.url):
        interpret("a soggy tuba in church")
        interpret("a soggy tuba in church")
        server.queue(Reply.error(500), Reply.error(500))
        interpret("a dry trumpet")
    after = counts()
    assert [now - then for now, then in zip(after, before, strict=True)] == [1, 1, 1, 2]
