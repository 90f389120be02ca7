from __future__ import annotations

import sys

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from redis.exceptions import RedisError

from fartgen import health, logs
from fartgen.middleware import service_busy, wants_json
from generator.limits import LimitsUnavailable

# Failures of a service that comes back by itself (a restart, a failover): the client should simply try again.
OUTAGES = (RedisError, LimitsUnavailable, OperationalError)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers HTTP. Nothing else is asked, so a busy or cut-off replica is not restarted."""
    return JsonResponse({"status": "ok"})


@never_cache
async def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when the database, cache and channel layer answer in time, else 503; each with its time."""
    probes = await health.readiness()
    ok = all(probe.ok for probe in probes.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": {name: probe.as_json() for name, probe in probes.items()}},
        status=200 if ok else 503,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: Redis or PostgreSQL away is 503 "busy, try again"; anything else 500. JSON for the API, a page for
    people, both with the request id of the failure's log lines, for whoever reports it to quote.

    Django calls it inside the except block of whatever failed, in a view or a middleware (sessions, auth).
    """
    if isinstance(sys.exc_info()[1], OUTAGES):
        return service_busy(request)
    request_id = logs.request_id_var.get()
    if wants_json(request):
        return JsonResponse(
            {
                "status": "error",
                "code": "internal",
                "error": "Something went wrong on our side. Please try again.",
                "request_id": request_id,
            },
            status=500,
        )
    # Without the request's context, as Django's own 500 page: what failed may be the session or the database.
    return HttpResponse(render_to_string("500.html", {"request_id": request_id}), status=500)
