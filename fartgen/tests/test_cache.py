"""The Redis cache of settings (real Redis): Django's cache semantics, one redis.Redis per pool."""

from __future__ import annotations

import pytest
from django.core.cache import cache, caches

from fartgen.cache import SharedRedisCache


def test_the_cache_of_the_suite_is_ours() -> None:
    assert isinstance(caches["default"], SharedRedisCache)


def test_incr_counts_an_existing_key_and_keeps_its_expiry() -> None:
    cache.set("counted", 5, timeout=100)
    assert cache.incr("counted") == 6
    assert cache.incr("counted", 10) == 16
    assert cache.get("counted") == 16
    client = cache._cache.get_client(write=True)
    assert 0 < client.ttl(cache.make_key("counted")) <= 100


def test_incr_of_a_missing_key_raises_and_creates_nothing() -> None:
    with pytest.raises(ValueError, match="not found"):
        cache.incr("never-set")
    assert cache.get("never-set") is None


def test_every_call_shares_one_redis_client() -> None:
    first = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is first
    assert cache._cache.get_client(write=False) is first
