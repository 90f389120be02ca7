from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from fartgen import health


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
