from __future__ import annotations

import datetime

from django import template
from django.http import QueryDict
from django.utils import timezone
from django.utils.timesince import timesince

from generator.makers import Maker
from generator.models import Sound

register = template.Library()


@register.filter
def when(moment: datetime.datetime) -> str:
    """"5 minutes ago" within a day, a date after that: "3 weeks ago" says less than "12 Nov 2026"."""
    now = timezone.now()
    age = now - moment
    if age < datetime.timedelta(minutes=1):
        return "just now"
    if age < datetime.timedelta(days=1):
        # timesince's first unit only: "2 hours ago", not "2 hours, 5 minutes ago".
        return f"{timesince(moment, now, depth=1)} ago"
    local = timezone.localtime(moment)
    if local.year == timezone.localtime(now).year:
        return f"{local.day} {local:%b}"
    return f"{local.day} {local:%b %Y}"


@register.simple_tag
def query_without(query: QueryDict, *names: str) -> str:
    """The query string without some parameters (e.g. `page`), ending in `&` when not empty, for links that add one."""
    kept = query.copy()
    for name in names:
        kept.pop(name, None)
    encoded = kept.urlencode()
    return f"{encoded}&" if encoded else ""


@register.filter
def editable_by(sound: Sound, maker: Maker) -> bool:
    """Whether the maker may rename, tag and delete the sound (their own)."""
    return maker is not None and sound.can_edit(maker)
