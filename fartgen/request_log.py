"""One JSON log line and one metrics sample per HTTP request, each with the request's id."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from fartgen import logs, metrics
from generator.makers import ANON_SESSION_KEY

logger = logging.getLogger("fartgen.request")

REQUEST_ID_HEADER = "X-Request-ID"


class RequestLogMiddleware:
    """First in the chain, so that every answer is counted and timed, refusals and redirects included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = logs.accepted_request_id(request.headers.get(REQUEST_ID_HEADER))
        started = time.perf_counter()
        with logs.request_id_set(request_id):
            response = self.get_response(request)
            duration_s = time.perf_counter() - started
            view = _view_name(request)
            metrics.REQUESTS.labels(view, request.method or "", str(response.status_code)).inc()
            metrics.REQUEST_SECONDS.labels(view).observe(duration_s)
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round(duration_s * 1000, 1),
                    **_who(request),
                },
            )
        response[REQUEST_ID_HEADER] = request_id
        return response


def _view_name(request: HttpRequest) -> str:
    # The URL pattern's name, not the path: paths hold ids, and each distinct label value is a new time series.
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None and match.view_name else "unmatched"


def _who(request: HttpRequest) -> dict[str, str | int]:
    """The signed-in user's id or the anonymous visitor's id, when the request got as far as its session."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return {"user_id": user.pk}
    session = getattr(request, "session", None)
    anon_id = session.get(ANON_SESSION_KEY) if session is not None else None
    return {"anon_id": anon_id} if anon_id else {}
