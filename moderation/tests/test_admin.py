"""The moderation queue in the admin: reported items by number of reports, and what moderators do with them."""

from __future__ import annotations

import pytest
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
