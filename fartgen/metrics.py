"""Prometheus metrics, served at /metrics to whoever presents METRICS_TOKEN.

Each serving process counts on its own; with several daphne processes in one container, set
PROMETHEUS_MULTIPROC_DIR (an empty folder shared by them, emptied at container start) and /metrics adds up every
process's files. Replicas are scraped one by one, as separate targets.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from prometheus_client import REGISTRY as PROCESS_REGISTRY
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from generator.makers import bearer_token

# From a fast cached page to a slow Claude round trip.
SECONDS_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter("fartgen_http_requests", "HTTP requests answered", ["view", "method", "status"])
REQUEST_SECONDS = Histogram(
    "fartgen_http_request_duration_seconds", "Time to answer an HTTP request", ["view"], buckets=SECONDS_BUCKETS
)
GENERATIONS = Counter(
    "fartgen_generations", "Generations finished, by interpreter source and outcome", ["source", "outcome"]
)
STAGE_SECONDS = Histogram(
    "fartgen_generation_stage_seconds", "Time spent in each stage of a generation", ["stage"], buckets=SECONDS_BUCKETS
)
CLAUDE_CALLS = Counter("fartgen_claude_calls", "Calls to Claude, by outcome (ok, or why it failed)", ["outcome"])
CACHE_LOOKUPS = Counter(
    "fartgen_cache_lookups", "Lookups in the interpretation cache and the recent-audio cache", ["cache", "result"]
)
LIMIT_REFUSALS = Counter("fartgen_limit_refusals", "Requests refused by a rate limit", ["group"])
OPEN_SOCKETS = Gauge(
    "fartgen_open_sockets", "WebSockets open now", ["consumer"], multiprocess_mode="livesum"
)

# generator.interpret.cache's event names → what they say about Claude or the interpretation cache.
_CACHE_EVENTS = {"cache_hit": "hit", "cache_miss": "miss"}
_NOT_A_CALL = "fallback_no_key"


def interpret_event(name: str) -> None:
    """Count one event of prompt reading (generator.interpret.cache.count's names)."""
    if name in _CACHE_EVENTS:
        CACHE_LOOKUPS.labels("interpret", _CACHE_EVENTS[name]).inc()
    elif name == "claude_ok":
        CLAUDE_CALLS.labels("ok").inc()
    elif name.startswith("fallback_") and name != _NOT_A_CALL:
        CLAUDE_CALLS.labels(name.removeprefix("fallback_")).inc()


@never_cache
def metrics_view(request: HttpRequest) -> HttpResponse:
    """The metrics in Prometheus' text format; 404 unless the request carries the configured token."""
    token = settings.METRICS_TOKEN
    offered = bearer_token(request.headers.get("Authorization", "")) or ""
    # 404, not 401: without the token, the endpoint does not exist as far as anyone can tell.
    if not token or not hmac.compare_digest(offered.encode(), token.encode()):
        raise Http404
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)


def _registry() -> CollectorRegistry:
    if not settings.PROMETHEUS_MULTIPROC_DIR:
        return PROCESS_REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry
