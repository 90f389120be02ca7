from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from accounts.views import limit_auth_attempts
from fartgen import metrics, views
from fartgen.api import api
from generator.admin import stats_view

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    # The admin's login counts against the same per-IP limit as the site's (its per-account throttle is its form).
    path("admin/login/", limit_auth_attempts("accounts.login")(admin.site.login)),
    path("admin/stats/", admin.site.admin_view(stats_view), name="admin_stats"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("library/", include("library.urls")),
    path("explore/", include("explore.urls")),
    path("", include("embeds.urls")),
    path("", include("moderation.urls")),
    path("", include("generator.urls")),
    # After generator's urls, whose api/generate predates the ninja API: the API's schema documents that view.
    path("api/", api.urls),
]

handler500 = "fartgen.views.server_error"
