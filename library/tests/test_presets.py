from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User
from generator.engine.spec import FartSpec
from library import presets
from library.models import UserPreset
from library.tests.conftest import row


def test_save_these_settings_as_a_preset(client: Client, alice: User) -> None:
    sound = row(alice, spec=FartSpec(wetness=0.9, room="bathtub", seed=5).to_dict())
    client.force_login(alice)
    response = client.post("/library/presets/", {"sound": sound.id, "name": "my usual"}, follow=True)
    assert "Saved as “my usual”" in response.content.decode()
    saved = UserPreset.objects.get(owner=alice)
    assert (saved.name, saved.spec["wetness"], saved.spec["room"], "seed" in saved.spec) == (
        "my usual",
        0.9,
        "bathtub",
        False,
    )


def test_a_public_sound_of_someone_else_may_be_saved_but_not_a_private_one(
    client: Client, alice: User, bob: User
) -> None:
    client.force_login(bob)
    client.post("/library/presets/", {"sound": row(alice, visibility="public").id, "name": "borrowed"})
    assert client.post("/library/presets/", {"sound": row(alice).id, "name": "stolen"}).status_code == 404
    assert list(UserPreset.objects.values_list("name", flat=True)) == ["borrowed"]


def test_names_are_refused_when_taken_empty_or_a_classic(client: Client, alice: User) -> None:
    UserPreset.objects.create(owner=alice, name="Mine", spec={})
    sound = row(alice)
    client.force_login(alice)
    for name, message in (("MINE", "already have a preset"), (" ", "Give the preset a name"), ("Tuba", "classic")):
        response = client.post("/library/presets/", {"sound": sound.id, "name": name}, follow=True)
        assert message in response.content.decode()
    assert UserPreset.objects.count() == 1


def test_the_list_shows_mine_beside_the_classics(client: Client, alice: User, bob: User) -> None:
    UserPreset.objects.create(owner=alice, name="my usual", spec=FartSpec().to_dict())
    UserPreset.objects.create(owner=bob, name="bobs own", spec=FartSpec().to_dict())
    client.force_login(alice)
    html = client.get("/library/presets/").content.decode()
    assert "my usual" in html
    assert "Whoopee" in html
    assert "bobs own" not in html
    home = client.get("/").content.decode()
    assert 'value="my usual"' in home
    assert "Classics" in home


def test_edit_changes_name_and_settings(client: Client, alice: User) -> None:
    preset = UserPreset.objects.create(owner=alice, name="Old", spec=presets.settings_of(FartSpec()))
    client.force_login(alice)
    form = client.get(f"/library/presets/{preset.id}/").content.decode()
    assert 'name="wetness"' in form
    assert 'value="Old"' in form
    values = {**presets.settings_of(FartSpec(wetness=0.7, room="car")), "name": "New", "preset": ""}
    response = client.post(f"/library/presets/{preset.id}/", values)
    assert response.status_code == 302
    preset.refresh_from_db()
    assert (preset.name, preset.spec["wetness"], preset.spec["room"]) == ("New", 0.7, "car")


def test_edit_refuses_out_of_range_settings(client: Client, alice: User) -> None:
    preset = UserPreset.objects.create(owner=alice, name="Old", spec=presets.settings_of(FartSpec()))
    client.force_login(alice)
    values = {**presets.settings_of(FartSpec()), "name": "Old", "preset": "", "wetness": 3}
    response = client.post(f"/library/presets/{preset.id}/", values)
    assert response.status_code == 200
    assert "less than or equal to 1" in response.content.decode()


def test_delete_asks_then_deletes(client: Client, alice: User) -> None:
    preset = UserPreset.objects.create(owner=alice, name="Old", spec={})
    client.force_login(alice)
    assert "Delete the preset" in client.get(f"/library/presets/{preset.id}/delete").content.decode()
    assert client.post(f"/library/presets/{preset.id}/delete").status_code == 302
    assert not UserPreset.objects.exists()


def test_bob_gets_404(client: Client, alice: User, bob: User) -> None:
    preset = UserPreset.objects.create(owner=alice, name="Alice's", spec={})
    client.force_login(bob)
    for response in (
        client.get(f"/library/presets/{preset.id}/"),
        client.post(f"/library/presets/{preset.id}/", {"name": "x"}),
        client.get(f"/library/presets/{preset.id}/delete"),
        client.post(f"/library/presets/{preset.id}/delete"),
    ):
        assert response.status_code == 404
    assert UserPreset.objects.filter(id=preset.id).exists()


@pytest.mark.parametrize(
    ("prompt", "rest"),
    [
        ("my usual", ""),
        ("My Usual but wetter", "but wetter"),
        ("longer, my usual", "longer"),
        ("my usual in a bathtub", "in a bathtub"),
    ],
)
def test_resolve_finds_the_preset_a_prompt_names(alice: User, prompt: str, rest: str) -> None:
    UserPreset.objects.create(owner=alice, name="my usual", spec={})
    resolved = presets.resolve(alice, prompt)
    assert resolved is not None
    assert (resolved.preset.name, resolved.rest) == ("my usual", rest)


def test_resolve_wants_whole_words_the_longest_name_and_the_owners_presets(alice: User, bob: User) -> None:
    UserPreset.objects.create(owner=alice, name="usual", spec={})
    UserPreset.objects.create(owner=alice, name="usual wet", spec={})
    UserPreset.objects.create(owner=bob, name="bobs", spec={})
    assert presets.resolve(alice, "unusually loud") is None
    assert presets.resolve(alice, "usual wet and long").preset.name == "usual wet"
    assert presets.resolve(alice, "bobs") is None
