from __future__ import annotations

import logging
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from embeds.unfurl import collection_meta
from fartgen.http import HtmxHttpRequest
from generator import storage as audio_files
from generator.engine import PRESETS
from generator.makers import Maker
from generator.models import Sound
from library import bulk as bulk_rules
from library import collections as collection_rules
from library import presets as preset_rules
from library import tags as tag_rules
from library import trash
from library.bulk import BulkForm
from library.collections import CollectForm, CollectionRefused, named_form
from library.forms import RenameForm
from library.models import Collection, Favorite, UserPreset
from library.presets import PresetForm
from library.search import LibraryQueryForm
from library.sharing import PublishRefused, publish_refusal, set_visibility, share_private_sounds
from moderation.forms import ReportForm

logger = logging.getLogger(__name__)
SOUNDS_PER_PAGE = 20
COLLECTIONS_PER_PAGE = 20


@vary_on_headers("HX-Request")
def history(request: HtmxHttpRequest) -> HttpResponse:
    """The maker's sounds (or favorites), searched, filtered and sorted by the GET form, so any view is a URL."""
    maker = Maker.from_request(request)
    form = LibraryQueryForm(request.GET)
    query = form.query()
    sounds = query.sounds_for(maker).prefetch_related("tags")
    page = Paginator(sounds, SOUNDS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "query": query,
        "show_favorites": query.favorites and maker.is_authenticated,
        "favorite_ids": Favorite.ids_for(request.user, page.object_list),
        "maker": maker,
        "tag_names": tag_rules.names_for_autocomplete(request.user),
        "bulk_collections": Collection.objects.owned_by(request.user),
    }
    template = "library/history.html#results" if request.htmx else "library/history.html"
    return render(request, template, context)


@vary_on_headers("HX-Request")
def rename(request: HtmxHttpRequest, sound_id: UUID) -> HttpResponse:
    """GET: the rename form (inline for htmx, a page without JS); POST: the new title."""
    sound = get_object_or_404(Sound.objects.owned_by(Maker.from_request(request)), id=sound_id)
    if request.htmx and "cancel" in request.GET:
        return render(request, "library/_title.html", {"sound": sound, "editable": True})
    form = RenameForm(request.POST if request.method == "POST" else None, instance=sound)
    if form.is_bound and form.is_valid():
        sound.save(update_fields=["title"])
        if request.htmx:
            return render(request, "library/_title.html", {"sound": sound, "editable": True})
        messages.success(request, f"Renamed to “{sound.title}”.")
        return _back(request, sound)
    template = "library/_rename_form.html" if request.htmx else "library/rename.html"
    return render(request, template, {"sound": sound, "form": form})


@vary_on_headers("HX-Request")
@login_required
@require_POST
def tag_add(request: HtmxHttpRequest, sound_id: UUID) -> HttpResponse:
    sound = get_object_or_404(Sound.objects.owned_by(Maker.from_request(request)), id=sound_id)
    error = ""
    try:
        tag_rules.add(sound, request.user, request.POST.get("name", ""))
    except tag_rules.TagRefused as refusal:
        error = str(refusal)
    return _tags_answer(request, sound, error)


@vary_on_headers("HX-Request")
@login_required
@require_POST
def tag_remove(request: HtmxHttpRequest, sound_id: UUID, tag_id: int) -> HttpResponse:
    sound = get_object_or_404(Sound.objects.owned_by(Maker.from_request(request)), id=sound_id)
    tag_rules.remove(sound, get_object_or_404(sound.tags.filter(owner=request.user), id=tag_id))
    return _tags_answer(request, sound, "")


def _tags_answer(request: HtmxHttpRequest, sound: Sound, error: str) -> HttpResponse:
    """The sound's tag list (htmx swaps it in, with the autocomplete list refreshed), or back to the page."""
    if request.htmx:
        context = {
            "sound": sound,
            "tag_error": error,
            "tag_names": tag_rules.names_for_autocomplete(request.user),
            "refresh_tag_names": True,
        }
        return render(request, "library/_tags.html", context)
    if error:
        messages.error(request, error)
    return _back(request, sound)


@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """Several selected sounds at once: into a collection, deleted (after a confirmation), or as a ZIP."""
    maker = Maker.from_request(request)
    form = BulkForm(request.user, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return _back_to_library(request)
    action, ids = form.cleaned_data["action"], form.cleaned_data["sounds"]
    if action == "zip":
        return _zip_response(bulk_rules.audible(maker, ids))
    if action == "collect":
        _bulk_collect(request, form.cleaned_data["collection"], bulk_rules.audible(maker, ids))
        return _back_to_library(request)
    owned = bulk_rules.owned(maker, ids)
    if request.POST.get("confirmed") != "yes":
        return render(request, "library/confirm_bulk_delete.html", {"sounds": owned, "next": _library_next(request)})
    trashed = bulk_rules.delete(owned)
    messages.success(
        request,
        f"Moved {trashed} sound{pluralize(trashed)} to the trash: restore them from the Trash if you change your mind.",
    )
    return _back_to_library(request)


def _bulk_collect(request: HttpRequest, target: Collection, sounds: QuerySet[Sound]) -> None:
    try:
        added = bulk_rules.collect(target, sounds)
    except CollectionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Added {added} sound{pluralize(added)} to “{target.name}”.")


def _zip_response(sounds: QuerySet[Sound]) -> HttpResponse:
    try:
        archive = bulk_rules.zip_of(sounds)
    except audio_files.StorageFailed:
        logger.exception("could not build a ZIP of %d sounds", len(sounds))
        return HttpResponse("The audio is unavailable right now. Please try again.", status=503)
    return FileResponse(archive, as_attachment=True, filename="fartgen-sounds.zip", content_type="application/zip")


def _library_next(request: HttpRequest) -> str:
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return next_url
    return reverse("library:history")


def _back_to_library(request: HttpRequest) -> HttpResponse:
    return redirect(_library_next(request))


@login_required
def presets(request: HttpRequest) -> HttpResponse:
    """The user's presets beside the classics; POST saves a sound's settings as a new one."""
    if request.method == "POST":
        return _save_sound_as_preset(request)
    context = {"presets": UserPreset.objects.owned_by(request.user), "classics": PRESETS.values()}
    return render(request, "library/presets.html", context)


def _save_sound_as_preset(request: HttpRequest) -> HttpResponse:
    maker = Maker.from_request(request)
    sound = get_object_or_404(Sound.objects.visible_to(maker), id=_uuid_or_404(request.POST.get("sound", "")))
    try:
        saved = preset_rules.save(request.user, request.POST.get("name", ""), sound.spec_obj)
    except preset_rules.PresetRefused as refusal:
        messages.error(request, str(refusal))
        return _back(request, sound)
    messages.success(request, f"Saved as “{saved.name}”: say “{saved.name}” in a prompt to start from it.")
    return _back(request, sound)


@login_required
def preset(request: HttpRequest, preset_id: UUID) -> HttpResponse:
    """Edit one of the user's presets: its name and every setting."""
    found = get_object_or_404(UserPreset.objects.owned_by(request.user), id=preset_id)
    form = PresetForm(request.POST) if request.method == "POST" else PresetForm.of(found)
    if form.is_bound and form.is_valid():
        try:
            preset_rules.save(request.user, form.cleaned_data["name"], form.spec(), found)
        except preset_rules.PresetRefused as refusal:
            form.add_error("name", str(refusal))
        else:
            messages.success(request, f"“{found.name}” is saved.")
            return redirect("library:presets")
    return render(request, "library/preset.html", {"preset": found, "form": form})


@login_required
def preset_delete(request: HttpRequest, preset_id: UUID) -> HttpResponse:
    found = get_object_or_404(UserPreset.objects.owned_by(request.user), id=preset_id)
    if request.method != "POST":
        return render(request, "library/confirm_delete_preset.html", {"preset": found})
    found.delete()
    messages.success(request, f"“{found.name}” is gone.")
    return redirect("library:presets")


def _uuid_or_404(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise Http404("no such sound") from None


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
    _share_or_unshare(request, sound)
    return _back(request, sound)


def delete(request: HttpRequest, sound_id: UUID) -> HttpResponse:
    sound = get_object_or_404(Sound.objects.owned_by(Maker.from_request(request)), id=sound_id)
    if request.method != "POST":
        return render(request, "library/confirm_delete.html", {"sound": sound})
    sound.move_to_trash()
    trash.say_trashed(request, sound.title, reverse("library:restore", args=[sound.id]))
    return redirect("library:history")


def trash_page(request: HttpRequest) -> HttpResponse:
    """What the maker deleted in the last days, each with a restore button and a delete-now one."""
    context = {
        "sounds": Sound.all_objects.owned_by(Maker.from_request(request)).in_trash().order_by("-deleted_at"),
        "collections": Collection.all_objects.owned_by(request.user).in_trash().order_by("-deleted_at"),
    }
    return render(request, "library/trash.html", context)


@require_POST
def restore(request: HttpRequest, sound_id: UUID) -> HttpResponse:
    sound = get_object_or_404(Sound.all_objects.owned_by(Maker.from_request(request)).in_trash(), id=sound_id)
    sound.restore()
    messages.success(request, f"“{sound.title}” is back.")
    return redirect(sound)


@require_POST
def delete_now(request: HttpRequest, sound_id: UUID) -> HttpResponse:
    sound = get_object_or_404(Sound.all_objects.owned_by(Maker.from_request(request)).in_trash(), id=sound_id)
    sound.delete()
    messages.success(request, f"“{sound.title}” is gone for good.")
    return redirect("library:trash")


@login_required
def collections(request: HttpRequest) -> HttpResponse:
    """The user's collections, and the form that starts a new one."""
    form = named_form(request.user, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            collection = collection_rules.create(form)
        except CollectionRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"“{collection.name}” is ready: add sounds to it from their pages.")
            return redirect(collection)
    # Counting items groups the rows, and Django leaves Meta.ordering out of grouped queries: order explicitly.
    owned = Collection.objects.owned_by(request.user).annotate(sound_count=Count("items")).order_by("-updated_at")
    page = Paginator(owned, COLLECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "library/collections.html", {"form": form, "page": page})


def collection(request: HttpRequest, collection_id: UUID) -> HttpResponse:
    """A collection's page, which is also its share link once public; POST renames it (owner only)."""
    found = get_object_or_404(Collection.objects.visible_to(request.user), id=collection_id)
    is_mine = found.owner_id == request.user.pk
    form = named_form(request.user, collection=found) if is_mine else None
    if request.method == "POST":
        if not is_mine:
            raise Http404
        # A copy: an invalid name must not show up as the collection's title on the page that refuses it.
        form = named_form(request.user, request.POST, Collection.objects.get(pk=found.pk))
        if form.is_valid():
            try:
                collection_rules.save_named(form)
            except CollectionRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, "Renamed.")
            return redirect(found)
    maker = Maker.from_request(request)
    page = Paginator(found.sounds_for(maker), SOUNDS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "collection": found,
        "is_mine": is_mine,
        "form": form,
        "page": page,
        "hidden_from_visitors": collection_rules.hidden_from_visitors(found) if is_mine else 0,
        "publish_refusal": publish_refusal(request.user),
        "report_form": None if is_mine else ReportForm(),
        **collection_meta(request, found, page.paginator.count),
    }
    return render(request, "library/collection.html", context)


@require_POST
def collection_visibility(request: HttpRequest, collection_id: UUID) -> HttpResponse:
    found = get_object_or_404(Collection.objects.owned_by(request.user), id=collection_id)
    _share_or_unshare(request, found)
    return redirect(found)


@require_POST
def collection_share_sounds(request: HttpRequest, collection_id: UUID) -> HttpResponse:
    """Open the owner's private sounds in a shared collection to its visitors (link visibility)."""
    found = get_object_or_404(Collection.objects.owned_by(request.user), id=collection_id)
    count = share_private_sounds(found)
    messages.success(request, f"{count} sound{pluralize(count)} can now be heard by anyone with the link.")
    return redirect(found)


def collection_delete(request: HttpRequest, collection_id: UUID) -> HttpResponse:
    found = get_object_or_404(Collection.objects.owned_by(request.user), id=collection_id)
    if request.method != "POST":
        return render(request, "library/confirm_delete_collection.html", {"collection": found})
    found.move_to_trash()
    trash.say_trashed(request, found.name, reverse("library:collection_restore", args=[found.id]))
    return redirect("library:collections")


@require_POST
def collection_restore(request: HttpRequest, collection_id: UUID) -> HttpResponse:
    found = get_object_or_404(Collection.all_objects.owned_by(request.user).in_trash(), id=collection_id)
    old_name = found.name
    name = found.restore()
    renamed = f" as “{name}”: a collection you made since has its old name" if name != old_name else ""
    messages.success(request, f"“{old_name}” is back{renamed}.")
    return redirect(found)


@require_POST
def collection_delete_now(request: HttpRequest, collection_id: UUID) -> HttpResponse:
    found = get_object_or_404(Collection.all_objects.owned_by(request.user).in_trash(), id=collection_id)
    found.delete()
    messages.success(request, f"“{found.name}” is gone for good; the sounds in it are still in your library.")
    return redirect("library:trash")


@require_POST
def collection_remove(request: HttpRequest, collection_id: UUID, sound_id: UUID) -> HttpResponse:
    found = get_object_or_404(Collection.objects.owned_by(request.user), id=collection_id)
    if collection_rules.remove(found, sound_id):
        messages.success(request, f"Taken out of “{found.name}”.")
    return _back(request, found)


@login_required
@require_POST
def collect(request: HttpRequest, sound_id: UUID) -> HttpResponse:
    """Put a sound the user may hear into one of their collections, or into a new one named in the same form."""
    sound = get_object_or_404(Sound.objects.visible_to(Maker.from_request(request)), id=sound_id)
    try:
        target = _target_collection(request)
        if target is not None and collection_rules.add(target, sound):
            messages.success(request, f"Added to “{target.name}”.")
        elif target is not None:
            messages.success(request, f"It was in “{target.name}” already.")
    except CollectionRefused as refusal:
        messages.error(request, str(refusal))
    return _back(request, sound)


def _target_collection(request: HttpRequest) -> Collection | None:
    """The collection a collect form names, created first when it gives a new name; None (and a message) if the
    form is invalid. Raises CollectionRefused when a new one is not allowed."""
    if "collection-name" in request.POST:
        form = named_form(request.user, request.POST)
        if form.is_valid():
            return collection_rules.create(form)
    else:
        form = CollectForm(request.user, request.POST)
        if form.is_valid():
            return form.cleaned_data["collection"]
    messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return None


SHARED_MESSAGES = {
    Sound.Visibility.PRIVATE: "It's private again: only you can open it.",
    Sound.Visibility.LINK: "Anyone with the link can open it now.",
    Sound.Visibility.PUBLIC: "It's public: listed on Explore, and anyone with the link can open it.",
}


def _share_or_unshare(request: HttpRequest, shared: Sound | Collection) -> None:
    """Apply the visibility form's choice and say how it went."""
    try:
        set_visibility(shared, request.user, request.POST.get("visibility", ""))
    except PublishRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, SHARED_MESSAGES[shared.visibility])


def _back(request: HttpRequest, fallback: Sound | Collection) -> HttpResponse:
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    return redirect(fallback.get_absolute_url())
