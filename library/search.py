"""Finding sounds in a library: words over title, prompt and tags, filters and sort orders.

The library page (a GET form, so that a filtered view is a bookmarkable URL) and the JSON API read the same
fields into a `SoundQuery` and apply it the same way.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields
from typing import Any

from django import forms
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from generator.engine.spec import NUMERIC_FIELDS, PRESET_NAMES, ROOMS
from generator.makers import Maker
from generator.models import Sound
from library.models import Favorite, Tag

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
SORTS: dict[str, tuple[str, ...]] = {
    "newest": ("-created_at",),
    "oldest": ("created_at",),
    "longest": ("-duration_s", "-created_at"),
    "shortest": ("duration_s", "-created_at"),
    # play_count: annotated by apply() (plays that Explore's counting recorded, all time).
    "most_played": ("-play_count", "-created_at"),
}
SORT_LABELS = {
    "newest": "Newest first",
    "oldest": "Oldest first",
    "longest": "Longest first",
    "shortest": "Shortest first",
    "most_played": "Most played",
}
DURATION = NUMERIC_FIELDS["duration_s"]


@dataclass(frozen=True)
class SoundQuery:
    """What a person or program asks of their library; every field is optional."""

    q: str = ""
    tag: str = ""
    favorites: bool = False
    room: str = ""
    preset: str = ""
    min_duration_s: float | None = None
    max_duration_s: float | None = None
    created_after: datetime.date | None = None
    created_before: datetime.date | None = None
    has_parts: bool = False
    shared: bool = False
    sort: str = "newest"

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> SoundQuery:
        """Build from cleaned values, leaving out what is empty and what is not a field."""
        names = {field.name for field in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in names and value not in (None, "")})

    def sounds_for(self, maker: Maker) -> QuerySet[Sound]:
        """The maker's sounds (or favorites) that match, in the asked order."""
        if self.favorites and maker.is_authenticated:
            return self.apply(Favorite.sounds_of(maker), maker)
        return self.apply(Sound.objects.owned_by(maker), maker)

    def apply(self, sounds: QuerySet[Sound], maker: Maker) -> QuerySet[Sound]:
        """Narrow and order any set of sounds; tags are the maker's own."""
        for word in self.words():
            sounds = sounds.filter(
                Q(title__icontains=word) | Q(prompt__icontains=word) | _tagged(maker, name__icontains=word)
            )
        if self.tag:
            sounds = sounds.filter(_tagged(maker, name__iexact=self.tag))
        if self.room:
            sounds = sounds.filter(spec__room=self.room)
        if self.preset:
            sounds = sounds.filter(spec__preset=self.preset)
        if self.min_duration_s is not None:
            sounds = sounds.filter(duration_s__gte=self.min_duration_s)
        if self.max_duration_s is not None:
            sounds = sounds.filter(duration_s__lte=self.max_duration_s)
        if self.created_after is not None:
            sounds = sounds.filter(created_at__date__gte=self.created_after)
        if self.created_before is not None:
            sounds = sounds.filter(created_at__date__lte=self.created_before)
        if self.has_parts:
            sounds = sounds.filter(sequence__isnull=False)
        if self.shared:
            sounds = sounds.filter(visibility__in=Sound.SHARED)
        if self.sort == "most_played":
            sounds = sounds.annotate(play_count=Count("plays"))
        return sounds.order_by(*SORTS[self.sort])

    def words(self) -> list[str]:
        # Every word must be found somewhere: "wet bathtub" narrows, as people expect of a search box.
        return self.q.split()[:MAX_QUERY_WORDS]

    @property
    def is_filtered(self) -> bool:
        """Whether anything but the order narrows the list (the page then says "no match", not "nothing yet")."""
        return self.narrowing() != {}

    def narrowing(self) -> dict[str, Any]:
        return {
            field.name: getattr(self, field.name)
            for field in fields(self)
            if field.name not in ("sort", "favorites") and getattr(self, field.name) not in (None, "", False)
        }


def _tagged(maker: Maker, **tag_filter: Any) -> Q:
    if maker.user is None:
        return Q(pk__in=[])
    tags = Tag.objects.filter(owner=maker.user, sounds=OuterRef("pk"), **tag_filter)
    return Q(Exists(tags))


class LibraryQueryForm(forms.Form):
    """The library page's search and filter form (GET). Invalid fields are ignored, with their message shown."""

    q = forms.CharField(required=False, max_length=MAX_QUERY_CHARS, label="Search")
    tag = forms.CharField(required=False, max_length=40, label="Tag")
    favorites = forms.BooleanField(required=False, label="Favorites only")
    room = forms.ChoiceField(required=False, choices=[("", "Any room"), *((room, room) for room in ROOMS)])
    preset = forms.ChoiceField(
        required=False, choices=[("", "Any preset"), *((name, name.replace("_", " ")) for name in PRESET_NAMES)]
    )
    min_duration_s = forms.FloatField(
        required=False, min_value=0, max_value=DURATION.high + 10, label="At least (s)"
    )
    max_duration_s = forms.FloatField(
        required=False, min_value=0, max_value=DURATION.high + 10, label="At most (s)"
    )
    created_after = forms.DateField(required=False, label="Made from", widget=forms.DateInput(attrs={"type": "date"}))
    created_before = forms.DateField(required=False, label="Made until", widget=forms.DateInput(attrs={"type": "date"}))
    has_parts = forms.BooleanField(required=False, label="Made of parts")
    shared = forms.BooleanField(required=False, label="Shared only")
    sort = forms.ChoiceField(required=False, choices=list(SORT_LABELS.items()), label="Sort")

    def query(self) -> SoundQuery:
        """The valid part of what was asked: a mistyped date does not empty the list."""
        self.is_valid()
        return SoundQuery.from_mapping(self.cleaned_data)
