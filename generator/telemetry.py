"""What a finished generation leaves behind for the people who run the site: one log line and Prometheus samples
(in memory), and for failures an hourly count in the shared cache for the admin's statistics page (the database
keeps only the sounds that were made)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from redis.exceptions import RedisError

from fartgen import metrics

logger = logging.getLogger("fartgen.generation")

# Long enough for the statistics page's week.
OUTCOME_MEMORY_S = 8 * 24 * 3600
FAILURE_PREFIX = "stats:failed_generations"
# Stages whose time is not the generation's own: the recent-audio cache answering instead of the renderer.
AUDIO_CACHE_STAGE = "render_cache"


def generation_finished(
    *,
    outcome: str,
    source: str,
    timings_ms: dict[str, float],
    parts: int,
    takes: int,
    sound_id: str | None,
) -> None:
    """Log and measure one generation (no I/O but the log line): `outcome` is "complete" or the error code."""
    rendered = "render" in timings_ms or AUDIO_CACHE_STAGE in timings_ms
    audio_cache_hit = AUDIO_CACHE_STAGE in timings_ms
    metrics.GENERATIONS.labels(source, outcome).inc()
    for stage, ms in timings_ms.items():
        metrics.STAGE_SECONDS.labels(stage).observe(ms / 1000)
    if rendered:
        metrics.CACHE_LOOKUPS.labels("audio", "hit" if audio_cache_hit else "miss").inc()
    logger.info(
        "generation %s",
        outcome,
        extra={
            "outcome": outcome,
            "source": source,
            "stages_ms": timings_ms,
            "total_ms": round(sum(timings_ms.values()), 1),
            "cache_hit": audio_cache_hit or source == "cache",
            "takes": takes,
            "parts": parts,
            "sound_id": sound_id,
        },
    )


def count_failure(code: str) -> None:
    """Add a failed generation to this hour's count for its error code (a cache round trip: not on the event loop)."""
    key = _hour_key(code, datetime.now(UTC))
    try:
        # add() then incr(): a counter that another process created in the meantime is kept, not reset.
        cache.add(key, 0, OUTCOME_MEMORY_S)
        cache.incr(key)
    except (ValueError, RedisError, OSError):
        # A statistic is not worth failing the answer for (the cache may be the very thing that failed).
        logger.warning("could not count a failed generation (%s) in the cache", code)


def failures_since(start: datetime, codes: tuple[str, ...]) -> dict[str, int]:
    """How many generations failed with each code from `start`'s hour to now (at most OUTCOME_MEMORY_S back)."""
    hours = []
    hour = start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    now = datetime.now(UTC)
    while hour <= now:
        hours.append(hour)
        hour += timedelta(hours=1)
    keys = {_hour_key(code, hour): code for code in codes for hour in hours}
    found = cache.get_many(list(keys))
    totals = dict.fromkeys(codes, 0)
    for key, count in found.items():
        totals[keys[key]] += int(count)
    return totals


def _hour_key(code: str, moment: datetime) -> str:
    return f"{FAILURE_PREFIX}:{moment:%Y%m%d%H}:{code}"
