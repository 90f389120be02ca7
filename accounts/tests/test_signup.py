from __future__ import annotations

import pytest
from django.core import mail
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from accounts.forms import DUPLICATE_EMAIL_MESSAGE
from accounts.models import User
from accounts.tests.conftest import link_in

URL = reverse("accounts:signup")


def _signup(client: Client, **overrides: str) -> object:
    data = {"username": "carol", "email": "carol@example.com", "password1": "a-fine-long-secret", "password2": ""}
    data.update(overrides)
    data["password2"] = data["password2"] or data["password1"]
    return client.post(URL, data)


def test_it_shows_the_form(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    for name in ("username", "email", "password1", "password2"):
        assert f'name="{name}"' in response.text


@pytest.mark.django_db
def test_it_creates_a_logged_in_unverified_user(client: Client) -> None:
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(username="carol")
    assert user.email == "carol@example.com"
    assert not user.email_verified
    assert client.get(reverse("accounts:account")).context["user"] == user


@pytest.mark.django_db
def test_it_emails_a_link_that_verifies_the_address(client: Client) -> None:
    _signup(client)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["carol@example.com"]
    response = client.get(link_in(mail.outbox[0]))
    assert response.status_code == 302
    assert User.objects.get(username="carol").email_verified


@pytest.mark.django_db
def test_it_stores_the_password_with_argon2(client: Client) -> None:
    _signup(client)
    user = User.objects.get(username="carol")
    assert user.password.startswith("argon2")
    assert user.check_password("a-fine-long-secret")


@pytest.mark.parametrize("email", ["alice@example.com", "ALICE@Example.COM", "Alice@example.com"])
def test_it_refuses_an_email_already_taken_in_any_case(client: Client, alice: User, email: str) -> None:
    response = _signup(client, email=email)
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [DUPLICATE_EMAIL_MESSAGE]
    assert "An account with this email address already exists." in response.text
    assert not User.objects.filter(username="carol").exists()


@pytest.mark.django_db
def test_it_lowercases_the_email_domain_only(client: Client) -> None:
    _signup(client, email="Carol.Smith@Example.COM")
    assert User.objects.get(username="carol").email == "Carol.Smith@example.com"


def test_it_refuses_a_username_taken_in_another_case(client: Client, alice: User) -> None:
    response = _signup(client, username="Alice")
    assert "username" in response.context["form"].errors


@pytest.mark.django_db
def test_it_refuses_an_at_sign_in_the_username(client: Client) -> None:
    response = _signup(client, username="carol@example.org")
    assert response.context["form"].errors["username"] == ["Usernames can't contain @."]


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["short1", "12345678901", "password123", "carolexample"])
def test_it_applies_the_password_validators(client: Client, password: str) -> None:
    response = _signup(client, password1=password)
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_refuses_mismatched_passwords(client: Client) -> None:
    response = _signup(client, password2="something-else-entirely")
    assert "password2" in response.context["form"].errors


def test_it_sends_a_logged_in_user_to_the_account_page(alice_client: Client) -> None:
    response = alice_client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account")


def test_the_database_refuses_the_same_email_in_another_case(alice: User) -> None:
    with pytest.raises(IntegrityError):
        User.objects.create_user("carol", "ALICE@EXAMPLE.COM", "whatever-long-pass")
