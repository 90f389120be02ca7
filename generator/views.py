"""The generator's pages: the generator itself, its form's no-JavaScript path, and each sound's own page."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from embeds.unfurl import sound_meta
from fartgen.http import HtmxHttpRequest
from generator import limits, pipeline
from generator.engine import PRESETS
from generator.makers import Maker, ensure_anon_id
from generator.models import Sound
from generator.pipeline import ERROR_HTTP_STATUS, Update
from generator.requests import EXAMPLE_PROMPT, BadMessage, GenerationRequest
from generator.studio import card_context
from library import collections
from library.models import Favorite, UserPreset
from library.sharing import publish_refusal
from moderation.forms import ReportForm

EXAMPLE_PROMPTS: tuple[str, ...] = (
    EXAMPLE_PROMPT,
    "tiny squeak in a quiet library",
    "brrt brrt brrt",
    "slow sad trombone",
    "pfft in a hall",
)
RECENT_COUNT = 10
# A prompt on the page makes this many takes at once (programs ask for 1–4 with `takes`).
STUDIO_TAKES = 3
# How long a double click's second request waits for the first one's sound (a generation takes well under 1 s).
TWIN_WAIT_S = 10


@require_safe
@vary_on_headers("HX-Request")
def home(request: HtmxHttpRequest) -> HttpResponse:
    """The studio; `?sound=<id>` opens it on a sound the visitor may hear (a link, a reload, Back and Forward, the
    no-JS form's landing). With htmx, only the sound's result card and takes, for the page to swap in."""
    # The page's socket finds the visitor's sounds by this id, so it must be in the session before the socket opens.
    ensure_anon_id(request)
    maker = Maker.from_request(request)
    sound = _visible(maker, request.GET.get("sound", ""))
    if request.htmx:
        if sound is None:
            raise Http404("no such sound")
        return _studio_fragment(request, maker, sound)
    context = _page_context(request, maker, sound)
    if sound is not None:
        context["prompt"] = "" if sound.parent_id else sound.prompt
    return render(request, "generator/home.html", context)


@require_POST
def keep(request: HtmxHttpRequest, sound_id: UUID) -> HttpResponse:
    """Keep one of several takes: it becomes the current sound, a sound of its own; the others stay takes."""
    maker = Maker.from_request(request)
    sound = get_object_or_404(Sound.objects.owned_by(maker), id=sound_id)
    sound.keep()
    if request.htmx:
        return _studio_fragment(request, maker, sound)
    return HttpResponseRedirect(_studio_url(sound), status=303)


def _studio_fragment(request: HttpRequest, maker: Maker, sound: Sound) -> HttpResponse:
    context = {**card_context(sound, maker), **_favorite(request, sound)}
    return render(request, "generator/home.html#studio_swap", context)


def _studio_url(sound: Sound | None) -> str:
    if sound is None:
        return reverse("generator:home")
    return f"{reverse('generator:home')}?{urlencode({'sound': sound.id})}"


def _is_first_of_identical(maker: Maker, generation: GenerationRequest) -> bool:
    try:
        return limits.is_first_of_identical(maker, generation.dedupe_key())
    except limits.LimitsUnavailable:
        return True  # the pipeline's own limit check answers that the site is busy


def _twin(maker: Maker, started: datetime) -> Sound | None:
    """The sound an identical request sent a moment ago is making, once it is saved (within TWIN_WAIT_S)."""
    since = started - timedelta(seconds=limits.DEDUPE_S)
    deadline = time.monotonic() + TWIN_WAIT_S
    while time.monotonic() < deadline:
        twin = Sound.objects.owned_by(maker).filter(created_at__gte=since).order_by("created_at").first()
        if twin is not None:
            return twin
        time.sleep(0.1)
    return None


@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    """The prompt form without JavaScript: generate, then redirect to the page with the new sound, or show the error.

    Redirecting (303, post/redirect/get) means reloading the result page shows the sound again instead of making
    another one.
    """
    ensure_anon_id(request)
    maker = Maker.from_request(request)
    started = timezone.now()
    try:
        generation = GenerationRequest.from_form(request.POST)
        if not _is_first_of_identical(maker, generation):
            # A double click: the browser shows only this answer, so it shows the sound the first click makes.
            return HttpResponseRedirect(_studio_url(_twin(maker, started)), status=303)
        update = pipeline.generate(generation, maker)
    except BadMessage as error:
        update = Update(status="error", progress=0, code="bad_message", error=str(error))
    if update.sound is not None:
        return HttpResponseRedirect(_studio_url(update.sound), status=303)
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
        "followup_error": update.error if is_followup and update.status == "error" else "",
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
    is_mine = found.can_edit(maker)
    context = {
        "sound": found,
        "maker": maker,
        "is_mine": is_mine,
        "is_sound_page": True,
        "publish_refusal": publish_refusal(request.user),
        "report_form": None if is_mine else ReportForm(),
        **sound_meta(request, found),
        **_favorite(request, found),
        **collections.for_sound_page(request.user, found),
        "selected_part": _selected_part(request, found),
    }
    return render(request, "generator/sound.html", context)


def _page_context(request: HttpRequest, maker: Maker, sound: Sound | None = None) -> dict[str, Any]:
    return {
        **(card_context(sound, maker) if sound else {"maker": maker, "sound": None}),
        "example_prompt": EXAMPLE_PROMPT,
        "studio_takes": STUDIO_TAKES,
        "examples": EXAMPLE_PROMPTS,
        "presets": PRESETS.values(),
        "my_presets": UserPreset.objects.owned_by(request.user),
        "recent": Sound.objects.recent_for(maker, RECENT_COUNT),
        "selected_part": _selected_part(request, sound),
        **(_favorite(request, sound) if sound else {}),
    }


def _selected_part(request: HttpRequest, sound: Sound | None) -> int | None:
    """The part that `?part=` picks for the sliders (the timeline's links, without JavaScript); None for the whole."""
    sequence = sound.sequence_obj if sound is not None else None
    value = request.GET.get("part", "")
    if sequence is None or not (value.isascii() and value.isdigit()) or int(value) >= len(sequence.parts):
        return None
    return int(value)


def _favorite(request: HttpRequest, sound: Sound) -> dict[str, bool]:
    return {"is_favorite": sound.id in Favorite.ids_for(request.user, [sound])}


def _visible(maker: Maker, sound_id: str) -> Sound | None:
    try:
        return Sound.objects.visible_to(maker).filter(id=UUID(sound_id)).first()
    except ValueError:
        return None
