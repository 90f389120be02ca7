from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User


@pytest.fixture
def admin_client_for_staff(db: None) -> Client:
    User.objects.create_superuser("root", "root@example.com", "an-admin-passphrase-1")
    client = Client()
    client.login(username="root", password="an-admin-passphrase-1")
    return client


def test_the_user_list_shows_verification(admin_client_for_staff: Client, alice: User) -> None:
    response = admin_client_for_staff.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 200
    assert "alice@example.com" in response.text


def test_adding_a_user_asks_for_the_email(admin_client_for_staff: Client) -> None:
    url = reverse("admin:accounts_user_add")
    assert 'name="email"' in admin_client_for_staff.get(url).text
    data = {
        "username": "dave",
        "email": "dave@example.com",
        "usable_password": "true",
        "password1": "a-long-passphrase-for-dave",
        "password2": "a-long-passphrase-for-dave",
    }
    response = admin_client_for_staff.post(url, data)
    assert response.status_code == 302
    assert User.objects.get(username="dave").email == "dave@example.com"


def test_non_staff_users_do_not_get_in(client: Client, bob: User) -> None:
    client.force_login(bob)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302
