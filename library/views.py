from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from fartgen.http import HtmxHttpRequest
from generator.makers import Maker
from generator.models import Sound
from library.models import Favorite
from library.sharing import PublishRefused, set_visibility

SOUNDS_PER_PAGE = 20


def history(request: HttpRequest) -> HttpResponse:
    maker = Maker.from_request(request)
    show_favorites = request.GET.get("show") == "favorites" and maker.is_authenticated
    sounds = Favorite.sounds_of(maker) if show_favorites else Sound.objects.owned_by(maker)
    page = Paginator(sounds.order_by("-created_at"), SOUNDS_PER_PAGE).get_page(request.GET.get("page"))
    favorite_ids = Favorite.ids_for(request.user, page.object_list)
    return render(
        request,
        "library/history.html",
        {"page": page, "show_favorites": show_favorites, "favorite_ids": favorite_ids},
    )


@vary_on_headers("HX-Request")
@login_required
@require_POST
def favorite(request: HtmxHttpRequest, sound_id: UUID) -> HttpResponse:
    sound = get_object_or_404(Sound.objects.visible_to(Maker.from_request(request)), id=sound_id)
    is_favorite = Favorite.toggle(request.user, sound)
    if request.htmx:
        return render(request, "library/_favorite_button.html", {"sound": sound, "is_favorite": is_favorite})
    messages.success(request, "Added to your favorites." if is_favorite else "Removed from your favorites.")
    return _back(request, sound)


@require_POST
def visibility(request: HttpRequest, sound_id: UUID) -> HttpResponse:
    sound = get_object_or_404(Sound.objects.owned_by(Maker.from_request(request)), id=sound_id)
    try:
        set_visibility(sound, request.user, make_public=request.POST.get("visibility") == "public")
    except PublishRefused as refusal:
        messages.error(request, str(refusal))
    else:
        public = sound.visibility == "public"
        messages.success(request, "Anyone with the link can hear it now." if public else "It's private again.")
    return _back(request, sound)


def delete(request: HttpRequest, sound_id: UUID) -> HttpResponse:
    sound = get_object_or_404(Sound.objects.owned_by(Maker.from_request(request)), id=sound_id)
    if request.method != "POST":
        return render(request, "library/confirm_delete.html", {"sound": sound})
    title = sound.title
    sound.delete()
    messages.success(request, f"“{title}” is gone for good.")
    return redirect("library:history")


def _back(request: HttpRequest, sound: Sound) -> HttpResponse:
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    return redirect(sound.get_absolute_url())
