"""Explore: everyone's public sounds, newest or popular this week, searched and filtered; and play counting."""

from __future__ import annotations

from uuid import UUID

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from explore.forms import ExploreForm
from explore.models import search, with_recent_counts
from explore.plays import count_play
from generator.makers import Maker
from generator.models import Sound
from library.models import Favorite

SOUNDS_PER_PAGE = 20


@require_safe
def explore(request: HttpRequest) -> HttpResponse:
    form = ExploreForm(request.GET)
    choices = form.cleaned_data if form.is_valid() else {}
    sounds = with_recent_counts(Sound.objects.listed())
    sounds = search(sounds, choices.get("q", ""))
    if choices.get("room"):
        sounds = sounds.filter(spec__room=choices["room"])
    if choices.get("preset"):
        sounds = sounds.filter(spec__preset=choices["preset"])
    order = ("-popularity", "-created_at") if choices.get("sort") == "popular" else ("-created_at",)
    page = Paginator(sounds.order_by(*order), SOUNDS_PER_PAGE).get_page(request.GET.get("page"))
    # The pagination links keep the search and filters.
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query_prefix": f"{query.urlencode()}&" if query else "",
        "is_search": any(choices.get(name) for name in ("q", "room", "preset")),
        "favorite_ids": Favorite.ids_for(request.user, page.object_list),
    }
    return render(request, "explore/explore.html", context)


@csrf_exempt  # a counter, not an action: an embed on another site has no CSRF cookie, and a forged play is one play
@require_POST
def play(request: HttpRequest, sound_id: UUID) -> HttpResponse:
    """The player started this sound (204): counted once per listener and hour, not for its maker or bots."""
    sound = get_object_or_404(Sound.objects.visible_to(Maker.from_request(request)), id=sound_id)
    count_play(request, sound)
    return HttpResponse(status=204)
