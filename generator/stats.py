"""Figures for the staff statistics page: how much is made, by whom, how fast, how often it fails, and what for."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, QuerySet
from django.db.models.functions import Lower, TruncDay, TruncHour
from django.urls import reverse
from django.utils import timezone

from generator import telemetry
from generator.models import Sound
from moderation.models import Report

# Stages are measured on the latest sounds only: enough for stable percentiles, cheap to read.
STAGE_SAMPLE_SIZE = 5000
TOP_COUNT = 10
# Every error code a generation can end with (pipeline.ERROR_HTTP_STATUS); `busy` is not counted (Redis is away).
ERROR_CODES = ("internal", "invalid_prompt", "no_change", "rate_limited", "not_found", "bad_message")


@dataclass(frozen=True)
class Period:
    """A row of a per-hour or per-day table: when it starts and how many sounds each source made."""

    start: datetime
    by_source: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_source.values())


@dataclass(frozen=True)
class StageTiming:
    stage: str
    count: int
    p50_ms: float
    p95_ms: float


@dataclass(frozen=True)
class PeriodTable:
    """Per-period counts ready for a table: one column per source, in `sources` order."""

    sources: list[str]
    rows: list[tuple[datetime, list[int], int]]
    busiest: int


def period_table(periods: list[Period]) -> PeriodTable:
    sources = sorted({source for period in periods for source in period.by_source})
    rows = [(period.start, [period.by_source.get(source, 0) for source in sources], period.total) for period in periods]
    return PeriodTable(sources, rows, max([period.total for period in periods] + [1]))


def stage_rows(short: list[StageTiming], long: list[StageTiming]) -> list[tuple[str, StageTiming | None, StageTiming]]:
    """Each stage of the long period with its timing over the short one (None if it did not occur then)."""
    by_stage = {timing.stage: timing for timing in short}
    return [(timing.stage, by_stage.get(timing.stage), timing) for timing in long]


def made_since(since: datetime) -> QuerySet[Sound]:
    # Trashed sounds were made all the same.
    return Sound.all_objects.filter(created_at__gte=since)


def per_period(since: datetime, step: str) -> list[Period]:
    """Sounds made from `since`, per "hour" or "day", by source; the newest period first, empty ones included."""
    trunc = TruncHour if step == "hour" else TruncDay
    rows = made_since(since).annotate(period=trunc("created_at")).values("period", "source").annotate(n=Count("id"))
    counts: dict[datetime, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["period"], {})[row["source"]] = row["n"]
    delta = timedelta(hours=1) if step == "hour" else timedelta(days=1)
    start = since.replace(minute=0, second=0, microsecond=0)
    if step == "day":
        start = start.replace(hour=0)
    periods = []
    while start <= timezone.now():
        periods.append(Period(start, counts.get(start, {})))
        start += delta
    return periods[::-1]


def stage_timings(since: datetime) -> list[StageTiming]:
    """p50 and p95 of each stage over the latest STAGE_SAMPLE_SIZE sounds made since `since`."""
    samples: dict[str, list[float]] = {}
    latest = made_since(since).order_by("-created_at").values_list("timings_ms", flat=True)[:STAGE_SAMPLE_SIZE]
    for timings in latest:
        for stage, ms in (timings or {}).items():
            samples.setdefault(stage, []).append(float(ms))
    return [
        StageTiming(stage, len(values), percentile(values, 50), percentile(values, 95))
        for stage, values in sorted(samples.items())
    ]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (a value that occurred), 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def error_rate(since: datetime) -> tuple[float, int, dict[str, int]]:
    """The share of generations that failed since `since`, how many were made, and the failures by error code."""
    failures = {code: n for code, n in telemetry.failures_since(since, ERROR_CODES).items() if n}
    made = made_since(since).count()
    failed = sum(failures.values())
    return (failed / (made + failed) if made + failed else 0.0), made, failures


def top_prompts(since: datetime) -> list[tuple[str, int]]:
    """The prompts typed most often since `since`, case folded."""
    rows = (
        made_since(since)
        .exclude(prompt="")
        .annotate(text=Lower("prompt"))
        .values("text")
        .annotate(n=Count("id"))
        .order_by("-n", "text")[:TOP_COUNT]
    )
    return [(row["text"], row["n"]) for row in rows]


def top_ignored_words(since: datetime) -> list[tuple[str, int]]:
    """The words the interpreters could not use most often, over the latest sounds made since `since`."""
    words: Counter[str] = Counter()
    latest = made_since(since).order_by("-created_at").values_list("ignored", flat=True)[:STAGE_SAMPLE_SIZE]
    for ignored in latest:
        words.update(word.casefold() for word in ignored or ())
    return words.most_common(TOP_COUNT)


def open_reports() -> tuple[int, str]:
    """How many reports await a moderator, and the admin list that shows them."""
    url = reverse("admin:moderation_report_changelist") + "?is_open__exact=1"
    return Report.objects.filter(is_open=True).count(), url
