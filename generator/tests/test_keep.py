from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import generate_takes
from generator.requests import GenerationRequest
from generator.tests.sounds import logged_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def takes_of(user: User) -> list[Sound]:
    updates = generate_takes(GenerationRequest(prompt="short dry toot", takes=3), Maker(user, None, "127.0.0.1"))
    return [update.sound for update in updates if update.sound]


def test_keeping_a_take_makes_it_the_current_sound_and_the_others_stay_takes(alice: User) -> None:
    _first, second, _third = takes_of(alice)
    response = logged_in(alice).post(f"/sounds/{second.id}/keep")
    assert response.status_code == 303
    assert response["Location"] == f"/?sound={second.id}"
    assert [sound.is_take for sound in Sound.objects.order_by("created_at")] == [True, False, True]
    page = logged_in(alice).get(response["Location"]).content.decode()
    assert f'data-sound-id="{second.id}"' in page
    assert page.count('class="take') >= 3
    assert "Kept" in page


def test_htmx_gets_the_kept_takes_card(alice: User) -> None:
    _, _, third = takes_of(alice)
    response = logged_in(alice).post(f"/sounds/{third.id}/keep", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'data-sound-id="{third.id}"' in response.content.decode()


def test_bob_gets_404_for_alices_take(alice: User, bob: User) -> None:
    first, _, _ = takes_of(alice)
    assert logged_in(bob).post(f"/sounds/{first.id}/keep").status_code == 404
    assert Sound.objects.get(id=first.id).is_take


def test_keeping_needs_post_and_csrf(alice: User) -> None:
    first, _, _ = takes_of(alice)
    assert logged_in(alice).get(f"/sounds/{first.id}/keep").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert strict.post(f"/sounds/{first.id}/keep").status_code == 403
