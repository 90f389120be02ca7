"""Site-wide HTTP request limit per client address (LIMIT_REQUESTS_PER_MINUTE_IP)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from generator import limits

# The load balancer's health probes and the metrics scraper come often, from one address, and must never be refused.
EXEMPT_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


class RequestRateLimitMiddleware:
    """Refuse a client that sends more HTTP requests per minute than the limit, with 429 and Retry-After."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path in EXEMPT_PATHS:
            return self.get_response(request)
        verdict = limits.hit_request(request.META.get("REMOTE_ADDR") or "0.0.0.0")
        if verdict.allowed:
            return self.get_response(request)
        return too_many_requests(request, verdict.retry_after_s)


def too_many_requests(request: HttpRequest, retry_after_s: int) -> HttpResponse:
    """429 in the client's language: JSON for the API, the friendly page for people."""
    message = f"Too many requests. You can try again in {retry_after_s} seconds."
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response: HttpResponse = JsonResponse(
            {"status": "error", "code": "rate_limited", "error": message, "retry_after_s": retry_after_s},
            status=429,
        )
    else:
        response = render(request, "429.html", {"retry_after_s": retry_after_s}, status=429)
    response["Retry-After"] = str(retry_after_s)
    return response
