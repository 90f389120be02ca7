"""The moderation queue in the admin: reported items by number of reports, and what moderators do with them."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.test import Client

from accounts.models import User
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import generate
from generator.requests import GenerationRequest
from generator.tests.sounds import make_row
from library.models import Collection
from moderation.models import ModerationAction, Report, Suspension

pytestmark = pytest.mark.django_db
QUEUE = "/admin/moderation/reportedsound/"


@pytest.fixture
def moderator() -> User:
    return User.objects.create_superuser("mod", "mod@example.com", "moderator-passphrase-9")


@pytest.fixture
def mod_client(moderator: User) -> Client:
    client = Client()
    client.force_login(moderator)
    return client


def _reported(sound: Sound, times: int) -> Sound:
    for i in range(times):
        Report.objects.create(sound=sound, reason="spam", text=f"report {i}", reporter=f"r{i}")
    return sound


def test_the_queue_lists_reported_sounds_most_reported_first(mod_client: Client, alice: User) -> None:
    _reported(make_row(owner=alice, title="Once", visibility="public"), 1)
    _reported(make_row(owner=alice, title="Thrice", visibility="public"), 3)
    make_row(owner=alice, title="Never", visibility="public")
    html = mod_client.get(QUEUE).content.decode()
    assert "Never" not in html
    assert html.index("Thrice") < html.index("Once")
    # Listen in place: a signed link, the moderator is not the owner.
    assert "/audio.mp3?key=" in html
    assert "report 2" in html


def test_hiding_takes_it_down_closes_its_reports_and_is_logged(
    mod_client: Client, moderator: User, alice: User
) -> None:
    sound = _reported(make_row(owner=alice, title="Rude", visibility="public"), 2)
    mod_client.post(QUEUE, {"action": "hide", "_selected_action": [str(sound.id)]})
    sound.refresh_from_db()
    assert sound.is_hidden
    assert Client().get(sound.get_absolute_url()).status_code == 404
    assert not Report.objects.filter(is_open=True).exists()
    action = ModerationAction.objects.get()
    assert (action.moderator, action.kind, action.sound, action.item_label) == (moderator, "hide", sound, "Rude")
    assert action.at is not None


def test_restore_and_dismiss_are_logged_too(mod_client: Client, alice: User) -> None:
    hidden = _reported(make_row(owner=alice, visibility="public", is_hidden=True), 1)
    fine = _reported(make_row(owner=alice, visibility="public"), 1)
    mod_client.post(QUEUE, {"action": "restore", "_selected_action": [str(hidden.id)]})
    mod_client.post(QUEUE, {"action": "dismiss", "_selected_action": [str(fine.id)]})
    hidden.refresh_from_db()
    assert not hidden.is_hidden
    assert set(ModerationAction.objects.values_list("kind", flat=True)) == {"restore", "dismiss"}
    assert "Rude" not in mod_client.get(QUEUE).content.decode()


def test_suspending_the_maker_hides_their_items_and_refuses_generation(mod_client: Client, alice: User) -> None:
    sound = _reported(make_row(owner=alice, visibility="public"), 1)
    other = make_row(owner=alice, visibility="link")
    collection = Collection.objects.create(owner=alice, name="Hers", visibility="public")
    mod_client.post(QUEUE, {"action": "suspend_maker", "_selected_action": [str(sound.id)]})
    assert Suspension.objects.filter(user=alice).exists()
    for item in (sound, other, collection):
        item.refresh_from_db()
        assert item.is_hidden
    update = generate(GenerationRequest(prompt="toot"), Maker(user=alice, anon_id=None, ip="127.0.0.1"))
    assert (update.status, update.code) == ("error", "suspended")
    assert "suspended" in update.error
    assert ModerationAction.objects.get().kind == "suspend"


def test_an_anonymous_maker_can_be_suspended(mod_client: Client) -> None:
    sound = _reported(make_row(anon_id="troll", visibility="link"), 1)
    mod_client.post(QUEUE, {"action": "suspend_maker", "_selected_action": [str(sound.id)]})
    update = generate(GenerationRequest(prompt="toot"), Maker(user=None, anon_id="troll", ip="127.0.0.1"))
    assert update.code == "suspended"


def test_reported_collections_have_their_queue(mod_client: Client, alice: User) -> None:
    collection = Collection.objects.create(owner=alice, name="Rude name", visibility="public")
    Report.objects.create(collection=collection, reason="hateful", reporter="r")
    url = "/admin/moderation/reportedcollection/"
    assert "Rude name" in mod_client.get(url).content.decode()
    mod_client.post(url, {"action": "hide", "_selected_action": [str(collection.id)]})
    collection.refresh_from_db()
    assert collection.is_hidden
    assert Client().get(collection.get_absolute_url()).status_code == 404


def test_the_log_lists_who_did_what_and_when(mod_client: Client, alice: User) -> None:
    sound = _reported(make_row(owner=alice, title="Rude", visibility="public"), 1)
    mod_client.post(QUEUE, {"action": "hide", "_selected_action": [str(sound.id)]})
    html = mod_client.get("/admin/moderation/moderationaction/").content.decode()
    assert "mod" in html
    assert "Rude" in html


def test_strangers_get_no_queue(alice: User) -> None:
    client = Client()
    client.force_login(alice)
    assert client.get(QUEUE).status_code == 302


def _suspension_url(suspension: Suspension) -> str:
    return f"/admin/moderation/suspension/{suspension.pk}/delete/"


def test_lifting_a_suspension_shows_again_what_it_hid_but_not_what_was_hidden_on_its_own(
    mod_client: Client, moderator: User, alice: User
) -> None:
    reported = _reported(make_row(owner=alice, visibility="public"), 1)
    linked = make_row(owner=alice, visibility="link")
    collection = Collection.objects.create(owner=alice, name="Hers", visibility="public")
    hidden_before = _reported(make_row(owner=alice, visibility="public"), 1)
    mod_client.post(QUEUE, {"action": "hide", "_selected_action": [str(hidden_before.id)]})
    mod_client.post(QUEUE, {"action": "suspend_maker", "_selected_action": [str(reported.id)]})
    hidden_during = _reported(make_row(owner=alice, visibility="public"), 1)
    mod_client.post(QUEUE, {"action": "hide", "_selected_action": [str(hidden_during.id)]})
    # Reported again while suspended, then hidden on its own account: it stays down after the lift.
    _reported(linked, 1)
    mod_client.post(QUEUE, {"action": "hide", "_selected_action": [str(linked.id)]})

    url = _suspension_url(Suspension.objects.get(user=alice))
    assert mod_client.get(url).status_code == 200
    response = mod_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Suspension.objects.exists()
    for item in (reported, collection):
        item.refresh_from_db()
        assert not item.is_hidden
        assert Client().get(item.get_absolute_url()).status_code == 200
    for item in (hidden_before, hidden_during, linked):
        item.refresh_from_db()
        assert item.is_hidden
        assert Client().get(item.get_absolute_url()).status_code == 404
    update = generate(GenerationRequest(prompt="toot"), Maker(user=alice, anon_id=None, ip="127.0.0.1"))
    assert update.status == "complete"
    lift = ModerationAction.objects.get(kind="lift")
    assert (lift.moderator, lift.item_label) == (moderator, "alice")


def test_lifting_suspensions_from_the_list_shows_an_anonymous_makers_sounds_again(mod_client: Client) -> None:
    sound = _reported(make_row(anon_id="troll", visibility="link"), 1)
    mod_client.post(QUEUE, {"action": "suspend_maker", "_selected_action": [str(sound.id)]})
    suspension = Suspension.objects.get(anon_id="troll")
    mod_client.post(
        "/admin/moderation/suspension/",
        {"action": "delete_selected", "_selected_action": [str(suspension.pk)], "post": "yes"},
    )
    assert not Suspension.objects.exists()
    sound.refresh_from_db()
    assert not sound.is_hidden
    assert ModerationAction.objects.filter(kind="lift", item_label="anonymous troll").exists()


def test_suspensions_from_before_the_record_remember_what_they_hid(alice: User, moderator: User) -> None:
    migration = importlib.import_module("moderation.migrations.0002_suspension_remembers_what_it_hid")
    hidden_by_hand = make_row(owner=alice, visibility="public", is_hidden=True)
    ModerationAction.objects.create(moderator=moderator, kind="hide", sound=hidden_by_hand, item_label="x")
    hidden_then_restored = make_row(owner=alice, visibility="public", is_hidden=True)
    ModerationAction.objects.create(moderator=moderator, kind="hide", sound=hidden_then_restored, item_label="x")
    ModerationAction.objects.create(moderator=moderator, kind="restore", sound=hidden_then_restored, item_label="x")
    hidden_by_suspension = make_row(owner=alice, visibility="public", is_hidden=True)
    visible = make_row(owner=alice, visibility="public")
    collection = Collection.objects.create(owner=alice, name="Hers", visibility="public", is_hidden=True)
    suspension = Suspension.objects.create(user=alice)

    migration.remember_what_suspensions_hid(apps, None)

    assert set(suspension.hidden_sounds.all()) == {hidden_then_restored, hidden_by_suspension}
    assert list(suspension.hidden_collections.all()) == [collection]
    assert visible not in suspension.hidden_sounds.all()
