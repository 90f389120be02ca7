"""A sound's versions: the lineage from the prompt through each refinement, as the studio's version strip shows it.

Undo goes one version back (the parent), redo one forward (the newest child the maker made of it): both follow the
stored parent links, so the strip is the same after a reload or from a link, with nothing kept in the browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.makers import Maker
from generator.models import Sound
from generator.names import field_label, show_field

MAX_BACK = 12
MAX_FORWARD = 6


@dataclass(frozen=True)
class Difference:
    """One parameter that differs between two versions, in the sliders' words: "Wetness: 20% → 60%"."""

    label: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.label}: {self.before} → {self.after}"


@dataclass(frozen=True)
class Version:
    sound: Sound
    label: str
    is_current: bool
    # What changes from this version to the current one (empty for the current one and for later ones).
    differences: tuple[Difference, ...] = ()


@dataclass(frozen=True)
class Lineage:
    versions: tuple[Version, ...]

    @property
    def current_index(self) -> int:
        return next(index for index, version in enumerate(self.versions) if version.is_current)

    @property
    def undo(self) -> Sound | None:
        index = self.current_index
        return self.versions[index - 1].sound if index > 0 else None

    @property
    def redo(self) -> Sound | None:
        index = self.current_index
        return self.versions[index + 1].sound if index + 1 < len(self.versions) else None

    @property
    def earlier(self) -> tuple[Version, ...]:
        """The versions before the current one, which A/B can play against it."""
        return self.versions[: self.current_index]


def lineage(sound: Sound, maker: Maker) -> Lineage:
    """The versions around `sound` that `maker` may see: its ancestors (oldest first), itself, and the chain of its
    newest children (the redo path)."""
    back = _ancestors(sound, maker)
    forward = _newest_descendants(sound, maker)
    chain = [*back, sound, *forward]
    versions = []
    for index, version in enumerate(chain):
        parent = chain[index - 1] if index > 0 and version.parent_id == chain[index - 1].id else None
        is_earlier = index < len(back)
        versions.append(
            Version(
                sound=version,
                label=version_label(version, parent),
                is_current=version.id == sound.id,
                differences=differences(version.spec, sound.spec) if is_earlier else (),
            )
        )
    return Lineage(tuple(versions))


def version_label(sound: Sound, parent: Sound | None) -> str:
    """What a version did, in a word or three: its prompt, "variation", or the slider values it changed."""
    if parent is None or sound.parent_id is None:
        return sound.prompt or sound.title
    if sound.source == Sound.Source.VARIATION:
        return "variation"
    if sound.prompt:
        return sound.prompt
    changed = differences(parent.spec, sound.spec)
    return ", ".join(f"{change.label.lower()} {change.after}" for change in changed[:2]) or "same settings"


def differences(before: dict[str, Any], after: dict[str, Any]) -> tuple[Difference, ...]:
    """The parameters that differ between two specs, as the sliders show them (numbers equal at slider precision
    are the same); another seed is another take."""
    found = []
    for name, value in after.items():
        old = before.get(name)
        if old is None and value is None:
            continue
        if name == "seed":
            if old != value:
                found.append(Difference("Take", "one take", "another take"))
            continue
        shown_before, shown_after = show_field(name, old), show_field(name, value)
        if shown_before != shown_after:
            found.append(Difference(field_label(name), shown_before, shown_after))
    return tuple(found)


def _ancestors(sound: Sound, maker: Maker) -> list[Sound]:
    found: list[Sound] = []
    visible = Sound.objects.visible_to(maker).defer("peaks", "timings_ms")
    parent_id = sound.parent_id
    while parent_id is not None and len(found) < MAX_BACK:
        parent = visible.filter(id=parent_id).first()
        if parent is None:
            break
        found.append(parent)
        parent_id = parent.parent_id
    return found[::-1]


def _newest_descendants(sound: Sound, maker: Maker) -> list[Sound]:
    found: list[Sound] = []
    own = Sound.objects.owned_by(maker).defer("peaks", "timings_ms")
    current = sound
    while len(found) < MAX_FORWARD:
        child = own.filter(parent=current).order_by("-created_at").first()
        if child is None:
            break
        found.append(child)
        current = child
    return found
