from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import ApiToken, User
from accounts.tests.conftest import link_in

URL = reverse("accounts:password_reset")
NEW_PASSWORD = "a-brand-new-passphrase-7"


def _set_new_password(client: Client, link: str) -> object:
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    set_password_url = form_page.redirect_chain[-1][0]
    return client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def test_it_shows_the_form(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="email"' in response.text


def test_it_resets_the_password_end_to_end(client: Client, bob: User) -> None:
    response = client.post(URL, {"email": "BOB@example.com"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bob@example.com"]
    assert mail.outbox[0].subject == "Reset your Fartgen password"

    response = _set_new_password(client, link_in(mail.outbox[0]))
    assert response["Location"] == reverse("accounts:password_reset_complete")

    response = client.post(reverse("accounts:login"), {"username": "bob", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(bob.pk)
    bob.refresh_from_db()
    assert bob.password.startswith("argon2")


def test_the_reset_link_also_confirms_the_email_address(client: Client, bob: User) -> None:
    client.post(URL, {"email": "bob@example.com"})
    _set_new_password(client, link_in(mail.outbox[0]))
    bob.refresh_from_db()
    assert bob.email_verified


def test_the_link_works_only_once(client: Client, bob: User) -> None:
    client.post(URL, {"email": "bob@example.com"})
    link = link_in(mail.outbox[0])
    _set_new_password(client, link)
    response = client.get(link, follow=True)
    assert not response.context["validlink"]
    assert "This link doesn't work" in response.text


def test_an_unknown_address_gets_the_same_page_and_no_email(client: Client, bob: User) -> None:
    response = client.post(URL, {"email": "nobody@example.com"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


class _ResetTokensMadeAt(PasswordResetTokenGenerator):
    """Django's own reset tokens, made as if `age` ago (the clock is the only thing that differs)."""

    def __init__(self, age: timedelta) -> None:
        super().__init__()
        self.age = age

    def _now(self) -> datetime:
        return datetime.now() - self.age


def _link(user: User, age: timedelta) -> str:
    token = _ResetTokensMadeAt(age).make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})


def test_a_reset_link_works_for_an_hour_only(client: Client, bob: User) -> None:
    assert client.get(_link(bob, timedelta(minutes=59)), follow=True).context["validlink"]
    assert not client.get(_link(bob, timedelta(minutes=61)), follow=True).context["validlink"]
    client.post(URL, {"email": "bob@example.com"})
    assert "within an hour" in mail.outbox[0].body


def test_a_reset_revokes_every_api_token_and_says_so(client: Client, bob: User) -> None:
    _, raw = ApiToken.issue(bob, "bot")
    ApiToken.issue(bob, "script")
    client.post(URL, {"email": "bob@example.com"})
    form_page = client.get(link_in(mail.outbox[0]), follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = client.post(set_password_url, data, follow=True)
    assert not ApiToken.objects.filter(user=bob).exists()
    assert ApiToken.objects.authenticate(raw) is None
    assert "Your 2 API tokens were revoked" in response.text
