"""Liveness of the parts the site stands on: database, cache and channel layer."""

from __future__ import annotations

import asyncio
import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import DatabaseError, connection
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
PROBE_TIMEOUT_S = 2.0


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("health: database unreachable")
        return False


def check_cache() -> bool:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        ok = cache.get(key) == "ok"
        cache.delete(key)
        return ok
    except (RedisError, OSError):
        logger.exception("health: cache unreachable")
        return False


def check_channel_layer() -> bool:
    try:
        return async_to_sync(_round_trip)()
    except (RedisError, OSError, TimeoutError):
        logger.exception("health: channel layer unreachable")
        return False


async def _round_trip() -> bool:
    layer = get_channel_layer()
    channel = await layer.new_channel("healthz.")
    await asyncio.wait_for(layer.send(channel, {"type": "healthz.ping"}), PROBE_TIMEOUT_S)
    message = await asyncio.wait_for(layer.receive(channel), PROBE_TIMEOUT_S)
    return message.get("type") == "healthz.ping"


def status() -> dict[str, bool]:
    return {"database": check_database(), "cache": check_cache(), "channel_layer": check_channel_layer()}
