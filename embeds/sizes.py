"""The embeddable player's three sizes and two themes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EmbedSize:
    name: str
    width: int
    height: int  # one sound
    list_height: int  # a collection


EMBED_SIZES: dict[str, EmbedSize] = {
    size.name: size
    for size in (
        EmbedSize("small", 320, 96, 280),
        EmbedSize("medium", 480, 152, 360),
        EmbedSize("large", 640, 232, 480),
    )
}
THEMES = ("light", "dark")


def size_named(name: str) -> EmbedSize:
    """The size of that name; medium for anything else (an embed code typed by hand should still show)."""
    return EMBED_SIZES.get(name, EMBED_SIZES["medium"])
