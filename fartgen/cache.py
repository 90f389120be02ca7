"""Django's Redis cache with one client per process, whichever cache object asks for it."""

from __future__ import annotations

import threading
from functools import cached_property
from typing import Any, ClassVar

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

_INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return false
"""


class _ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one redis.Redis per connection pool instead of building one per cache call.

    redis.Redis objects are thread-safe (each command borrows a connection from the pool), and building one costs
    more than the command it sends: measured, a sixth of a generation's rate-limit check.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._redis_clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._redis_clients.get(id(pool))
        if client is None:
            client = self._redis_clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client

    def incr(self, key: Any, delta: int) -> int:
        """Django's incr (ValueError for a missing key) in one round trip instead of EXISTS then INCRBY.

        Rate limits and interpretation counters call it on every generation.
        """
        client = self.get_client(key, write=True)
        count = client.eval(_INCR_EXISTING, 1, key, delta)
        if count is None:
            raise ValueError(f"Key {key!r} not found.")
        return int(count)


class SharedRedisCache(RedisCache):
    """The Redis cache backend, sharing its client (and so its connection pools) between cache objects.

    Django makes a cache object per thread and per async context, and daphne runs every request's view in a thread
    of its own. Each new object would build a client (redis-py reads its own package metadata from disk for that)
    and open a new connection: measured, most of the cost of a rate-limited request.
    """

    _clients: ClassVar[dict[tuple[str, ...], RedisCacheClient]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ReusedClientRedisCacheClient

    @cached_property
    def _cache(self) -> Any:
        key = (*self._servers, repr(sorted(self._options.items())))
        with self._lock:
            if key not in self._clients:
                self._clients[key] = self._class(self._servers, **self._options)
            return self._clients[key]
