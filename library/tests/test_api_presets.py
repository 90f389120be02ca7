from __future__ import annotations

from accounts.models import User
from generator.engine.spec import FartSpec
from library.models import UserPreset
from library.tests.conftest import Api, row


def test_create_from_settings_read_update_and_delete(alice: User, alice_api: Api) -> None:
    response = alice_api.send("POST", "/presets", {"name": "my usual", "spec": {"wetness": 0.8, "room": "bathtub"}})
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["name"] == "my usual"
    assert (created["spec"]["wetness"], created["spec"]["room"], "seed" in created["spec"]) == (0.8, "bathtub", False)
    path = f"/presets/{created['id']}"
    assert [p["name"] for p in alice_api.get("/presets").json()] == ["my usual"]
    updated = alice_api.send("PATCH", path, {"spec": {"duration_s": 3.0}}).json()
    assert (updated["spec"]["duration_s"], updated["spec"]["wetness"], updated["name"]) == (3.0, 0.8, "my usual")
    assert alice_api.send("PATCH", path, {"name": "my old usual"}).json()["name"] == "my old usual"
    assert alice_api.delete(path).status_code == 204
    assert not UserPreset.objects.exists()


def test_create_from_a_sound_takes_its_settings(alice: User, alice_api: Api) -> None:
    sound = row(alice, spec=FartSpec(pitch_hz=300.0, room="car", seed=9).to_dict())
    created = alice_api.send("POST", "/presets", {"name": "squeaky car", "from_sound": str(sound.id)}).json()
    assert (created["spec"]["pitch_hz"], created["spec"]["room"]) == (300.0, "car")


def test_bad_presets_are_refused(alice: User, bob: User, alice_api: Api) -> None:
    UserPreset.objects.create(owner=alice, name="Mine", spec={})
    cases = [
        ({"name": "mine"}, 409),
        ({"name": "Classic"}, 400),
        ({"name": ""}, 400),
        ({"name": "x", "spec": {"wetness": 7}}, 400),
        ({"name": "x", "spec": {"flavour": "cheese"}}, 400),
        ({"name": "x", "from_sound": str(row(bob).id)}, 404),
    ]
    for body, status in cases:
        response = alice_api.send("POST", "/presets", body)
        assert response.status_code == status, body
        assert response.json()["status"] == "error"


def test_bob_gets_404_for_alices_presets(alice: User, bob_api: Api) -> None:
    preset = UserPreset.objects.create(owner=alice, name="Mine", spec={})
    assert bob_api.get("/presets").json() == []
    for response in (
        bob_api.get(f"/presets/{preset.id}"),
        bob_api.send("PATCH", f"/presets/{preset.id}", {"name": "x"}),
        bob_api.delete(f"/presets/{preset.id}"),
    ):
        assert response.status_code == 404
    assert UserPreset.objects.filter(id=preset.id, name="Mine").exists()
