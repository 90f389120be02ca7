"""Configuration mistakes that would otherwise only show at run time."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
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


@register(Tags.security, deploy=True)
def check_proxy_in_front_is_trusted(app_configs: Any, **kwargs: Any) -> list[checks.Warning]:
    # daphne speaks plain HTTP and the HTTPS redirect reads X-Forwarded-Proto: with secure transport on, a proxy
    # ends TLS in front of the site, and only TRUSTED_PROXY_* tells the site which X-Forwarded-For entry it wrote.
    if not settings.SECURE_TRANSPORT or settings.TRUSTED_PROXY_HOPS or settings.TRUSTED_PROXY_NETWORKS:
        return []
    return [
        checks.Warning(
            "Secure transport is on, so a proxy ends TLS in front of the site, but TRUSTED_PROXY_HOPS and "
            "TRUSTED_PROXY_NETWORKS are unset: every visitor has the proxy's address, and the per-address limits "
            "(anonymous generations, requests per minute, sign-in attempts) are shared by all of them.",
            hint="Set TRUSTED_PROXY_HOPS to the number of proxies that append to X-Forwarded-For (1 behind "
            "deploy/haproxy.cfg alone), or TRUSTED_PROXY_NETWORKS to their networks.",
            id="fartgen.W001",
        )
    ]


@register(Tags.security)
def check_proxy_networks_are_not_everyone(app_configs: Any, **kwargs: Any) -> list[checks.Warning]:
    everyone = [str(network) for network in settings.TRUSTED_PROXY_NETWORKS if network.prefixlen == 0]
    if not everyone:
        return []
    return [
        checks.Warning(
            f"TRUSTED_PROXY_NETWORKS contains {', '.join(everyone)}: every address counts as a proxy, so the client "
            "is the leftmost X-Forwarded-For entry, which the client writes itself (limits can be dodged).",
            hint="Name only the networks the proxies' own addresses are in, e.g. 10.0.0.0/8.",
            id="fartgen.W002",
        )
    ]
