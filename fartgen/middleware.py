"""Site-wide HTTP request limit per client address (LIMIT_REQUESTS_PER_MINUTE_IP), and answers in the client's
language: JSON for the API, pages for people."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from generator import limits

logger = logging.getLogger(__name__)

# The load balancer's health probes and the metrics scraper come often, from one address, and must never be refused.
EXEMPT_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


class RequestRateLimitMiddleware:
    """Refuse a client that sends more HTTP requests per minute than the limit, with 429 and Retry-After."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path in EXEMPT_PATHS:
            return self.get_response(request)
        try:
            verdict = limits.hit_request(request.META.get("REMOTE_ADDR") or "0.0.0.0")
        except limits.LimitsUnavailable:
            # Pages go on without their counter while Redis is away; what really needs it answers 503 itself.
            logger.warning("request limit skipped: the counters are unreachable")
            return self.get_response(request)
        if verdict.allowed:
            return self.get_response(request)
        return too_many_requests(request, verdict.retry_after_s)


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def service_busy(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After when a service the request needs (Redis) is away: JSON for the API, a page for people."""
    if wants_json(request):
        response: HttpResponse = JsonResponse(
            {
                "status": "error",
                "code": "busy",
                "error": limits.BUSY_MESSAGE,
                "retry_after_s": limits.BUSY_RETRY_AFTER_S,
            },
            status=503,
        )
    else:
        # Without the request's context, as Django's own 500 page: it would read the session from a database that
        # may be the very service that is away.
        page = render_to_string("503.html", {"retry_after_s": limits.BUSY_RETRY_AFTER_S})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(limits.BUSY_RETRY_AFTER_S)
    return response


def too_many_requests(request: HttpRequest, retry_after_s: int) -> HttpResponse:
    """429 in the client's language: JSON for the API, the friendly page for people."""
    message = f"Too many requests. You can try again in {retry_after_s} seconds."
    if wants_json(request):
        response: HttpResponse = JsonResponse(
            {"status": "error", "code": "rate_limited", "error": message, "retry_after_s": retry_after_s},
            status=429,
        )
    else:
        response = render(request, "429.html", {"retry_after_s": retry_after_s}, status=429)
    response["Retry-After"] = str(retry_after_s)
    return response
