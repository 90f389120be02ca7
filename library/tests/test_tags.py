from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User
from library import tags
from library.models import Tag
from library.tests.conftest import row

HTMX = {"HX-Request": "true"}


def test_adding_a_tag_returns_the_list_and_fresh_autocomplete(client: Client, alice: User) -> None:
    sound = row(alice)
    client.force_login(alice)
    response = client.post(f"/library/sounds/{sound.id}/tags", {"name": " #Bath  time "}, headers=HTMX)
    html = response.content.decode()
    assert "#Bath time</a>" in html
    assert '<datalist id="tag-names" hx-swap-oob="true">' in html
    assert '<option value="Bath time">' in html
    assert list(sound.tags.values_list("name", flat=True)) == ["Bath time"]


def test_the_same_tag_in_another_case_is_the_same_tag(client: Client, alice: User) -> None:
    first, second = row(alice), row(alice)
    client.force_login(alice)
    client.post(f"/library/sounds/{first.id}/tags", {"name": "Wet"})
    client.post(f"/library/sounds/{second.id}/tags", {"name": "wet"})
    assert Tag.objects.filter(owner=alice).count() == 1
    assert Tag.objects.get(owner=alice).sounds.count() == 2


def test_the_library_offers_the_owners_tags_for_autocomplete(client: Client, alice: User, bob: User) -> None:
    tags.add(row(alice), alice, "alices")
    tags.add(row(bob), bob, "bobs")
    client.force_login(alice)
    html = client.get("/library/").content.decode()
    assert '<option value="alices">' in html
    assert "bobs" not in html


def test_removing_the_last_use_of_a_tag_forgets_it(client: Client, alice: User) -> None:
    sound = row(alice)
    tag = tags.add(sound, alice, "gone soon")
    client.force_login(alice)
    response = client.post(f"/library/sounds/{sound.id}/tags/{tag.id}/remove", {"next": "/library/"})
    assert response.status_code == 302
    assert not Tag.objects.exists()


def test_an_empty_or_long_tag_is_refused_with_a_message(client: Client, alice: User) -> None:
    sound = row(alice)
    client.force_login(alice)
    for name, message in (("  ", "Type a word"), ("x" * 41, "Keep a tag to 40 characters")):
        html = client.post(f"/library/sounds/{sound.id}/tags", {"name": name}, headers=HTMX).content.decode()
        assert message in html
    assert not Tag.objects.exists()


def test_a_sound_takes_at_most_so_many_tags(alice: User) -> None:
    sound = row(alice)
    for number in range(tags.MAX_TAGS_PER_SOUND):
        tags.add(sound, alice, f"t{number}")
    with pytest.raises(tags.TagRefused):
        tags.add(sound, alice, "one more")


def test_bob_gets_404(client: Client, alice: User, bob: User) -> None:
    sound = row(alice, visibility="public")
    tag = tags.add(sound, alice, "alices")
    client.force_login(bob)
    assert client.post(f"/library/sounds/{sound.id}/tags", {"name": "bobs"}).status_code == 404
    assert client.post(f"/library/sounds/{sound.id}/tags/{tag.id}/remove").status_code == 404
    assert list(sound.tags.values_list("name", flat=True)) == ["alices"]


def test_anonymous_visitors_are_sent_to_log_in(client: Client, alice: User) -> None:
    sound = row(alice)
    response = client.post(f"/library/sounds/{sound.id}/tags", {"name": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_sound_in_the_trash_keeps_its_tags(alice: User) -> None:
    trashed, kept = row(alice), row(alice)
    tag = tags.add(trashed, alice, "wet")
    tags.add(kept, alice, "wet")
    trashed.move_to_trash()
    tags.remove(kept, tag)
    assert Tag.objects.filter(id=tag.id).exists(), "the trashed sound still has it"
    trashed.restore()
    assert list(trashed.tags.values_list("name", flat=True)) == ["wet"]


def test_autocomplete_leaves_out_tags_held_only_by_sounds_in_the_trash(client: Client, alice: User) -> None:
    trashed, kept = row(alice), row(alice)
    tags.add(trashed, alice, "only in the trash")
    tags.add(trashed, alice, "both")
    tags.add(kept, alice, "both")
    trashed.move_to_trash()
    client.force_login(alice)
    html = client.get("/library/").content.decode()
    assert '<option value="both">' in html
    assert "only in the trash" not in html
    answer = client.post(f"/library/sounds/{kept.id}/tags", {"name": "new"}, headers=HTMX).content.decode()
    assert '<option value="new">' in answer
    assert "only in the trash" not in answer
    assert list(tags.of_owner(alice).values_list("name", "sound_count")) == [("both", 1), ("new", 1)]
    trashed.restore()
    assert '<option value="only in the trash">' in client.get("/library/").content.decode()
