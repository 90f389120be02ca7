from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken, User
from accounts.tests.conftest import PASSWORD, link_in

NEW_PASSWORD = "x-new-pass-99"
# Every form of the accounts app that POSTs, with data that succeeds once the CSRF token is there.
POSTS = {
    "signup": {"username": "carol", "email": "carol@example.com", "password1": PASSWORD, "password2": PASSWORD},
    "login": {"username": "alice", "password": PASSWORD},
    "password_reset": {"email": "alice@example.com"},
    "logout": {},
    "resend_verification": {},
    "email_change": {"email": "alice@newmail.example", "password": PASSWORD},
    "password_change": {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    "token_create": {"name": "bot"},
}
ANONYMOUS_FORMS = {"signup", "login", "password_reset"}


def _client_for(name: str, alice: User) -> Client:
    client = Client(enforce_csrf_checks=True)
    if name not in ANONYMOUS_FORMS:
        client.force_login(alice)
    return client


@pytest.mark.parametrize("name", POSTS)
def test_a_post_without_a_csrf_token_is_forbidden(alice: User, name: str) -> None:
    response = _client_for(name, alice).post(reverse(f"accounts:{name}"), POSTS[name])
    assert response.status_code == 403


@pytest.mark.parametrize("name", POSTS)
def test_the_same_post_with_the_pages_csrf_token_goes_through(alice: User, name: str) -> None:
    client = _client_for(name, alice)
    client.get(reverse(f"accounts:{name}" if name in ANONYMOUS_FORMS else "accounts:account"))
    data = {**POSTS[name], "csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    assert client.post(reverse(f"accounts:{name}"), data).status_code == 302


def test_token_revoke_without_a_csrf_token_is_forbidden(alice: User) -> None:
    token, _ = ApiToken.issue(alice, "bot")
    client = _client_for("token_revoke", alice)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 403
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_setting_a_new_password_without_a_csrf_token_is_forbidden(alice: User) -> None:
    Client().post(reverse("accounts:password_reset"), {"email": "alice@example.com"})
    client = Client(enforce_csrf_checks=True)
    form_url = client.get(link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 403
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
