from __future__ import annotations

import re

import pytest
from django.core.mail import EmailMessage
from django.test import Client

PASSWORD = "correct-horse-battery-staple"


def link_in(message: EmailMessage) -> str:
    """The one link in a plain-text email, as a path the test client can follow."""
    (link,) = re.findall(r"https?://testserver(/\S+)", message.body)
    return link


@pytest.fixture
def alice_client(client: Client, alice: object) -> Client:
    client.force_login(alice)
    return client
