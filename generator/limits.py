"""The one rate-limit helper that HTTP views, middleware and WebSocket consumers share.

Counting is django-ratelimit's (fixed windows in the Redis cache, so every daphne process sees the same counts).
On top of it, repeat offenders wait longer: each time a key runs over a limit within a day, its lock-out grows
(one window, then two more, then four more…, at most a day), so hammering a limit does not pay.
"""

from __future__ import annotations

import functools
import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

from fartgen import metrics
from generator.makers import Maker, limit_network

STRIKE_MEMORY_S = 24 * 3600
MAX_LOCKOUT_S = 24 * 3600
DEDUPE_S = 1


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after_s: int = 0


ALLOWED = Verdict(allowed=True)


# What a client hears while the counters are away: the wait is short, Redis restarts in seconds.
BUSY_MESSAGE = "We're very busy right now. Please try again in a few seconds."
BUSY_RETRY_AFTER_S = 5


class LimitsUnavailable(Exception):
    """The counters' store (the Redis cache) did not answer: page views go ahead, what a limit guards waits (503)."""


def _counting[T](function: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(function)
    def counted(*args: Any, **kwargs: Any) -> T:
        try:
            return function(*args, **kwargs)
        except (RedisError, OSError) as error:
            raise LimitsUnavailable(f"the rate-limit counters are unreachable: {error}") from error

    return counted


@_counting
def hit(group: str, key: str, *, limit: int, period_s: int, lockout_from_now: bool = False) -> Verdict:
    """Count one attempt for `key` in `group` (at most `limit` per `period_s`) and say whether it may go ahead.

    A key over the limit waits for the rest of the window, plus more for repeat offenders; with `lockout_from_now`
    it waits whole periods from now instead (one, two, four…), the same for every key whatever its window.
    Raises LimitsUnavailable when the counters cannot be reached.
    """
    locked = lockout(group, key)
    if not locked.allowed:
        return locked
    lockout_key = f"limits:lockout:{group}:{key}"
    now = time.time()
    usage = get_usage(None, group=group, key=lambda _group, _request: key, rate=(limit, period_s), increment=True)
    # time_left -1 is django-ratelimit's "the count was lost": its counter expired (or was evicted) between its
    # ADD and INCR. An unreachable cache raised above; a lost count is no reason to lock anyone out for a window.
    if usage is None or not usage["should_limit"] or usage["time_left"] < 0:
        return ALLOWED
    # 0 in the window's last second (whole seconds): the next window is no escape, wait one whole window then.
    window_left_s = usage["time_left"] or period_s
    strikes_key = f"limits:strikes:{group}:{key}"
    cache.add(strikes_key, 0, STRIKE_MEMORY_S)
    strikes = cache.incr(strikes_key)
    first_s = period_s if lockout_from_now else window_left_s
    lockout_s = min(first_s + period_s * (2 ** (strikes - 1) - 1), MAX_LOCKOUT_S)
    cache.set(lockout_key, now + lockout_s, lockout_s)
    metrics.LIMIT_REFUSALS.labels(group).inc()
    return Verdict(allowed=False, retry_after_s=lockout_s)


@_counting
def lockout(group: str, key: str) -> Verdict:
    """Whether `key` is locked out of `group` right now, without counting an attempt (a refusal is counted)."""
    locked_until = cache.get(f"limits:lockout:{group}:{key}")
    now = time.time()
    if locked_until is not None and locked_until > now:
        metrics.LIMIT_REFUSALS.labels(group).inc()
        return Verdict(allowed=False, retry_after_s=math.ceil(locked_until - now))
    return ALLOWED


def wait_text(seconds: int) -> str:
    """A wait in words for people, rounded up: "40 seconds", "15 minutes", "3 hours"."""
    if seconds < 120:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    if seconds < 2 * 3600:
        return f"{math.ceil(seconds / 60)} minutes"
    return f"{math.ceil(seconds / 3600)} hours"


def generations_per_hour(maker: Maker) -> int:
    if maker.is_authenticated:
        return settings.LIMIT_GENERATIONS_PER_HOUR_USER
    return settings.LIMIT_GENERATIONS_PER_HOUR_ANON


def refinements_per_hour(maker: Maker) -> int:
    if maker.is_authenticated:
        return settings.LIMIT_REFINEMENTS_PER_HOUR_USER
    return settings.LIMIT_REFINEMENTS_PER_HOUR_ANON


def hit_generation(maker: Maker) -> Verdict:
    """Count one new sound from words (all its takes): per account when signed in, per client network when anonymous."""
    return hit("generations", maker.limit_key, limit=generations_per_hour(maker), period_s=3600)


def hit_refinement(maker: Maker) -> Verdict:
    """Count one change to one of the maker's own sounds (a slider, a chip, a variation), on a budget of its own.

    Exploring a sound takes many small steps, each a cheap render of a spec that is already understood; counting
    them against the generations would end a session in minutes. They have a larger budget of their own, which
    still caps what a program can make by "refining" in bulk.
    """
    return hit("refinements", maker.limit_key, limit=refinements_per_hour(maker), period_s=3600)


@_counting
def is_first_of_identical(maker: Maker, request_key: str) -> bool:
    """False for a request identical to one the same maker sent within the last DEDUPE_S (a double click, a
    repeated Enter): the two are one, and only the first is made."""
    digest = hashlib.sha256(f"{maker.group}\n{request_key}".encode()).hexdigest()
    return bool(cache.add(f"limits:same-request:{digest}", 1, DEDUPE_S))


def hit_request(ip: str) -> Verdict:
    """Count one HTTP request from this client network."""
    return hit("requests", limit_network(ip), limit=settings.LIMIT_REQUESTS_PER_MINUTE_IP, period_s=60)
