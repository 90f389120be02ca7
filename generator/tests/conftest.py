"""Fixtures that several generator test modules ask for by name (`pytest.mark.usefixtures` or a parameter)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from generator.tests.sockets import close_database_connections


@pytest.fixture
async def closed_connections() -> AsyncIterator[None]:
    """Socket tests query from threads of their own: close those connections so the test database can go."""
    yield
    await close_database_connections()
