"""My presets: a signed-in user's saved settings, listed beside the classics and usable as a word in a prompt.

The pipeline asks `resolve()` for the preset a prompt names before it interprets the rest of the prompt against
that preset's settings ("my usual but wetter" → "but wetter" applied to "my usual"): the interpreter never learns
about users, and a preset is just the previous sound of a follow-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import IntegrityError, transaction

from generator.engine import PRESETS
from generator.engine.spec import INT_FIELDS, NUMERIC_FIELDS, PRESET_NAMES, ROOMS, FartSpec
from library.models import UserPreset

MAX_PRESETS_PER_USER = 50
MAX_NAME_CHARS = 40
DUPLICATE_NAME = "You already have a preset with that name."
CLASSIC_NAMES = frozenset(
    name.casefold()
    for preset in PRESETS.values()
    for name in (preset.name, preset.label, preset.name.replace("_", " "))
)


class PresetRefused(ValueError):
    """The message is shown to the user as is; `conflict` when the request is fine but the user's presets are not
    (a name in use, too many): the API answers those with 409."""

    def __init__(self, message: str, *, conflict: bool = False) -> None:
        super().__init__(message)
        self.conflict = conflict


@dataclass(frozen=True)
class Resolved:
    """A prompt that names one of the maker's presets: its settings, and what the prompt says beyond its name."""

    preset: UserPreset
    rest: str


def settings_of(spec: FartSpec) -> dict[str, Any]:
    """What a preset keeps of a spec: everything but the seed, so each use makes a new take."""
    return {key: value for key, value in spec.to_dict().items() if key != "seed"}


def clean_name(raw: str) -> str:
    """Raises PresetRefused for an empty, overlong or classic name (a classic's word must keep meaning the classic)."""
    name = " ".join(str(raw).split())
    if not name:
        raise PresetRefused("Give the preset a name.")
    if len(name) > MAX_NAME_CHARS:
        raise PresetRefused(f"Keep the name to {MAX_NAME_CHARS} characters (this one has {len(name)}).")
    if not any(char.isalnum() for char in name):
        raise PresetRefused("A preset's name needs a letter or a digit, so a prompt can say it.")
    if name.casefold() in CLASSIC_NAMES:
        raise PresetRefused(f"“{name}” is a classic preset already: pick another name.")
    return name


def save(user: Any, name: str, spec: FartSpec, preset: UserPreset | None = None) -> UserPreset:
    """Create (or update, given `preset`) one of the user's presets. Raises PresetRefused."""
    name = clean_name(name)
    if preset is None:
        if UserPreset.objects.filter(owner=user).count() >= MAX_PRESETS_PER_USER:
            raise PresetRefused(
                f"You have {MAX_PRESETS_PER_USER} presets already: delete one you no longer use.", conflict=True
            )
        preset = UserPreset(owner=user)
    same_name = UserPreset.objects.filter(owner=user, name__iexact=name).exclude(pk=preset.pk)
    if same_name.exists():
        raise PresetRefused(DUPLICATE_NAME, conflict=True)
    preset.name = name
    preset.spec = settings_of(spec)
    try:
        with transaction.atomic():
            preset.save()
    except IntegrityError:
        raise PresetRefused(DUPLICATE_NAME, conflict=True) from None
    return preset


def resolve(user: Any, prompt: str) -> Resolved | None:
    """The user's preset that the prompt names (the longest, as whole words, whatever the case), or None."""
    if user is None or not user.is_authenticated:
        return None
    folded = prompt.casefold()
    for preset in sorted(UserPreset.objects.filter(owner=user), key=lambda p: -len(p.name)):
        match = re.search(rf"(?<!\w){re.escape(preset.name.casefold())}(?!\w)", folded)
        if match is not None:
            rest = f"{prompt[: match.start()]} {prompt[match.end() :]}"
            return Resolved(preset, " ".join(rest.split()).strip(" ,;:-"))
    return None


class PresetForm(forms.Form):
    """A preset's name and every setting of its spec, as the edit page shows them."""

    name = forms.CharField(max_length=MAX_NAME_CHARS, label="Name")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field_name, bounds in NUMERIC_FIELDS.items():
            self.fields[field_name] = forms.FloatField(
                min_value=bounds.low, max_value=bounds.high, label=_label(field_name), help_text=bounds.description
            )
            self.fields[field_name].widget.attrs["step"] = "any"
        for field_name, bounds in INT_FIELDS.items():
            self.fields[field_name] = forms.IntegerField(
                min_value=int(bounds.low), max_value=int(bounds.high), label=_label(field_name),
                help_text=bounds.description,
            )
        self.fields["room"] = forms.ChoiceField(choices=[(room, room) for room in ROOMS], label="Room")
        self.fields["preset"] = forms.ChoiceField(
            required=False,
            choices=[("", "none"), *((name, PRESETS[name].label) for name in PRESET_NAMES)],
            label="Body (a classic it starts from)",
        )

    @classmethod
    def of(cls, preset: UserPreset) -> PresetForm:
        return cls(initial={"name": preset.name, **preset.spec, "preset": preset.spec.get("preset") or ""})

    def clean_name(self) -> str:
        try:
            return clean_name(self.cleaned_data["name"])
        except PresetRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None

    def spec(self) -> FartSpec:
        """The settings of a valid form as a spec."""
        values = {key: value for key, value in self.cleaned_data.items() if key != "name"}
        values["preset"] = values.get("preset") or None
        return FartSpec.from_dict(values)


def _label(field_name: str) -> str:
    return field_name.removesuffix("_s").removesuffix("_hz").replace("_", " ").capitalize()
