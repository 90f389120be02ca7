"""The library for programs: sounds (search, filter, rename, tag, share, delete, favorite), tags, collections with
their sounds, presets, and Explore. The same rules as the pages: library.search, .tags, .collections, .presets,
.sharing; someone else's private thing is a 404."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from typing import Annotated, Any, Literal
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AfterValidator

from accounts.models import User
from fartgen.api_auth import ANYONE, maker_of
from generator.engine.spec import PRESET_NAMES, ROOMS, FartSpec
from generator.makers import Maker
from generator.models import Sound
from library import collections as collection_rules
from library import presets as preset_rules
from library import tags as tag_rules
from library.collections import CollectionRefused
from library.models import Collection, Favorite, UserPreset
from library.search import MAX_QUERY_CHARS, SORTS, SoundQuery
from library.sharing import PublishRefused, set_visibility

router = Router()

MAX_PER_PAGE = 100
Visibility = Literal["private", "link", "public"]


def _without_nul(text: str) -> str:
    if "\x00" in text:
        raise ValueError("a NUL character is not text")
    return text


# PostgreSQL's text cannot hold NUL: a bad message, as the library page's form fields refuse it, not a 500.
Text = Annotated[str, AfterValidator(_without_nul)]


class Error(Schema):
    status: Literal["error"]
    code: str
    error: str
    # Only on internal errors: the reference of the server's log lines, for a report.
    request_id: str | None = None


def errors(*statuses: int) -> dict[int, type[Error]]:
    # Every operation may meet a bad message, missing credentials and the per-address request limit.
    return dict.fromkeys({400, 401, 429, *statuses}, Error)


# --- Shapes


class SoundOut(Schema):
    id: UUID
    title: str
    prompt: str
    spec: dict[str, Any]
    sequence: dict[str, Any] | None = Field(description="The parts in order, for a sound made of parts; else null.")
    duration_s: float
    visibility: Visibility
    created_at: datetime.datetime
    parent: UUID | None
    tags: list[str]
    is_mine: bool
    is_favorite: bool
    url: str = Field(description="The sound's page (its share link when public).")
    audio: dict[str, str] = Field(description="WAV, MP3 and OGG links with a key that opens them for an hour.")


class Page(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    next: int | None
    previous: int | None


class SoundPage(Page):
    results: list[SoundOut]


class SoundPatch(Schema):
    title: Text | None = Field(None, min_length=1, max_length=120)
    tags: list[Text] | None = Field(None, max_length=tag_rules.MAX_TAGS_PER_SOUND)
    visibility: Visibility | None = None


class FavoriteOut(Schema):
    is_favorite: bool


class TagOut(Schema):
    name: str
    sound_count: int


class CollectionOut(Schema):
    id: UUID
    name: str
    visibility: Visibility
    sound_count: int
    is_mine: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    url: str


class CollectionPage(Page):
    results: list[CollectionOut]


class CollectionIn(Schema):
    name: Text = Field(min_length=1, max_length=80)
    visibility: Visibility = "private"


class CollectionPatch(Schema):
    name: Text | None = Field(None, min_length=1, max_length=80)
    visibility: Visibility | None = None


class CollectedOut(Schema):
    added: bool


class PresetOut(Schema):
    id: UUID
    name: str
    spec: dict[str, Any]
    created_at: datetime.datetime
    updated_at: datetime.datetime


def _settings_schema() -> dict[str, Any]:
    schema = FartSpec.json_schema()
    schema["properties"].pop("seed")
    return schema


class PresetIn(Schema):
    name: Text = Field(min_length=1, max_length=preset_rules.MAX_NAME_CHARS)
    spec: dict[str, Any] | None = Field(
        None, description="Settings (FartSpec fields but the seed); missing ones take the defaults.",
        json_schema_extra=_settings_schema(),
    )
    from_sound: UUID | None = Field(None, description="Take the settings of this sound instead of `spec`.")


class PresetPatch(Schema):
    name: Text | None = Field(None, min_length=1, max_length=preset_rules.MAX_NAME_CHARS)
    spec: dict[str, Any] | None = Field(
        None, description="Settings changed over the preset's own.", json_schema_extra=_settings_schema()
    )


class SoundFilters(Schema):
    q: Text = Field("", max_length=MAX_QUERY_CHARS, description="Words found in the title, prompt or tags.")
    tag: Text = Field("", max_length=tag_rules.MAX_TAG_CHARS)
    favorites: bool = Field(False, description="Your favorites (yours and others' public sounds) instead.")
    room: Literal["", *ROOMS] = ""  # type: ignore[valid-type]
    preset: Literal["", *PRESET_NAMES] = ""  # type: ignore[valid-type]
    min_duration_s: float | None = Field(None, ge=0, le=1000)
    max_duration_s: float | None = Field(None, ge=0, le=1000)
    created_after: datetime.date | None = Field(None, description="Made on or after this day.")
    created_before: datetime.date | None = Field(None, description="Made on or before this day.")
    has_parts: bool = Field(False, description="Only sounds made of several parts ('three toots then a rumble').")
    shared: bool = Field(False, description="Only shared ones (by link or public).")
    sort: Literal[*SORTS] = "newest"  # type: ignore[valid-type]


class Paging(Schema):
    page: int = Field(1, ge=1, le=1_000_000)
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE)


class ExploreFilters(Schema):
    q: Text = Field("", max_length=MAX_QUERY_CHARS)
    sort: Literal[*SORTS] = "newest"  # type: ignore[valid-type]


# --- Sounds


@router.get("/sounds", response={200: SoundPage, **errors()}, tags=["sounds"])
def list_sounds(request: HttpRequest, filters: Query[SoundFilters], paging: Query[Paging]) -> dict[str, Any]:
    """Your sounds (or favorites), searched, filtered and sorted like the library page."""
    maker = maker_of(request)
    query = SoundQuery.from_mapping(filters.dict())
    return _sound_page(request, maker, query.sounds_for(maker), paging)


@router.get("/sounds/{sound_id}", response={200: SoundOut, **errors(404)}, tags=["sounds"], auth=ANYONE)
def read_sound(request: HttpRequest, sound_id: UUID) -> dict[str, Any]:
    """One of your sounds, or anyone's public one."""
    maker = maker_of(request)
    sound = get_object_or_404(Sound.objects.visible_to(maker).prefetch_related("tags"), id=sound_id)
    return _sound_out(sound, maker, _favorite_ids(maker, [sound]))


@router.patch("/sounds/{sound_id}", response={200: SoundOut, **errors(403, 404)}, tags=["sounds"])
def update_sound(request: HttpRequest, sound_id: UUID, patch: SoundPatch) -> dict[str, Any]:
    """Rename, tag (the whole list) or share/unshare one of your sounds."""
    maker = maker_of(request)
    sound = get_object_or_404(Sound.objects.owned_by(maker), id=sound_id)
    if patch.title is not None:
        sound.title = _title(patch.title)
        sound.save(update_fields=["title"])
    if patch.tags is not None:
        try:
            tag_rules.replace(sound, maker.user, patch.tags)
        except tag_rules.TagRefused as refusal:
            raise HttpError(400, str(refusal)) from None
    if patch.visibility is not None:
        _set_visibility(sound, maker, patch.visibility)
    return read_sound(request, sound_id)


@router.delete("/sounds/{sound_id}", response={204: None, **errors(404)}, tags=["sounds"])
def delete_sound(request: HttpRequest, sound_id: UUID) -> HttpResponse:
    """Move one of your sounds to the trash (restorable for 7 days on the Trash page)."""
    get_object_or_404(Sound.objects.owned_by(maker_of(request)), id=sound_id).move_to_trash()
    return HttpResponse(status=204)


@router.put("/sounds/{sound_id}/favorite", response={200: FavoriteOut, **errors(403, 404)}, tags=["sounds"])
def favorite(request: HttpRequest, sound_id: UUID) -> dict[str, bool]:
    """Keep one of your sounds or a public one among your favorites (again: still one favorite)."""
    maker = maker_of(request)
    sound = get_object_or_404(Sound.objects.visible_to(maker), id=sound_id)
    Favorite.objects.get_or_create(user=maker.user, sound=sound)
    return {"is_favorite": True}


@router.delete("/sounds/{sound_id}/favorite", response={200: FavoriteOut, **errors(403, 404)}, tags=["sounds"])
def unfavorite(request: HttpRequest, sound_id: UUID) -> dict[str, bool]:
    maker = maker_of(request)
    sound = get_object_or_404(Sound.objects.visible_to(maker), id=sound_id)
    Favorite.objects.filter(user=maker.user, sound=sound).delete()
    return {"is_favorite": False}


@router.get("/tags", response={200: list[TagOut], **errors()}, tags=["sounds"])
def list_tags(request: HttpRequest) -> QuerySet[Any]:
    """Your tags, most used first (for autocomplete)."""
    return tag_rules.of_owner(_me(request))


@router.get("/explore", response={200: SoundPage, **errors()}, tags=["explore"], auth=ANYONE)
def explore(request: HttpRequest, filters: Query[ExploreFilters], paging: Query[Paging]) -> dict[str, Any]:
    """Everyone's public sounds; no credentials needed."""
    maker = maker_of(request)
    query = SoundQuery(q=filters.q, sort=filters.sort)
    return _sound_page(request, maker, query.apply(Sound.objects.listed(), maker), paging)


# --- Collections


@router.get("/collections", response={200: CollectionPage, **errors()}, tags=["collections"])
def list_collections(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """Your collections, last changed first."""
    maker = maker_of(request)
    owned = Collection.objects.owned_by(maker.user).annotate(sound_count=Count("items")).order_by("-updated_at")
    return _page(owned, paging, lambda collection: _collection_out(collection, maker))


@router.post("/collections", response={201: CollectionOut, **errors(403, 409)}, tags=["collections"])
def create_collection(request: HttpRequest, data: CollectionIn) -> Status:
    form = collection_rules.named_form(_me(request), {"collection-name": data.name})
    created = _saved_collection(form, collection_rules.create)
    if data.visibility == "public":
        _set_visibility(created, maker_of(request), "public")
    return Status(201, _collection_out(_counted(created), maker_of(request)))


@router.get(
    "/collections/{collection_id}", response={200: CollectionOut, **errors(404)}, tags=["collections"], auth=ANYONE
)
def read_collection(request: HttpRequest, collection_id: UUID) -> dict[str, Any]:
    """One of your collections, or anyone's public one."""
    maker = maker_of(request)
    found = get_object_or_404(Collection.objects.visible_to(_user(maker)), id=collection_id)
    return _collection_out(_counted(found), maker)


@router.patch(
    "/collections/{collection_id}", response={200: CollectionOut, **errors(403, 404, 409)}, tags=["collections"]
)
def update_collection(request: HttpRequest, collection_id: UUID, patch: CollectionPatch) -> dict[str, Any]:
    found = get_object_or_404(Collection.objects.owned_by(_me(request)), id=collection_id)
    if patch.name is not None:
        form = collection_rules.named_form(_me(request), {"collection-name": patch.name}, found)
        found = _saved_collection(form, collection_rules.save_named)
    if patch.visibility is not None:
        _set_visibility(found, maker_of(request), patch.visibility)
    return _collection_out(_counted(found), maker_of(request))


@router.delete("/collections/{collection_id}", response={204: None, **errors(404)}, tags=["collections"])
def delete_collection(request: HttpRequest, collection_id: UUID) -> HttpResponse:
    """Move one of your collections to the trash; its sounds stay in your library."""
    get_object_or_404(Collection.objects.owned_by(_me(request)), id=collection_id).move_to_trash()
    return HttpResponse(status=204)


@router.get(
    "/collections/{collection_id}/sounds", response={200: SoundPage, **errors(404)}, tags=["collections"], auth=ANYONE
)
def collection_sounds(request: HttpRequest, collection_id: UUID, paging: Query[Paging]) -> dict[str, Any]:
    """The sounds of a collection that you may hear, last added first."""
    maker = maker_of(request)
    found = get_object_or_404(Collection.objects.visible_to(_user(maker)), id=collection_id)
    return _sound_page(request, maker, found.sounds_for(maker), paging)


@router.put(
    "/collections/{collection_id}/sounds/{sound_id}",
    response={200: CollectedOut, 201: CollectedOut, **errors(404, 409)},
    tags=["collections"],
)
def collect(request: HttpRequest, collection_id: UUID, sound_id: UUID) -> Status:
    """Put one of your sounds or a public one into one of your collections (201 if it was not there yet)."""
    found = get_object_or_404(Collection.objects.owned_by(_me(request)), id=collection_id)
    sound = get_object_or_404(Sound.objects.visible_to(maker_of(request)), id=sound_id)
    try:
        added = collection_rules.add(found, sound)
    except CollectionRefused as refusal:
        raise HttpError(409, str(refusal)) from None
    return Status(201 if added else 200, {"added": added})


@router.delete(
    "/collections/{collection_id}/sounds/{sound_id}", response={204: None, **errors(404)}, tags=["collections"]
)
def uncollect(request: HttpRequest, collection_id: UUID, sound_id: UUID) -> HttpResponse:
    """Take a sound out of one of your collections (the sound itself stays)."""
    found = get_object_or_404(Collection.objects.owned_by(_me(request)), id=collection_id)
    if not collection_rules.remove(found, sound_id):
        raise HttpError(404, "That sound is not in this collection.")
    return HttpResponse(status=204)


# --- Presets


@router.get("/presets", response={200: list[PresetOut], **errors()}, tags=["presets"])
def list_presets(request: HttpRequest) -> QuerySet[UserPreset]:
    """Your presets, by name (the classics are the `preset` values of a spec)."""
    return UserPreset.objects.owned_by(_me(request))


@router.post("/presets", response={201: PresetOut, **errors(403, 404, 409)}, tags=["presets"])
def create_preset(request: HttpRequest, data: PresetIn) -> Status:
    """Save settings under a name: given as `spec`, or those of the sound `from_sound`."""
    if data.from_sound is not None:
        spec = get_object_or_404(Sound.objects.visible_to(maker_of(request)), id=data.from_sound).spec_obj
    else:
        spec = _spec(data.spec or {})
    return Status(201, _saved_preset(request, data.name, spec))


@router.get("/presets/{preset_id}", response={200: PresetOut, **errors(404)}, tags=["presets"])
def read_preset(request: HttpRequest, preset_id: UUID) -> UserPreset:
    return get_object_or_404(UserPreset.objects.owned_by(_me(request)), id=preset_id)


@router.patch("/presets/{preset_id}", response={200: PresetOut, **errors(403, 404, 409)}, tags=["presets"])
def update_preset(request: HttpRequest, preset_id: UUID, patch: PresetPatch) -> UserPreset:
    found = get_object_or_404(UserPreset.objects.owned_by(_me(request)), id=preset_id)
    spec = _spec(patch.spec or {}, base=found.spec_obj)
    return _saved_preset(request, patch.name or found.name, spec, found)


@router.delete("/presets/{preset_id}", response={204: None, **errors(404)}, tags=["presets"])
def delete_preset(request: HttpRequest, preset_id: UUID) -> HttpResponse:
    get_object_or_404(UserPreset.objects.owned_by(_me(request)), id=preset_id).delete()
    return HttpResponse(status=204)


# --- Helpers


def _me(request: HttpRequest) -> User:
    """The signed-in caller of an operation that requires one (ninja has authenticated them)."""
    return request.auth  # type: ignore[attr-defined]


def _user(maker: Maker) -> Any:
    return maker.user if maker.user is not None else AnonymousUser()


def _favorite_ids(maker: Maker, sounds: list[Sound]) -> set[Any]:
    return Favorite.ids_for(_user(maker), sounds)


def _page(items: QuerySet[Any], paging: Paging, out: Callable[[Any], Any]) -> dict[str, Any]:
    """One page of a list: a page past the end is empty (with the count), not an error."""
    count = items.count()
    pages = max(1, math.ceil(count / paging.per_page))
    first = (paging.page - 1) * paging.per_page
    return {
        "count": count,
        "page": paging.page,
        "pages": pages,
        "per_page": paging.per_page,
        "next": paging.page + 1 if paging.page < pages else None,
        "previous": paging.page - 1 if 1 < paging.page <= pages + 1 else None,
        "results": [out(item) for item in items[first : first + paging.per_page]],
    }


def _sound_page(request: HttpRequest, maker: Maker, sounds: QuerySet[Sound], paging: Paging) -> dict[str, Any]:
    page = _page(sounds.prefetch_related("tags"), paging, lambda sound: sound)
    favorite_ids = _favorite_ids(maker, page["results"])
    page["results"] = [_sound_out(sound, maker, favorite_ids) for sound in page["results"]]
    return page


def _sound_out(sound: Sound, maker: Maker, favorite_ids: set[Any]) -> dict[str, Any]:
    is_mine = sound.can_edit(maker)
    return {
        "id": sound.id,
        "title": sound.title,
        "prompt": sound.prompt,
        "spec": sound.spec,
        "sequence": sound.sequence,
        "duration_s": sound.duration_s,
        "visibility": sound.visibility,
        "created_at": sound.created_at,
        "parent": sound.parent_id if is_mine else None,
        # Tags are the owner's filing: nobody else's business.
        "tags": [tag.name for tag in sound.tags.all()] if is_mine else [],
        "is_mine": is_mine,
        "is_favorite": sound.id in favorite_ids,
        "url": sound.get_absolute_url(),
        "audio": sound.signed_audio_urls(),
    }


def _title(raw: str) -> str:
    title = " ".join(raw.split())
    if not title:
        raise HttpError(400, "title: give it a title.")
    return title


def _set_visibility(shared: Sound | Collection, maker: Maker, visibility: str) -> None:
    try:
        set_visibility(shared, _user(maker), visibility)
    except PublishRefused as refusal:
        raise HttpError(403, str(refusal)) from None


def _counted(collection: Collection) -> Collection:
    collection.sound_count = collection.items.count()  # type: ignore[attr-defined]
    return collection


def _collection_out(collection: Collection, maker: Maker) -> dict[str, Any]:
    return {
        "id": collection.id,
        "name": collection.name,
        "visibility": collection.visibility,
        "sound_count": collection.sound_count,  # type: ignore[attr-defined]
        "is_mine": maker.user is not None and collection.owner_id == maker.user.pk,
        "created_at": collection.created_at,
        "updated_at": collection.updated_at,
        "url": collection.get_absolute_url(),
    }


def _saved_collection(
    form: collection_rules.CollectionForm, save: Callable[[collection_rules.CollectionForm], Collection]
) -> Collection:
    if not form.is_valid():
        message = " ".join(error for errors in form.errors.values() for error in errors)
        status = 409 if message == collection_rules.DUPLICATE_NAME else 400
        raise HttpError(status, message)
    try:
        return save(form)
    except CollectionRefused as refusal:
        raise HttpError(409, str(refusal)) from None


def _spec(settings: dict[str, Any], base: FartSpec | None = None) -> FartSpec:
    try:
        return FartSpec.from_dict({key: value for key, value in settings.items() if key != "seed"}, base=base)
    except ValueError as error:
        raise HttpError(400, f"spec: {error}.") from None


def _saved_preset(request: HttpRequest, name: str, spec: FartSpec, preset: UserPreset | None = None) -> UserPreset:
    try:
        return preset_rules.save(_me(request), name, spec, preset)
    except preset_rules.PresetRefused as refusal:
        raise HttpError(409 if refusal.conflict else 400, str(refusal)) from None
