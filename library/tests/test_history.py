from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import generate_takes
from generator.requests import GenerationRequest
from library import views
from library.models import Favorite
from library.tests.conftest import MakeSound


def test_it_lists_my_sounds_newest_first_and_nobody_elses(
    client: Client, alice: User, bob: User, make_sound: MakeSound
) -> None:
    first = make_sound(alice, "long wet rumbler")
    second = make_sound(alice, "tiny squeaker")
    make_sound(bob, "bob's secret trumpet", visibility="public")
    client.force_login(alice)
    page = client.get(reverse("library:history")).content.decode()
    assert page.index(second.get_absolute_url()) < page.index(first.get_absolute_url())
    for sound in Sound.objects.filter(owner=bob):
        assert str(sound.id) not in page


def test_it_paginates(client: Client, alice: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice)
    Sound.objects.bulk_create(
        [
            Sound(
                owner=alice,
                prompt=f"copy {n}",
                title=f"Copy number {n}",
                spec=sound.spec,
                seed=n,
                engine_version=sound.engine_version,
                duration_s=sound.duration_s,
                peaks=sound.peaks,
                wav=sound.wav.name,
            )
            for n in range(24)
        ]
    )
    client.force_login(alice)
    first = client.get(reverse("library:history")).content.decode()
    second = client.get(reverse("library:history") + "?page=2").content.decode()
    assert "Page 1 of 2" in first
    assert "Page 2 of 2" in second
    assert first.count('data-sound-row') == 20
    assert second.count('data-sound-row') == 5


def test_it_shows_an_empty_state(client: Client, alice: User) -> None:
    client.force_login(alice)
    response = client.get(reverse("library:history"))
    assert response.status_code == 200
    assert "Nothing here yet" in response.content.decode()


def test_a_junk_page_number_shows_the_last_page_instead_of_an_error(
    client: Client, alice: User, make_sound: MakeSound
) -> None:
    sound = make_sound(alice)
    client.force_login(alice)
    for junk in ["999", "abc", "-1"]:
        response = client.get(reverse("library:history") + f"?page={junk}")
        assert response.status_code == 200
        assert sound.get_absolute_url() in response.content.decode()


def test_the_favorites_pages_link_to_more_favorites(
    client: Client, alice: User, make_sound: MakeSound, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "SOUNDS_PER_PAGE", 1)
    for prompt in ("long wet rumbler", "tiny squeaker"):
        Favorite.objects.create(user=alice, sound=make_sound(alice, prompt))
    client.force_login(alice)
    favorites = client.get(reverse("library:history") + "?favorites=on").content.decode()
    mine = client.get(reverse("library:history")).content.decode()
    assert 'href="?favorites=on&amp;page=2"' in favorites
    assert 'href="?page=2"' in mine


@pytest.mark.usefixtures("media")
def test_takes_that_were_not_kept_are_marked_as_takes(client: Client, alice: User) -> None:
    updates = generate_takes(GenerationRequest(prompt="short dry toot", takes=3), Maker(alice, None, "127.0.0.1"))
    first, second, third = (update.sound for update in updates if update.sound is not None)
    second.keep()
    client.force_login(alice)
    page = client.get(reverse("library:history")).content.decode()
    metas = {
        sound.id: page.split(f'data-sound-id="{sound.id}"')[1].split("sound-row-meta")[1].split("</span>")[0]
        for sound in (first, second, third)
    }
    assert "· take 1 ·" in metas[first.id]
    assert "· take 3 ·" in metas[third.id]
    assert "take" not in metas[second.id]
