from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from generator.tests.sounds import logged_in, make_row
from library.models import Collection
from moderation import rules
from moderation.models import Report

pytestmark = pytest.mark.django_db


def _report(client: Client, sound: object, **data: str) -> object:
    return client.post(reverse("moderation:report_sound", args=[sound.id]), {"reason": "spam", **data}, follow=True)


def test_a_visitor_reports_a_link_shared_sound_once(client: Client, alice: User) -> None:
    sound = make_row(owner=alice, visibility="link")
    page = client.get(sound.get_absolute_url()).content.decode()
    assert "Report" in page
    assert reverse("moderation:report_sound", args=[sound.id]) in page
    first = _report(client, sound, text="  buy pills  ")
    assert "Thanks: a moderator will look at it." in first.content.decode()
    second = _report(client, sound, reason="hateful")
    assert "You have reported this already" in second.content.decode()
    report = Report.objects.get()
    assert (report.sound, report.reason, report.text, report.is_open) == (sound, "spam", "buy pills", True)


def test_two_visitors_make_two_reports(alice: User, bob: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    _report(logged_in(bob), sound)
    _report(Client(), sound)
    assert Report.objects.filter(sound=sound).count() == 2


def test_a_bad_reason_is_refused_with_a_message(client: Client, alice: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    response = _report(client, sound, reason="meh", text="x" * 501)
    html = response.content.decode()
    assert "Choose one of the reasons." in html
    assert "Keep it to 500 characters" in html
    assert not Report.objects.exists()


def test_reports_are_rate_limited(client: Client, alice: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "REPORTS_PER_HOUR", 2)
    sounds = [make_row(owner=alice, visibility="public") for _ in range(3)]
    for sound in sounds[:2]:
        _report(client, sound)
    refused = _report(client, sounds[2])
    assert "sent a lot of reports" in refused.content.decode()
    assert Report.objects.count() == 2


def test_a_private_sound_cannot_be_reported_by_others(client: Client, alice: User) -> None:
    sound = make_row(owner=alice)
    assert client.post(reverse("moderation:report_sound", args=[sound.id]), {"reason": "spam"}).status_code == 404


def test_the_owner_gets_no_report_button(alice: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    assert "moderation" not in logged_in(alice).get(sound.get_absolute_url()).content.decode()


def test_a_shared_collection_can_be_reported(client: Client, alice: User) -> None:
    collection = Collection.objects.create(owner=alice, name="Rude name", visibility="public")
    client.post(reverse("moderation:report_collection", args=[collection.id]), {"reason": "hateful"})
    assert Report.objects.get().collection == collection
    private = Collection.objects.create(owner=alice, name="Mine")
    url = reverse("moderation:report_collection", args=[private.id])
    assert client.post(url, {"reason": "hateful"}).status_code == 404
