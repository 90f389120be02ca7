"""A NUL character (which PostgreSQL's text cannot hold) in any text the API takes is a 400, never a 500."""

from __future__ import annotations

import pytest

from accounts.models import User
from library.models import Collection
from library.tests.conftest import Api, row


@pytest.mark.parametrize(
    ("path", "query"),
    [("/explore", {"q": "wet\x00"}), ("/sounds", {"q": "wet\x00"}), ("/sounds", {"tag": "\x00"})],
)
def test_a_nul_in_a_query_is_a_bad_message(alice_api: Api, path: str, query: dict[str, str]) -> None:
    response = alice_api.get(path, **query)
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "bad_message"


def test_a_nul_in_a_title_name_or_tag_is_a_bad_message(alice: User, alice_api: Api) -> None:
    sound = row(alice, title="Before")
    collection = Collection.objects.create(owner=alice, name="Mine")
    for method, path, body in (
        ("PATCH", f"/sounds/{sound.id}", {"title": "a\x00b"}),
        ("PATCH", f"/sounds/{sound.id}", {"tags": ["a\x00b"]}),
        ("POST", "/collections", {"name": "a\x00b"}),
        ("PATCH", f"/collections/{collection.id}", {"name": "a\x00b"}),
        ("POST", "/presets", {"name": "a\x00b", "spec": {}}),
    ):
        response = alice_api.send(method, path, body)
        assert response.status_code == 400, (method, path, response.content)
        assert response.json()["code"] == "bad_message"
    sound.refresh_from_db()
    assert sound.title == "Before"
