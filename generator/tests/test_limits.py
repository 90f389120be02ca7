from __future__ import annotations

import threading
import time

import pytest
import redis
from django.test import Client
from pytest_django import Settings

from accounts.models import User
from generator import limits
from generator.makers import Maker


def anonymous(ip: str) -> Maker:
    return Maker(user=None, anon_id="visitor", ip=ip)


def test_the_default_limits_are_the_ones_the_issue_names(settings: Settings) -> None:
    assert settings.LIMIT_GENERATIONS_PER_HOUR_USER == 50
    assert settings.LIMIT_GENERATIONS_PER_HOUR_ANON == 20
    assert settings.LIMIT_REQUESTS_PER_MINUTE_IP == 100


def test_an_anonymous_ip_gets_twenty_generations_an_hour_by_default() -> None:
    verdicts = [limits.hit_generation(anonymous("203.0.113.7")) for _ in range(21)]
    assert all(verdict.allowed for verdict in verdicts[:20])
    assert not verdicts[20].allowed
    assert 0 < verdicts[20].retry_after_s <= 3600


@pytest.mark.django_db
def test_a_user_gets_fifty_generations_an_hour_by_default(alice: User) -> None:
    maker = Maker(user=alice, anon_id=None, ip="203.0.113.7")
    verdicts = [limits.hit_generation(maker) for _ in range(51)]
    assert all(verdict.allowed for verdict in verdicts[:50])
    assert not verdicts[50].allowed


@pytest.mark.django_db
def test_a_user_is_counted_apart_from_the_anonymous_visitors_of_the_same_ip(alice: User, settings: Settings) -> None:
    settings.LIMIT_GENERATIONS_PER_HOUR_ANON = 1
    assert limits.hit_generation(anonymous("203.0.113.7")).allowed
    assert not limits.hit_generation(anonymous("203.0.113.7")).allowed
    assert limits.hit_generation(Maker(user=alice, anon_id=None, ip="203.0.113.7")).allowed


def test_other_ips_are_not_affected(settings: Settings) -> None:
    settings.LIMIT_GENERATIONS_PER_HOUR_ANON = 2
    for _ in range(3):
        limits.hit_generation(anonymous("203.0.113.7"))
    assert not limits.hit_generation(anonymous("203.0.113.7")).allowed
    assert limits.hit_generation(anonymous("203.0.113.8")).allowed


def test_the_limits_come_from_settings(settings: Settings) -> None:
    settings.LIMIT_GENERATIONS_PER_HOUR_ANON = 500
    assert all(limits.hit_generation(anonymous("203.0.113.7")).allowed for _ in range(100))


def test_refused_attempts_do_not_extend_the_first_lockout() -> None:
    for _ in range(3):
        limits.hit("test", "k", limit=2, period_s=3600)
    first = limits.hit("test", "k", limit=2, period_s=3600)
    later = [limits.hit("test", "k", limit=2, period_s=3600) for _ in range(5)]
    assert not first.allowed
    assert all(not verdict.allowed and verdict.retry_after_s <= first.retry_after_s for verdict in later)


def test_a_repeat_offender_waits_longer_each_time() -> None:
    # One-second windows keep this quick: the first lockout ends with the window, the second one lasts longer.
    waits: list[int] = []
    for _ in range(2):
        time.sleep(waits[-1] + 0.05 if waits else 0)
        verdicts = [limits.hit("test", "offender", limit=1, period_s=1) for _ in range(3)]
        assert verdicts[0].allowed
        waits.append(next(verdict.retry_after_s for verdict in verdicts if not verdict.allowed))
    assert waits == [1, 2]


@pytest.mark.django_db
def test_the_101st_http_request_in_a_minute_gets_429(client: Client) -> None:
    statuses = [client.get("/no-such-page/").status_code for _ in range(100)]
    assert set(statuses) == {404}
    response = client.get("/no-such-page/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "try again in" in response.text


@pytest.mark.django_db
def test_an_api_client_over_the_request_limit_gets_json(client: Client, settings: Settings) -> None:
    settings.LIMIT_REQUESTS_PER_MINUTE_IP = 2
    for _ in range(2):
        client.post("/api/generate", "{}", content_type="application/json")
    response = client.post("/api/generate", "{}", content_type="application/json")
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert response.json()["retry_after_s"] == int(response["Retry-After"])


@pytest.mark.django_db
def test_the_health_check_is_never_limited(client: Client, settings: Settings) -> None:
    settings.LIMIT_REQUESTS_PER_MINUTE_IP = 2
    assert {client.get("/healthz").status_code for _ in range(5)} == {200}


@pytest.mark.django_db
def test_the_request_limit_is_per_ip(client: Client, settings: Settings) -> None:
    settings.LIMIT_REQUESTS_PER_MINUTE_IP = 2
    for _ in range(3):
        client.get("/no-such-page/", REMOTE_ADDR="203.0.113.7")
    assert client.get("/no-such-page/", REMOTE_ADDR="203.0.113.7").status_code == 429
    assert client.get("/no-such-page/", REMOTE_ADDR="203.0.113.8").status_code == 404


def test_counting_in_thread_after_thread_does_not_open_a_redis_connection_each(settings: Settings) -> None:
    # daphne runs each request in a thread of its own, where Django makes a fresh cache object.
    client = redis.Redis.from_url(settings.REDIS_URL)
    opened_before = client.info("stats")["total_connections_received"]
    for i in range(30):
        thread = threading.Thread(target=limits.hit_request, args=(f"198.51.100.{i}",))
        thread.start()
        thread.join()
    # One shared pool reuses its connection (others sharing this Redis may open a few meanwhile), not one each.
    assert client.info("stats")["total_connections_received"] - opened_before <= 10


def test_refinements_have_a_budget_of_their_own(settings: Settings) -> None:
    settings.LIMIT_GENERATIONS_PER_HOUR_ANON = 1
    settings.LIMIT_REFINEMENTS_PER_HOUR_ANON = 3
    visitor = anonymous("203.0.113.7")
    assert limits.hit_generation(visitor).allowed
    assert not limits.hit_generation(visitor).allowed
    # New sounds ran out; changing the ones made goes on, up to its own cap.
    assert [limits.hit_refinement(visitor).allowed for _ in range(4)] == [True, True, True, False]


def test_the_default_refinement_budget_is_a_long_session_of_exploring(settings: Settings) -> None:
    # A slider move renders after a 400 ms pause: even a move every 15 s for an hour fits the anonymous budget.
    assert settings.LIMIT_REFINEMENTS_PER_HOUR_ANON >= 3600 // 15
    assert settings.LIMIT_REFINEMENTS_PER_HOUR_USER > settings.LIMIT_REFINEMENTS_PER_HOUR_ANON


def test_an_identical_request_within_a_second_is_the_same_request() -> None:
    visitor = anonymous("203.0.113.7")
    assert limits.is_first_of_identical(visitor, "toot")
    assert not limits.is_first_of_identical(visitor, "toot")
    assert limits.is_first_of_identical(visitor, "another toot")
    assert limits.is_first_of_identical(Maker(user=None, anon_id="someone-else", ip="203.0.113.7"), "toot")
    time.sleep(limits.DEDUPE_S + 0.1)
    assert limits.is_first_of_identical(visitor, "toot")
