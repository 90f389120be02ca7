"""Django's Redis cache with one client per process, whichever cache object asks for it."""

from __future__ import annotations

import threading
from functools import cached_property
from typing import Any, ClassVar

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedRedisCache(RedisCache):
    """The Redis cache backend, sharing its client (and so its connection pools) between cache objects.

    Django makes a cache object per thread and per async context, and daphne runs every request's view in a thread
    of its own. Each new object would build a client (redis-py reads its own package metadata from disk for that)
    and open a new connection: measured, most of the cost of a rate-limited request.
    """

    _clients: ClassVar[dict[tuple[str, ...], RedisCacheClient]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @cached_property
    def _cache(self) -> Any:
        key = (*self._servers, repr(sorted(self._options.items())))
        with self._lock:
            if key not in self._clients:
                self._clients[key] = self._class(self._servers, **self._options)
            return self._clients[key]
