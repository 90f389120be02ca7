"""Verification mail is limited per account and per address: nobody can make the site flood an inbox."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.models import User
from accounts.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

EMAIL_URL = reverse("accounts:email_change")
RESEND_URL = reverse("accounts:resend_verification")


def _change(client: Client, email: str) -> int:
    return client.post(EMAIL_URL, {"email": email, "password": PASSWORD}).status_code


def test_ten_email_changes_send_at_most_the_daily_limit(alice_client: Client, alice: User) -> None:
    for n in range(10):
        # Back and forth between a third party's address and others, the way the audit did.
        _change(alice_client, "victim@example.net" if n % 2 == 0 else f"alice{n}@example.com")
    assert len(mail.outbox) == 5
    assert sum(message.to == ["victim@example.net"] for message in mail.outbox) == 3


def test_a_refused_change_leaves_the_address_and_says_when(
    alice_client: Client, alice: User, settings: Settings
) -> None:
    settings.LIMIT_VERIFICATION_MAILS_PER_DAY_USER = 1
    assert _change(alice_client, "first@example.com") == 302
    response = alice_client.post(EMAIL_URL, {"email": "second@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert "We have sent enough confirmation emails for now. Try again in" in response.text
    alice.refresh_from_db()
    assert alice.email == "first@example.com"
    assert len(mail.outbox) == 1


def test_one_address_gets_few_mails_whichever_accounts_ask(client: Client, settings: Settings) -> None:
    settings.LIMIT_VERIFICATION_MAILS_PER_DAY_ADDRESS = 2
    for name in ("carol", "dave", "erin"):
        user = User.objects.create_user(name, f"{name}@example.com", PASSWORD)
        client.force_login(user)
        _change(client, "victim@example.net")
        user.change_email(f"{name}@example.com")
    assert [message.to for message in mail.outbox] == [["victim@example.net"]] * 2


def test_resending_the_link_is_limited_too(alice_client: Client, alice: User) -> None:
    alice.email_verified = False
    alice.save()
    for _ in range(8):
        alice_client.post(RESEND_URL)
    assert len(mail.outbox) == 3  # the address's own limit comes first here
    response = alice_client.post(RESEND_URL, follow=True)
    assert "We have sent enough confirmation emails for now" in response.text
