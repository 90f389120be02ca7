"""The site's URLs plus one view with a bug, to see what a visitor of a failing page gets from the whole stack."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from fartgen.urls import urlpatterns as site_urlpatterns


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken), *site_urlpatterns]

handler500 = "fartgen.views.server_error"
