"""Sign-up answers that say an account exists are few per client address: nobody can list the accounts."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.models import User

pytestmark = pytest.mark.django_db

URL = reverse("accounts:signup")


def _signup(client: Client, username: str, email: str, ip: str = "203.0.113.7") -> int:
    data = {"username": username, "email": email, "password1": "a-long-fresh-passphrase", "password2": "x"}
    return client.post(URL, data, REMOTE_ADDR=ip).status_code


def test_taken_answers_stop_after_the_limit(client: Client, alice: User, settings: Settings) -> None:
    settings.LIMIT_SIGNUP_TAKEN_ANSWERS_PER_HOUR_IP = 3
    statuses = [_signup(client, "alice", f"new{n}@example.com") for n in range(3)]
    assert statuses == [200, 200, 200]
    assert _signup(client, "carol", "alice@example.com") == 429
    # Another address has its own count.
    assert _signup(client, "alice", "new@example.com", ip="203.0.113.8") == 200


def test_answers_about_free_names_do_not_count(client: Client, settings: Settings) -> None:
    settings.LIMIT_SIGNUP_TAKEN_ANSWERS_PER_HOUR_IP = 1
    statuses = [_signup(client, f"free{n}", f"free{n}@example.com") for n in range(5)]  # mismatched passwords
    assert statuses == [200] * 5


def test_the_default_is_five_an_hour(settings: Settings) -> None:
    assert settings.LIMIT_SIGNUP_TAKEN_ANSWERS_PER_HOUR_IP == 5
