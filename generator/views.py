"""The generator's pages: the generator itself, its form's no-JavaScript path, and each sound's own page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from generator import pipeline
from generator.engine import PRESETS
from generator.makers import Maker, ensure_anon_id
from generator.models import Sound
from generator.pipeline import ERROR_HTTP_STATUS, Update
from generator.requests import BadMessage, GenerationRequest
from library import collections
from library.models import Favorite, UserPreset

EXAMPLE_PROMPTS: tuple[str, ...] = (
    "long wet rumbler in a bathtub",
    "tiny squeak in a quiet library",
    "brrt brrt brrt",
    "slow sad trombone",
    "pfft in a church",
)
RECENT_COUNT = 10


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The generator; `?sound=<id>` opens it on one of the visitor's sounds (where the no-JS form lands)."""
    # The page's socket finds the visitor's sounds by this id, so it must be in the session before the socket opens.
    ensure_anon_id(request)
    maker = Maker.from_request(request)
    sound = _visible(maker, request.GET.get("sound", ""))
    context = _page_context(request, maker, sound)
    if sound is not None:
        context["prompt"] = "" if sound.parent_id else sound.prompt
    return render(request, "generator/home.html", context)


@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    """The prompt form without JavaScript: generate, then redirect to the page with the new sound, or show the error.

    Redirecting (303, post/redirect/get) means reloading the result page shows the sound again instead of making
    another one.
    """
    ensure_anon_id(request)
    maker = Maker.from_request(request)
    try:
        update = pipeline.generate(GenerationRequest.from_form(request.POST), maker)
    except BadMessage as error:
        update = Update(status="error", progress=0, code="bad_message", error=str(error))
    if update.sound is not None:
        return HttpResponseRedirect(f"{reverse('generator:home')}?{urlencode({'sound': update.sound.id})}", status=303)
    # On an error the sound being refined stays on screen, and so does what was typed.
    sound = _visible(maker, request.POST.get("parent", ""))
    typed = request.POST.get("prompt", "")
    is_followup = bool(request.POST.get("parent"))
    context = {
        **_page_context(request, maker, sound),
        "update": update,
        "prompt": "" if is_followup else typed,
        "followup": is_followup,
        "followup_prompt": typed if is_followup and update.status == "error" else "",
    }
    status = ERROR_HTTP_STATUS.get(update.code or "internal", 500)
    response = render(request, "generator/home.html", context, status=status)
    if update.retry_after_s is not None:
        response["Retry-After"] = str(update.retry_after_s)
    return response


@require_safe
def sound(request: HttpRequest, sound_id: UUID) -> HttpResponse:
    """A sound's own page, which is also its share link: the maker's own sounds and public ones, else 404."""
    ensure_anon_id(request)
    maker = Maker.from_request(request)
    found = get_object_or_404(Sound.objects.visible_to(maker), id=sound_id)
    context = {
        "sound": found,
        "maker": maker,
        "is_mine": found.can_edit(maker),
        "is_sound_page": True,
        **_favorite(request, found),
        **collections.for_sound_page(request.user, found),
    }
    return render(request, "generator/sound.html", context)


def _page_context(request: HttpRequest, maker: Maker, sound: Sound | None = None) -> dict[str, Any]:
    return {
        "maker": maker,
        "sound": sound,
        "examples": EXAMPLE_PROMPTS,
        "presets": PRESETS.values(),
        "my_presets": UserPreset.objects.owned_by(request.user),
        "recent": Sound.objects.recent_for(maker, RECENT_COUNT),
        **(_favorite(request, sound) if sound else {}),
    }


def _favorite(request: HttpRequest, sound: Sound) -> dict[str, bool]:
    return {"is_favorite": sound.id in Favorite.ids_for(request.user, [sound])}


def _visible(maker: Maker, sound_id: str) -> Sound | None:
    try:
        return Sound.objects.visible_to(maker).filter(id=UUID(sound_id)).first()
    except ValueError:
        return None
