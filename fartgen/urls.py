from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from fartgen import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("library/", include("library.urls")),
    path("", include("generator.urls")),
]
