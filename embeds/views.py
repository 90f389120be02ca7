"""What other sites show of a shared sound or collection: the embeddable player, the oEmbed answer, the preview card.

Only these pages may be framed by other sites (`frame-ancestors *`); every other page keeps X-Frame-Options: DENY.
A private sound or collection is a 404 here like anywhere else: these views see the visitor as a stranger.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit
from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve, reverse
from django.utils.html import escape
from django.views.decorators.http import require_safe

from embeds.cards import card_png
from embeds.sizes import EMBED_SIZES, THEMES, size_named
from generator.makers import Maker
from generator.models import Sound
from library.models import Collection

COLLECTION_EMBED_SOUNDS = 20
STRANGER = Maker(user=None, anon_id=None, ip="")


def framable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let any site frame the view's page: CSP frame-ancestors * instead of 'none', and no X-Frame-Options."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}  # read by Django's CSP middleware
        response.xframe_options_exempt = True
        return response

    return wrapped


def shared_sound(sound_id: UUID) -> Sound:
    """A sound anyone with its link may hear (what an embed, a card or an unfurl shows), else 404."""
    return get_object_or_404(Sound.objects.visible_to(STRANGER), id=sound_id)


def shared_collection(collection_id: UUID) -> Collection:
    return get_object_or_404(Collection.objects.visible_to(AnonymousUser()), id=collection_id)


@require_safe
@framable
def sound_embed(request: HttpRequest, sound_id: UUID) -> HttpResponse:
    sound = shared_sound(sound_id)
    return render(request, "embeds/embed.html", {"sound": sound, **_look(request)})


@require_safe
@framable
def collection_embed(request: HttpRequest, collection_id: UUID) -> HttpResponse:
    collection = shared_collection(collection_id)
    sounds = Paginator(collection.sounds_for(STRANGER), COLLECTION_EMBED_SOUNDS).get_page(1).object_list
    context = {"collection": collection, "sounds": sounds, **_look(request)}
    return render(request, "embeds/embed.html", context)


@require_safe
def sound_card(request: HttpRequest, sound_id: UUID) -> HttpResponse:
    sound = shared_sound(sound_id)
    subtitle = f"{sound.duration_s:.1f} s" + (f" · “{sound.prompt}”" if sound.prompt else "")
    return _png(card_png(sound.title, subtitle, sound.peaks))


@require_safe
def collection_card(request: HttpRequest, collection_id: UUID) -> HttpResponse:
    collection = shared_collection(collection_id)
    sounds = list(collection.sounds_for(STRANGER)[:1])
    count = collection.sounds_for(STRANGER).count()
    subtitle = f"A collection of {count} sound{'s' if count != 1 else ''}"
    return _png(card_png(collection.name, subtitle, sounds[0].peaks if sounds else []))


@require_safe
def oembed(request: HttpRequest) -> HttpResponse:
    """oEmbed (https://oembed.com) for sound and collection pages: a `rich` answer with an iframe of the embed."""
    if request.GET.get("format", "json") != "json":
        return HttpResponse("Only format=json is offered.", status=501, content_type="text/plain")
    target = _embedded(request, request.GET.get("url", ""))
    size = size_named(_size_for(request))
    embed_url = request.build_absolute_uri(f"{target['embed_path']}?{urlencode({'size': size.name})}")
    iframe = (
        f'<iframe src="{embed_url}" width="{size.width}" height="{target["height"](size)}" '
        f'title="{escape(target["title"])} on Fartgen" loading="lazy" style="border:0;border-radius:12px"></iframe>'
    )
    answer = {
        "version": "1.0",
        "type": "rich",
        "provider_name": "Fartgen",
        "provider_url": request.build_absolute_uri("/"),
        "title": target["title"],
        "html": iframe,
        "width": size.width,
        "height": target["height"](size),
        "thumbnail_url": request.build_absolute_uri(target["card_path"]),
        "thumbnail_width": 1200,
        "thumbnail_height": 630,
        "cache_age": 3600,
    }
    return JsonResponse(answer)


def _embedded(request: HttpRequest, url: str) -> dict[str, Any]:
    """What an oEmbed `url` names: one of this site's shared sound or collection pages, else 404."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != request.get_host():
        raise Http404("not a page of this site")
    try:
        match = resolve(parts.path)
    except Resolver404:
        raise Http404("not a sound or collection page") from None
    if match.view_name == "generator:sound":
        sound = shared_sound(match.kwargs["sound_id"])
        return {
            "title": sound.title,
            "embed_path": reverse("embeds:sound_embed", args=[sound.id]),
            "card_path": reverse("embeds:sound_card", args=[sound.id]),
            "height": lambda size: size.height,
        }
    if match.view_name == "library:collection":
        collection = shared_collection(match.kwargs["collection_id"])
        return {
            "title": collection.name,
            "embed_path": reverse("embeds:collection_embed", args=[collection.id]),
            "card_path": reverse("embeds:collection_card", args=[collection.id]),
            "height": lambda size: size.list_height,
        }
    raise Http404("not a sound or collection page")


def _size_for(request: HttpRequest) -> str:
    """The largest size that fits the consumer's maxwidth (oEmbed's own parameter), else the one asked for."""
    try:
        max_width = int(request.GET.get("maxwidth", "0"))
    except ValueError:
        max_width = 0
    if max_width > 0:
        fitting = [size for size in EMBED_SIZES.values() if size.width <= max_width]
        return fitting[-1].name if fitting else "small"
    return request.GET.get("size", "medium")


def _look(request: HttpRequest) -> dict[str, Any]:
    theme = request.GET.get("theme", "light")
    return {"size": size_named(request.GET.get("size", "medium")), "theme": theme if theme in THEMES else "light"}


def _png(data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="image/png")
    # Short: a sound made private again must stop showing in previews before long.
    response["Cache-Control"] = "public, max-age=3600"
    return response
