"""Suite-wide fixtures. The suite runs on real PostgreSQL and Redis and refuses to run without them."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.cache import cache
from pytest_django import Settings

from accounts.models import User
from generator.recent_audio import recent_audio


def _reachable(url: str, default_port: int) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def pytest_configure(config: pytest.Config) -> None:
    problems = []
    if not settings.DATABASE_URL.startswith(("postgres://", "postgresql://")):
        problems.append("DATABASE_URL must point at PostgreSQL")
    elif not _reachable(settings.DATABASE_URL, 5432):
        problems.append(f"PostgreSQL is unreachable at {settings.DATABASE_URL}")
    if not settings.REDIS_URL:
        problems.append("REDIS_URL must point at Redis")
    elif not _reachable(settings.REDIS_URL, 6379):
        problems.append(f"Redis is unreachable at {settings.REDIS_URL}")
    if problems:
        pytest.exit("the suite needs real services: " + "; ".join(problems) + " (see README.md)", returncode=3)
    # Tests serve static files from the finders, so a new file needs no collectstatic first;
    # fartgen/tests/test_deploy.py builds the hashed manifest that production uses.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Rate-limit counters, cached interpretations and recently made audio must not leak from one test into the next.
    cache.clear()
    recent_audio.clear()


@pytest.fixture
def media(settings: Settings, tmp_path: Path) -> Path:
    """Audio files of the test go to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def alice(db: None) -> User:
    """The owner in most tests."""
    return User.objects.create_user("alice", "alice@example.com", "correct-horse-battery-staple", email_verified=True)


@pytest.fixture
def bob(db: None) -> User:
    """A stranger to alice's things."""
    return User.objects.create_user("bob", "bob@example.com", "another-long-passphrase-42")
