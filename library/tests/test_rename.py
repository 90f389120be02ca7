from __future__ import annotations

from django.test import Client

from accounts.models import User
from library.tests.conftest import row

HTMX = {"HX-Request": "true"}


def _url(sound) -> str:
    return f"/library/sounds/{sound.id}/rename"


def test_htmx_gets_the_inline_form_and_the_new_title(client: Client, alice: User) -> None:
    sound = row(alice, title="Machine gun")
    client.force_login(alice)
    form = client.get(_url(sound), headers=HTMX).content.decode()
    assert 'name="title" value="Machine gun"' in form
    assert "<html" not in form
    response = client.post(_url(sound), {"title": "  Machine   gun, the third "}, headers=HTMX)
    assert response.status_code == 200
    assert "Machine gun, the third</a>" in response.content.decode()
    sound.refresh_from_db()
    assert sound.title == "Machine gun, the third"


def test_cancel_puts_the_title_back(client: Client, alice: User) -> None:
    sound = row(alice, title="Keep me")
    client.force_login(alice)
    html = client.get(_url(sound) + "?cancel=1", headers=HTMX).content.decode()
    assert 'class="sound-row-title"' in html
    assert "Keep me" in html


def test_without_js_it_is_a_page_and_a_redirect(client: Client, alice: User) -> None:
    sound = row(alice, title="Old")
    client.force_login(alice)
    assert "<html" in client.get(_url(sound)).content.decode()
    response = client.post(_url(sound), {"title": "New", "next": "/library/?q=new"})
    assert response.status_code == 302
    assert response["Location"] == "/library/?q=new"


def test_an_empty_or_long_title_is_refused(client: Client, alice: User) -> None:
    sound = row(alice, title="Old")
    client.force_login(alice)
    for title, message in (("   ", "Give it a title."), ("x" * 121, "Keep the title to 120 characters")):
        html = client.post(_url(sound), {"title": title}, headers=HTMX).content.decode()
        assert message in html
        assert 'aria-invalid="true"' in html
    sound.refresh_from_db()
    assert sound.title == "Old"


def test_bob_gets_404(client: Client, alice: User, bob: User) -> None:
    sound = row(alice, title="Alice's", visibility="public")
    client.force_login(bob)
    assert client.get(_url(sound)).status_code == 404
    assert client.post(_url(sound), {"title": "Bob's now"}).status_code == 404
    sound.refresh_from_db()
    assert sound.title == "Alice's"


def test_an_anonymous_maker_renames_their_own_sound(client: Client, db: None) -> None:
    client.get("/")
    sound = row(None, anon_id=client.session["anon_id"], title="Old")
    assert client.post(_url(sound), {"title": "Mine"}).status_code == 302
    sound.refresh_from_db()
    assert sound.title == "Mine"


def test_it_enforces_csrf(alice: User) -> None:
    sound = row(alice, title="Old")
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(_url(sound), {"title": "New"}).status_code == 403
