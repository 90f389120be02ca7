from __future__ import annotations

from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.forms import DUPLICATE_EMAIL_MESSAGE
from accounts.models import User
from accounts.tests.conftest import PASSWORD, link_in

URL = reverse("accounts:account")
EMAIL_URL = reverse("accounts:email_change")


def test_it_shows_the_email_and_its_state(alice_client: Client, bob: User) -> None:
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert "alice@example.com" in response.text
    assert "confirmed" in response.text
    assert "not confirmed yet" not in response.text

    bob_client = Client()
    bob_client.force_login(bob)
    assert "not confirmed yet" in bob_client.get(URL).text


def test_it_is_never_cached(alice_client: Client) -> None:
    assert "no-store" in alice_client.get(URL)["Cache-Control"]


def test_changing_the_email_resets_verification_and_sends_a_link(alice_client: Client, alice: User) -> None:
    response = alice_client.post(EMAIL_URL, {"email": "alice@Newmail.example", "password": PASSWORD})
    assert response["Location"] == URL
    alice.refresh_from_db()
    assert alice.email == "alice@newmail.example"
    assert not alice.email_verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@newmail.example"]

    alice_client.get(link_in(mail.outbox[0]))
    alice.refresh_from_db()
    assert alice.email_verified


def test_changing_the_email_needs_the_current_password(alice_client: Client, alice: User) -> None:
    response = alice_client.post(EMAIL_URL, {"email": "alice@newmail.example", "password": "guess"})
    assert response.status_code == 200
    assert response.context["email_form"].errors["password"] == ["That is not your current password."]
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
    assert mail.outbox == []


def test_it_refuses_another_accounts_email_in_any_case(alice_client: Client, alice: User, bob: User) -> None:
    response = alice_client.post(EMAIL_URL, {"email": "BOB@example.com", "password": PASSWORD})
    assert response.context["email_form"].errors["email"] == [DUPLICATE_EMAIL_MESSAGE]
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
    assert alice.email_verified


def test_it_refuses_the_current_email(alice_client: Client, alice: User) -> None:
    response = alice_client.post(EMAIL_URL, {"email": "Alice@example.com", "password": PASSWORD})
    assert response.context["email_form"].errors["email"] == ["That is already your email address."]
    alice.refresh_from_db()
    assert alice.email_verified


def test_email_change_rejects_get(alice_client: Client) -> None:
    assert alice_client.get(EMAIL_URL).status_code == 405


def test_email_change_needs_a_login(client: Client, alice: User) -> None:
    response = client.post(EMAIL_URL, {"email": "mallory@example.com", "password": PASSWORD})
    assert response["Location"].startswith(reverse("accounts:login"))
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
