from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.models import User
from accounts.tests.conftest import PASSWORD

# Empty or wrong submissions: they count as attempts without costing a password hash each.
ATTEMPTS = {
    "login": {"username": "alice", "password": ""},
    "signup": {"username": "", "email": "", "password1": "", "password2": ""},
    "password_reset": {"email": "nobody@example.com"},
    "resend_verification": {"token": "forged"},
}


def test_the_default_is_twenty_attempts_per_hour(settings: Settings) -> None:
    assert settings.LIMIT_AUTH_ATTEMPTS_PER_HOUR_IP == 20


@pytest.mark.django_db
@pytest.mark.parametrize("name", ATTEMPTS)
def test_the_attempt_after_the_limit_gets_429(client: Client, settings: Settings, name: str) -> None:
    settings.LIMIT_AUTH_ATTEMPTS_PER_HOUR_IP = 3
    url = reverse(f"accounts:{name}")
    statuses = [client.post(url, ATTEMPTS[name]).status_code for _ in range(4)]
    assert 429 not in statuses[:3]
    assert statuses[3] == 429
    assert "Slow down" in client.post(url, ATTEMPTS[name]).text


def test_the_default_limit_lets_twenty_logins_through(client: Client, alice: User) -> None:
    url = reverse("accounts:login")
    statuses = [client.post(url, ATTEMPTS["login"]).status_code for _ in range(20)]
    assert set(statuses) == {200}
    assert client.post(url, ATTEMPTS["login"]).status_code == 429


def test_a_blocked_ip_cannot_log_in_even_with_the_right_password(
    client: Client, alice: User, settings: Settings
) -> None:
    settings.LIMIT_AUTH_ATTEMPTS_PER_HOUR_IP = 3
    url = reverse("accounts:login")
    for _ in range(3):
        client.post(url, ATTEMPTS["login"])
    assert client.post(url, {"username": "alice", "password": PASSWORD}).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_limit_is_per_ip(client: Client, alice: User, settings: Settings) -> None:
    settings.LIMIT_AUTH_ATTEMPTS_PER_HOUR_IP = 3
    url = reverse("accounts:login")
    for _ in range(4):
        client.post(url, ATTEMPTS["login"], REMOTE_ADDR="203.0.113.7")
    assert client.post(url, ATTEMPTS["login"], REMOTE_ADDR="203.0.113.7").status_code == 429
    assert client.post(url, ATTEMPTS["login"], REMOTE_ADDR="203.0.113.8").status_code == 200


@pytest.mark.django_db
def test_viewing_the_forms_is_not_limited(client: Client, settings: Settings) -> None:
    settings.LIMIT_AUTH_ATTEMPTS_PER_HOUR_IP = 1
    for _ in range(3):
        assert client.get(reverse("accounts:login")).status_code == 200


@pytest.mark.django_db
def test_a_limited_visitor_is_told_when_to_try_again(client: Client, settings: Settings) -> None:
    settings.LIMIT_AUTH_ATTEMPTS_PER_HOUR_IP = 1
    url = reverse("accounts:login")
    client.post(url, ATTEMPTS["login"])
    response = client.post(url, ATTEMPTS["login"])
    assert response.status_code == 429
    retry_after_s = int(response["Retry-After"])
    assert 0 < retry_after_s <= 3600
    assert f"try again in {retry_after_s} second" in response.content.decode()
