"""Readiness of the parts the site stands on: database, cache and channel layer, each with a deadline and a time.

The probes are independent of what the process is doing: an open WebSocket holds the channel layer's receive loop,
so the layer is probed with a PING on each of its Redis hosts rather than by receiving a message on it.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
# Threads of their own, not the event loop's default executor: a probe stuck on a hanging dependency is abandoned at
# its deadline, and nothing that shuts an executor down waits for it.
_PROBE_THREADS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="readyz")


@dataclass(frozen=True)
class Probe:
    ok: bool
    ms: float
    error: str = ""

    def as_json(self) -> dict[str, object]:
        body: dict[str, object] = {"ok": self.ok, "ms": self.ms}
        if self.error:
            body["error"] = self.error
        return body


def _database() -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        # A probe thread is not a request thread: give the pooled connection back.
        connection.close()


def _cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RedisError("the cache did not return what was just written")
    cache.delete(key)


async def _channel_layer() -> None:
    layer = get_channel_layer()
    for index in range(getattr(layer, "ring_size", 0)):
        await layer.connection(index).ping()


async def _timed(name: str, check: Callable[[], Awaitable[None]]) -> Probe:
    started = time.perf_counter()
    try:
        await asyncio.wait_for(check(), settings.READINESS_TIMEOUT_S)
    except TimeoutError:
        return _failed(name, started, f"no answer within {settings.READINESS_TIMEOUT_S:g} s")
    except (DatabaseError, RedisError, OSError) as error:
        return _failed(name, started, f"{type(error).__name__}: {error}")
    return Probe(ok=True, ms=_ms_since(started))


def _failed(name: str, started: float, reason: str) -> Probe:
    logger.warning("readiness: %s is not ready: %s", name, reason)
    return Probe(ok=False, ms=_ms_since(started), error=reason)


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _in_probe_thread(check: Callable[[], None]) -> Callable[[], Awaitable[None]]:
    async def probe() -> None:
        await asyncio.get_running_loop().run_in_executor(_PROBE_THREADS, check)

    return probe


async def readiness() -> dict[str, Probe]:
    """Probe every dependency at once; each answers within READINESS_TIMEOUT_S or counts as down."""
    checks = {
        "database": _in_probe_thread(_database),
        "cache": _in_probe_thread(_cache),
        "channel_layer": _channel_layer,
    }
    probes = await asyncio.gather(*(_timed(name, check) for name, check in checks.items()))
    return dict(zip(checks, probes, strict=True))
