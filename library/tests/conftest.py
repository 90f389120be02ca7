from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from accounts.models import ApiToken, User
from generator.models import Sound
from generator.tests.sounds import made_by, make_row

MakeSound = Callable[..., Sound]


@pytest.fixture
def make_sound(db: None) -> MakeSound:
    """Makes a real sound through the pipeline, owned by `user`."""

    def make(user: User, prompt: str = "short squeaky toot", visibility: str = "private") -> Sound:
        sound = made_by(user, prompt)
        if visibility != sound.visibility:
            sound.visibility = visibility
            sound.save(update_fields=["visibility"])
        return sound

    return make


class Api:
    """A test client speaking JSON to /api/ with a bearer token (or none)."""

    def __init__(self, token: str | None = None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **query: Any) -> Any:
        return self.client.get(f"/api{path}", query, headers=self.headers)

    def delete(self, path: str) -> Any:
        return self.client.delete(f"/api{path}", headers=self.headers)

    def send(self, method: str, path: str, body: Any = None) -> Any:
        call = getattr(self.client, method.lower())
        return call(f"/api{path}", json.dumps(body), content_type="application/json", headers=self.headers)


@pytest.fixture
def alice_api(alice: User) -> Api:
    return Api(ApiToken.issue(alice, "tests")[1])


@pytest.fixture
def bob_api(bob: User) -> Api:
    return Api(ApiToken.issue(bob, "tests")[1])


def row(owner: User, **fields: Any) -> Sound:
    """A bare sound row of `owner`'s (no pipeline, no file: fast)."""
    return make_row(owner=owner, **fields)
