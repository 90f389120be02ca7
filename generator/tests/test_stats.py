"""The staff statistics page in the admin and the figures behind it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from generator import stats
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import generate
from generator.requests import GenerationRequest
from generator.tests.sounds import make_row
from moderation.models import Report

URL = reverse("admin_stats")

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db: None) -> User:
    return User.objects.create_user("sam", "sam@example.com", "staff-passphrase-123", is_staff=True)


def _row(hours_ago: float, source: str = "local", prompt: str = "a classic toot", **timings: float) -> Sound:
    sound = make_row(source=source, prompt=prompt, timings_ms=timings)
    Sound.all_objects.filter(pk=sound.pk).update(created_at=timezone.now() - timedelta(hours=hours_ago))
    return sound


def test_only_staff_see_it(client: Client, alice: User, staff: User) -> None:
    assert client.get(URL).status_code == 302
    client.force_login(alice)
    assert client.get(URL).status_code == 302
    client.force_login(staff)
    assert client.get(URL).status_code == 200


def test_the_admin_index_links_to_it(client: Client, staff: User) -> None:
    client.force_login(staff)
    assert f'href="{URL}"' in client.get(reverse("admin:index")).text


def test_generations_per_hour_and_day_by_source() -> None:
    _row(0.1, "local")
    _row(0.2, "claude")
    _row(0.3, "claude")
    _row(30, "cache")
    hours = stats.per_period(timezone.now() - timedelta(days=1), "hour")
    assert len(hours) in (24, 25)
    assert hours[0].start > hours[-1].start
    assert sum(period.total for period in hours) == 3
    assert sum(period.by_source.get("claude", 0) for period in hours) == 2
    days = stats.per_period(timezone.now() - timedelta(days=13), "day")
    assert sum(period.total for period in days) == 4
    assert sum(period.by_source.get("cache", 0) for period in days) == 1


def test_stage_percentiles_use_nearest_rank() -> None:
    for render_ms in range(1, 101):
        _row(1, render=float(render_ms), encode=1.0)
    _row(48, render=1000.0)
    day = {timing.stage: timing for timing in stats.stage_timings(timezone.now() - timedelta(days=1))}
    assert (day["render"].p50_ms, day["render"].p95_ms, day["render"].count) == (50.0, 95.0, 100)
    week = {timing.stage: timing for timing in stats.stage_timings(timezone.now() - timedelta(days=7))}
    assert week["render"].count == 101
    assert stats.percentile([], 95) == 0.0


def test_the_error_rate_counts_failures_against_sounds_made(alice: User) -> None:
    maker = Maker(user=alice, anon_id=None, ip="127.0.0.1")
    _row(1)
    _row(2)
    _row(3)
    generate(GenerationRequest(prompt="   "), maker)
    rate, made, failures = stats.error_rate(timezone.now() - timedelta(days=1))
    assert (made, failures) == (3, {"invalid_prompt": 1})
    assert rate == pytest.approx(0.25)


def test_top_prompts_fold_case() -> None:
    for prompt in ("Long wet rumbler", "long WET rumbler", "long wet rumbler", "squeak", "squeak", "toot"):
        _row(1, prompt=prompt)
    _row(24 * 8, prompt="old news")
    assert stats.top_prompts(timezone.now() - timedelta(days=7))[:3] == [
        ("long wet rumbler", 3),
        ("squeak", 2),
        ("toot", 1),
    ]


def test_top_ignored_words_count_what_the_interpreters_could_not_use() -> None:
    for ignored in (["cat", "Banana"], ["banana"], ["banana", "cat"], []):
        Sound.all_objects.filter(pk=_row(1).pk).update(ignored=ignored)
    Sound.all_objects.filter(pk=_row(24 * 8).pk).update(ignored=["ancient"])
    assert stats.top_ignored_words(timezone.now() - timedelta(days=7)) == [("banana", 3), ("cat", 2)]


def test_open_reports_are_counted_and_linked(client: Client, staff: User) -> None:
    sound = _row(1)
    Report.objects.create(sound=sound, reason=Report.Reason.SPAM, reporter="visitor-1")
    Report.objects.create(sound=sound, reason=Report.Reason.OTHER, reporter="visitor-2")
    Report.objects.create(sound=sound, reason=Report.Reason.SPAM, reporter="visitor-3", is_open=False)
    count, url = stats.open_reports()
    assert count == 2
    client.force_login(User.objects.create_superuser("root", "root@example.com", "root-passphrase-123"))
    listed = client.get(url)
    assert listed.status_code == 200
    assert listed.context["cl"].result_count == 2
    client.force_login(staff)
    page = client.get(URL).text
    assert '<p class="stats-figure">2</p>' in page
    assert f'href="{url}"' in page.replace("&amp;", "&")


def test_the_page_shows_every_figure(client: Client, staff: User, alice: User) -> None:
    _row(1, "claude", prompt="bathtub thunder", render=12.5, encode=0.5)
    generate(GenerationRequest(prompt="   "), Maker(user=alice, anon_id=None, ip="127.0.0.1"))
    client.force_login(staff)
    page = client.get(URL).text
    for heading in (
        "Error rate",
        "Open reports",
        "Generation stages (ms)",
        "Top prompts (7 days)",
        "Top ignored words (7 days)",
        "Generations per hour (last 24 hours)",
        "Generations per day (last 14 days)",
    ):
        assert heading in page
    assert "bathtub thunder" in page
    assert "invalid_prompt: 1" in page
    assert ">12.5<" in page
