from __future__ import annotations

import time

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts import verification
from accounts.models import User
from accounts.tests.conftest import link_in


def _link(user: User) -> str:
    return reverse("accounts:verify_email", args=[verification.make_token(user)])


def _expired_link(user: User, monkeypatch: pytest.MonkeyPatch, settings: Settings) -> str:
    signed_at_s = time.time() - settings.EMAIL_VERIFICATION_MAX_AGE_S - 60
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: signed_at_s)
        return _link(user)


def test_the_link_verifies_the_address(client: Client, bob: User) -> None:
    response = client.get(_link(bob))
    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.email_verified


def test_the_link_sends_its_logged_in_owner_to_the_account_page(client: Client, bob: User) -> None:
    client.force_login(bob)
    response = client.get(_link(bob), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:account")
    assert "bob@example.com is confirmed" in response.text


def test_it_refuses_a_tampered_link(client: Client, bob: User) -> None:
    token = verification.make_token(bob)
    response = client.get(reverse("accounts:verify_email", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert "This link doesn't work" in response.text
    bob.refresh_from_db()
    assert not bob.email_verified


def test_it_refuses_a_link_signed_for_another_purpose(client: Client, bob: User) -> None:
    token = signing.TimestampSigner(salt="something.else").sign_object({"user": bob.pk, "email": bob.email})
    assert client.get(reverse("accounts:verify_email", args=[token])).status_code == 400
    bob.refresh_from_db()
    assert not bob.email_verified


def test_it_refuses_an_expired_link_and_offers_a_new_one(
    client: Client, bob: User, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    response = client.get(_expired_link(bob, monkeypatch, settings))
    assert response.status_code == 400
    assert "This link has expired" in response.text
    assert "Send a new link" in response.text
    bob.refresh_from_db()
    assert not bob.email_verified


def test_the_expired_page_sends_a_new_link_that_works(
    client: Client, bob: User, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    expired = client.get(_expired_link(bob, monkeypatch, settings))
    response = client.post(reverse("accounts:resend_verification"), {"token": expired.context["token"]})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bob@example.com"]
    client.get(link_in(mail.outbox[0]))
    bob.refresh_from_db()
    assert bob.email_verified


def test_a_link_for_a_previous_address_does_not_verify_the_new_one(client: Client, bob: User) -> None:
    old_link = _link(bob)
    bob.change_email("robert@example.com")
    assert client.get(old_link).status_code == 400
    bob.refresh_from_db()
    assert not bob.email_verified


def test_a_logged_in_user_can_ask_for_a_new_link(client: Client, bob: User) -> None:
    client.force_login(bob)
    response = client.post(reverse("accounts:resend_verification"))
    assert response["Location"] == reverse("accounts:account")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bob@example.com"]


def test_it_sends_no_new_link_for_a_confirmed_address(client: Client, alice: User) -> None:
    client.force_login(alice)
    response = client.post(reverse("accounts:resend_verification"), follow=True)
    assert "already confirmed" in response.text
    assert mail.outbox == []


def test_an_anonymous_resend_without_a_genuine_link_sends_nothing(client: Client, bob: User) -> None:
    response = client.post(reverse("accounts:resend_verification"), {"token": "forged:token:value"})
    assert response["Location"] == reverse("accounts:login")
    assert mail.outbox == []


def test_resend_rejects_get(client: Client, bob: User) -> None:
    client.force_login(bob)
    assert client.get(reverse("accounts:resend_verification")).status_code == 405
