from __future__ import annotations

from django import forms

from generator.engine import PRESETS
from generator.templatetags.generator_ui import room_choices


class ExploreForm(forms.Form):
    """Explore's search box and filters, read from the query string."""

    q = forms.CharField(
        label="Search titles and prompts",
        required=False,
        max_length=100,
        error_messages={"max_length": "Search for at most %(limit_value)d characters."},
    )
    sort = forms.ChoiceField(
        label="Sort",
        required=False,
        choices=[("newest", "Newest"), ("popular", "Popular this week")],
    )
    room = forms.ChoiceField(
        label="Room",
        required=False,
        choices=[("", "Any room"), *room_choices()],
    )
    preset = forms.ChoiceField(
        label="Classic",
        required=False,
        choices=[("", "Any classic"), *((name, preset.label) for name, preset in PRESETS.items())],
    )
