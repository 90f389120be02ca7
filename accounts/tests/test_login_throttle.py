"""The per-account login throttle: wrong passwords from any number of addresses lock the account out, longer each
time; the message says when to retry; unknown names behave exactly like real ones; the admin's login too."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts import throttle
from accounts.models import User
from accounts.tests.conftest import PASSWORD

LOGIN_URL = reverse("accounts:login")
ADMIN_LOGIN_URL = reverse("admin:login")

pytestmark = pytest.mark.django_db


def _try(client: Client, username: str, password: str, ip: str, url: str = LOGIN_URL) -> str:
    """The form's error message, or the status when the form did not come back."""
    response = client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)
    if response.status_code != 200:
        return f"status {response.status_code}"
    return " ".join(str(error) for error in response.context["form"].non_field_errors())


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_sixty_wrong_passwords_from_three_addresses_lock_the_right_one_out_from_a_fourth(
    client: Client, alice: User
) -> None:
    for attempt in range(60):
        _try(client, "alice", f"wrong-{attempt}", ip=f"203.0.113.{attempt % 3}")
    page = _try(client, "alice", PASSWORD, ip="198.51.100.4")
    assert "Too many wrong passwords for this account" in page
    assert not _logged_in(client)


def test_the_lock_out_comes_after_the_limit_and_says_when_to_retry(client: Client, alice: User) -> None:
    for attempt in range(5):
        assert "don't match" in _try(client, "alice", "wrong", ip=f"203.0.113.{attempt}")
    message = _try(client, "alice", "wrong", ip="203.0.113.9")
    assert message == "Too many wrong passwords for this account. Try again in 15 minutes, or reset your password."
    # The right password does not get through meanwhile, nor does the email address as the name.
    assert "Too many wrong passwords" in _try(client, "alice@example.com", PASSWORD, ip="198.51.100.4")
    assert not _logged_in(client)


def test_a_right_password_before_the_limit_still_works(client: Client, alice: User) -> None:
    for _ in range(4):
        _try(client, "alice", "wrong", ip="203.0.113.1")
    response = client.post(LOGIN_URL, {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert _logged_in(client)


def test_lock_outs_grow(client: Client, alice: User, settings: Settings) -> None:
    settings.LIMIT_LOGIN_FAILURES_PER_ACCOUNT = 1
    key = throttle.account_key("alice")
    waits = []
    for _ in range(3):
        _try(client, "alice", "wrong", ip="203.0.113.1")
        _try(client, "alice", "wrong", ip="203.0.113.2")
        waits.append(throttle.locked_out(key).retry_after_s)
        # Let the lock-out lapse (a test cannot wait for it); the account's strikes stay.
        cache.delete(f"limits:lockout:{throttle.GROUP}:{key}")
    assert waits == [15 * 60, 30 * 60, 60 * 60]


def test_an_unknown_name_is_answered_exactly_like_a_real_one(client: Client, alice: User, settings: Settings) -> None:
    settings.LIMIT_LOGIN_FAILURES_PER_ACCOUNT = 2
    real = [_try(client, "alice", "wrong", ip="203.0.113.1") for _ in range(4)]
    unknown = [_try(client, "nobody-here", "wrong", ip="203.0.113.2") for _ in range(4)]
    assert real == unknown
    assert "Too many wrong passwords" in real[-1]


def test_other_accounts_are_not_locked_out(client: Client, alice: User, bob: User, settings: Settings) -> None:
    settings.LIMIT_LOGIN_FAILURES_PER_ACCOUNT = 2
    for _ in range(3):
        _try(client, "alice", "wrong", ip="203.0.113.1")
    response = client.post(LOGIN_URL, {"username": "bob", "password": "another-long-passphrase-42"})
    assert response.status_code == 302


def test_the_admin_login_shares_the_account_throttle(client: Client, alice: User, settings: Settings) -> None:
    settings.LIMIT_LOGIN_FAILURES_PER_ACCOUNT = 2
    alice.is_staff = alice.is_superuser = True
    alice.save()
    for _ in range(3):
        _try(client, "alice", "wrong", ip="203.0.113.1", url=ADMIN_LOGIN_URL)
    assert "Too many wrong passwords" in _try(client, "alice", PASSWORD, ip="198.51.100.4", url=ADMIN_LOGIN_URL)
    assert not _logged_in(client)


def test_the_admin_login_counts_against_the_per_ip_limit(client: Client, alice: User, settings: Settings) -> None:
    settings.LIMIT_AUTH_ATTEMPTS_PER_HOUR_IP = 3
    statuses = [
        client.post(ADMIN_LOGIN_URL, {"username": f"x{n}", "password": "y"}, REMOTE_ADDR="203.0.113.7").status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    # The site's own login shares the count.
    assert client.post(LOGIN_URL, {"username": "x", "password": "y"}, REMOTE_ADDR="203.0.113.7").status_code == 429
