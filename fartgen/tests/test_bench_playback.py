"""bench/playback.py against the real site: it measures, and when the hourly limit refuses its prompts it says so and
finishes (it used to wait forever for a sound that never came); signed in, the user's own limit applies."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from accounts.models import User
from fartgen.tests.servers import served

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="module")
def site(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site with room for two anonymous sounds an hour: one condition's worth of `--runs 2`."""
    media = tmp_path_factory.mktemp("media")

    def daphne(port: int) -> list[str]:
        return [
            sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port),
            "generator.tests.browser_site:application",
        ]  # fmt: skip

    limits = {"LIMIT_GENERATIONS_PER_HOUR_ANON": "2", "LIMIT_GENERATIONS_PER_HOUR_USER": "10"}
    with override_settings(MEDIA_ROOT=media), served(daphne, media.parent, MEDIA_ROOT=str(media), **limits) as url:
        yield url


def playback(site: str, *options: str) -> subprocess.CompletedProcess[str]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    return subprocess.run(
        [sys.executable, "bench/playback.py", "--url", site, "--runs", "2", "--timeout-s", "20", *options],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_an_anonymous_run_past_the_hourly_limit_reports_the_refusal_and_finishes(site: str) -> None:
    done = playback(site)
    assert done.returncode == 1, done.stdout + done.stderr
    unthrottled, throttled = done.stdout.split("Fast 3G + 4x CPU:")
    assert "(n=2; played" in unthrottled
    assert "nothing measured" in throttled
    assert "stopped after 0 of 2 runs: You've made 2 new sounds this hour, the most there is" in throttled


def test_a_signed_in_run_measures_both_conditions(site: str, alice: User) -> None:
    done = playback(site, "--username", "alice", "--password", PASSWORD)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("(n=2; played") == 2
    assert "stopped" not in done.stdout


def test_a_wrong_password_stops_before_measuring(site: str, alice: User) -> None:
    done = playback(site, "--username", "alice", "--password", "not-her-password")
    assert done.returncode == 1
    assert "signing in as 'alice' failed" in done.stderr
    assert "median" not in done.stdout
