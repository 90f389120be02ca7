"""The link-preview tags of a shared sound or collection page (templates/embeds/_meta.html)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from embeds.sizes import EMBED_SIZES
from generator.models import Sound
from library.models import Collection

PLAYER = EMBED_SIZES["medium"]


def sound_meta(request: HttpRequest, sound: Sound) -> dict[str, Any]:
    """The tags' values for a sound page, or {} (no tags) while only its maker may see it."""
    if not sound.is_shared:
        return {}
    prompt = f"“{sound.prompt}”, " if sound.prompt else ""
    return _meta(
        request,
        title=sound.title,
        description=f"{prompt}a {sound.duration_s:.1f} second fart synthesized by Fartgen. Press play.",
        page_url=sound.get_absolute_url(),
        card_path=reverse("embeds:sound_card", args=[sound.id]),
        embed_path=reverse("embeds:sound_embed", args=[sound.id]),
        player_height=PLAYER.height,
        audio_url=request.build_absolute_uri(sound.audio_url("mp3")),
    )


def collection_meta(request: HttpRequest, collection: Collection, sound_count: int) -> dict[str, Any]:
    if collection.visibility not in Sound.SHARED or collection.is_hidden:
        return {}
    return _meta(
        request,
        title=collection.name,
        description=f"A collection of {sound_count} fart{'s' if sound_count != 1 else ''} synthesized by Fartgen.",
        page_url=collection.get_absolute_url(),
        card_path=reverse("embeds:collection_card", args=[collection.id]),
        embed_path=reverse("embeds:collection_embed", args=[collection.id]),
        player_height=PLAYER.list_height,
        audio_url="",
    )


def _meta(request: HttpRequest, *, page_url: str, card_path: str, embed_path: str, **values: Any) -> dict[str, Any]:
    absolute_page = request.build_absolute_uri(page_url)
    return {
        "unfurl": {
            **values,
            "page_url": absolute_page,
            "card_url": request.build_absolute_uri(card_path),
            "embed_url": request.build_absolute_uri(f"{embed_path}?size={PLAYER.name}"),
            "player_width": PLAYER.width,
            "oembed_url": request.build_absolute_uri(
                f"{reverse('embeds:oembed')}?{urlencode({'url': absolute_page, 'format': 'json'})}"
            ),
            "embed_code_path": embed_path,
        }
    }
