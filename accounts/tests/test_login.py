from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tests.conftest import PASSWORD

URL = reverse("accounts:login")


def _logged_in_user(client: Client) -> object:
    return client.get(reverse("accounts:account")).context["user"] if client.session.get("_auth_user_id") else None


def test_it_shows_the_form(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert "Username or email" in response.text
    assert 'name="username"' in response.text
    assert 'name="password"' in response.text


@pytest.mark.parametrize("login", ["alice", "alice@example.com", "Alice@Example.com"])
def test_it_logs_in_by_username_or_email(client: Client, alice: User, login: str) -> None:
    response = client.post(URL, {"username": login, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _logged_in_user(client) == alice


def test_it_refuses_a_wrong_password_with_a_message(client: Client, alice: User) -> None:
    response = client.post(URL, {"username": "alice", "password": "not-her-password"})
    assert response.status_code == 200
    assert "That username or email and password don&#x27;t match" in response.text
    assert _logged_in_user(client) is None


def test_it_refuses_an_unknown_email(client: Client, alice: User) -> None:
    response = client.post(URL, {"username": "nobody@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert _logged_in_user(client) is None


def test_it_refuses_an_inactive_user(client: Client, alice: User) -> None:
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    client.post(URL, {"username": "alice", "password": PASSWORD})
    assert _logged_in_user(client) is None


def test_it_follows_a_safe_next_url(client: Client, alice: User) -> None:
    response = client.post(URL, {"username": "alice", "password": PASSWORD, "next": "/accounts/"})
    assert response["Location"] == "/accounts/"


def test_it_ignores_an_offsite_next_url(client: Client, alice: User) -> None:
    response = client.post(URL, {"username": "alice", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_account_page_sends_anonymous_visitors_here(client: Client) -> None:
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?next=/accounts/"
