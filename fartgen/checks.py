"""Configuration mistakes that would otherwise only show at run time."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_secret_key_from_environment(app_configs: Any, **kwargs: Any) -> list[Error]:
    if settings.SECRET_KEY_FROM_ENV:
        return []
    return [
        Error(
            "DJANGO_SECRET_KEY is not set, so the development key is in use.",
            hint="Set DJANGO_SECRET_KEY to a long random value in production.",
            id="fartgen.E001",
        )
    ]


@register(deploy=True)
def check_shared_backends(app_configs: Any, **kwargs: Any) -> list[Error]:
    errors = []
    if not settings.REDIS_URL:
        errors.append(
            Error(
                "REDIS_URL is not set: the cache, rate limits and channel layer are per process.",
                hint="Several daphne processes need a shared Redis; set REDIS_URL.",
                id="fartgen.E002",
            )
        )
    if not settings.DATABASE_URL:
        errors.append(
            Error(
                "DATABASE_URL is not set: SQLite is not meant for production.",
                hint="Set DATABASE_URL to a PostgreSQL URL.",
                id="fartgen.E003",
            )
        )
    return errors
