"""Fixtures that several generator test modules ask for by name (`pytest.mark.usefixtures` or a parameter)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pytest_django import Settings

from generator.tests.sockets import close_database_connections


@pytest.fixture
def media(settings: Settings, tmp_path: Path) -> Path:
    """Audio files of the test go to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
async def closed_connections() -> AsyncIterator[None]:
    """Socket tests query from threads of their own: close those connections so the test database can go."""
    yield
    await close_database_connections()
