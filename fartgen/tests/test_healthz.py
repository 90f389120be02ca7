from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_it_reports_every_part_up(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": True, "cache": True, "channel_layer": True},
    }


@pytest.mark.django_db
def test_it_answers_503_when_the_cache_redis_is_down(client: Client, settings) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"] is False
    assert body["checks"]["database"] is True
