"""Redis connections for Django's cache, shared by every cache object of a process."""

from __future__ import annotations

import threading
from typing import Any, ClassVar

import redis

# Options that describe the client library rather than the connection (and differ between equal objects).
_NOT_PART_OF_THE_KEY = frozenset({"driver_info", "lib_name", "lib_version", "parser_class"})


class SharedConnectionPool(redis.ConnectionPool):
    """One connection pool per Redis URL and options, whichever cache object asks for it.

    Django makes a cache object per thread and per async context, and daphne runs every request's view in a thread
    of its own: with a pool per cache object, each HTTP request would open (and handshake) a new Redis connection.
    """

    _shared: ClassVar[dict[tuple[str, str], redis.ConnectionPool]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def from_url(cls, url: str, **options: Any) -> redis.ConnectionPool:
        key = (url, repr(sorted((name, value) for name, value in options.items() if name not in _NOT_PART_OF_THE_KEY)))
        with cls._lock:
            if key not in cls._shared:
                cls._shared[key] = redis.ConnectionPool.from_url(url, **options)
            return cls._shared[key]
