from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone

from accounts.models import User
from explore.models import Play
from generator.engine.sequence import FartSequence
from generator.engine.spec import FartSpec
from generator.makers import Maker
from library import tags
from library.models import Favorite
from library.search import SoundQuery
from library.templatetags.library_ui import when
from library.tests.conftest import row


def _listed(client: Client, query: str = "", **headers: str) -> list[str]:
    response = client.get(f"/library/?{query}", headers=headers)
    assert response.status_code == 200
    return [sound.title for sound in response.context["page"].object_list]


def test_q_finds_words_in_title_prompt_and_tags(client: Client, alice: User) -> None:
    row(alice, title="Bathtub bubbler", prompt="x")
    row(alice, title="Toot", prompt="a wet one in the tub")
    tags.add(row(alice, title="Plain", prompt="plain"), alice, "office")
    client.force_login(alice)
    assert _listed(client, "q=bathtub") == ["Bathtub bubbler"]
    assert _listed(client, "q=wet+TUB") == ["Toot"]
    assert _listed(client, "q=office") == ["Plain"]
    assert _listed(client, "tag=office") == ["Plain"]


def test_filters_and_sort_are_read_from_the_url(client: Client, alice: User, bob: User) -> None:
    now = timezone.now()
    row(alice, title="Short hall", duration_s=0.5, spec=FartSpec(room="hall").to_dict(), created_at=now)
    row(
        alice,
        title="Long tuba",
        duration_s=6.0,
        spec=FartSpec(preset="tuba").to_dict(),
        visibility="public",
        created_at=now - datetime.timedelta(days=10),
    )
    Favorite.objects.create(user=alice, sound=row(bob, title="Bob's", visibility="public"))
    client.force_login(alice)
    assert _listed(client, "room=hall") == ["Short hall"]
    assert _listed(client, "preset=tuba") == ["Long tuba"]
    assert _listed(client, "min_duration_s=1") == ["Long tuba"]
    assert _listed(client, "max_duration_s=1") == ["Short hall"]
    week_ago = (now - datetime.timedelta(days=7)).date().isoformat()
    assert _listed(client, f"created_after={week_ago}") == ["Short hall"]
    assert _listed(client, f"created_before={week_ago}") == ["Long tuba"]
    assert _listed(client, "shared=on") == ["Long tuba"]
    assert _listed(client, "favorites=on") == ["Bob's"]
    assert _listed(client, "sort=oldest") == ["Long tuba", "Short hall"]
    assert _listed(client, "sort=longest") == ["Long tuba", "Short hall"]


def test_most_played_sorts_by_plays(client: Client, alice: User) -> None:
    quiet, popular = row(alice, title="Quiet"), row(alice, title="Popular")
    row(alice, title="Never played")
    Play.objects.bulk_create([Play(sound=popular)] * 3 + [Play(sound=quiet)])
    client.force_login(alice)
    assert _listed(client, "sort=most_played") == ["Popular", "Quiet", "Never played"]


def test_has_parts_keeps_sounds_made_of_parts(client: Client, alice: User) -> None:
    parts = FartSequence(parts=(FartSpec(duration_s=0.3), FartSpec(duration_s=2.0)), gaps_s=(0.2,))
    row(alice, title="Toot then rumble", sequence=parts.to_dict())
    row(alice, title="One toot")
    client.force_login(alice)
    assert _listed(client, "has_parts=on") == ["Toot then rumble"]


def test_the_form_shows_what_the_url_asked(client: Client, alice: User) -> None:
    client.force_login(alice)
    html = client.get("/library/?q=wet&room=car&sort=oldest&shared=on").content.decode()
    assert 'name="q" value="wet"' in html
    assert '<option value="car" selected>' in html
    assert '<option value="oldest" selected>' in html
    assert 'name="shared" value="on" checked' in html


def test_a_bad_value_is_ignored_and_said(client: Client, alice: User) -> None:
    row(alice, title="Mine")
    client.force_login(alice)
    response = client.get("/library/?created_after=yesterday&min_duration_s=abc&sort=loudest")
    assert [sound.title for sound in response.context["page"].object_list] == ["Mine"]
    assert "Made from: Enter a valid date." in response.content.decode()


def test_no_match_says_so_and_offers_all(client: Client, alice: User) -> None:
    row(alice, title="Mine")
    client.force_login(alice)
    html = client.get("/library/?q=zzz").content.decode()
    assert "No sound matches" in html


def test_htmx_gets_only_the_results(client: Client, alice: User) -> None:
    row(alice, title="Mine")
    client.force_login(alice)
    response = client.get("/library/?q=mine", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="library-results"')
    assert "<html" not in html
    assert response["Vary"]
    assert "HX-Request" in response["Vary"]


def test_pagination_links_keep_the_query(client: Client, alice: User) -> None:
    for number in range(25):
        row(alice, title=f"Wet {number}")
    client.force_login(alice)
    html = client.get("/library/?q=wet&sort=oldest").content.decode()
    assert 'href="?q=wet&amp;sort=oldest&amp;page=2"' in html


def test_anonymous_makers_search_their_own_sounds(client: Client, bob: User) -> None:
    client.get("/")  # the visit that gives the session its anon_id
    anon_id = client.session["anon_id"]
    row(None, anon_id=anon_id, title="Visitor's")
    row(bob, title="Bob's", visibility="public")
    assert _listed(client, "q=visitor") == ["Visitor's"]
    assert _listed(client, "q=bob") == []


def test_tags_search_only_the_makers_own_tags(alice: User, bob: User) -> None:
    public = row(alice, visibility="public")
    tags.add(public, alice, "gross")
    Favorite.objects.create(user=bob, sound=public)
    bob_maker = Maker(user=bob, anon_id=None, ip="")
    assert list(SoundQuery(q="gross", favorites=True).sounds_for(bob_maker)) == []


def test_when_says_how_long_ago_within_a_day_and_the_date_after() -> None:
    now = timezone.now()
    assert when(now) == "just now"
    assert when(now - datetime.timedelta(minutes=5)).replace("\xa0", " ") == "5 minutes ago"
    assert when(now - datetime.timedelta(hours=3, minutes=20)).replace("\xa0", " ") == "3 hours ago"
    two_days = now - datetime.timedelta(days=2)
    local = timezone.localtime(two_days)
    assert when(two_days) in (f"{local.day} {local:%b}", f"{local.day} {local:%b %Y}")
    long_ago = timezone.localtime(now - datetime.timedelta(days=800))
    assert when(long_ago) == f"{long_ago.day} {long_ago:%b %Y}"
