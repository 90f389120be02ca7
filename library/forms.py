"""Small forms of the library pages."""

from __future__ import annotations

from django import forms

from generator.models import Sound


class RenameForm(forms.ModelForm):
    """A sound's title, which its owner may change at will (titles from the interpreter collide)."""

    class Meta:
        model = Sound
        fields = ["title"]
        labels = {"title": "Title"}
        error_messages = {
            "title": {
                "required": "Give it a title.",
                "max_length": "Keep the title to %(limit_value)d characters (this one has %(show_value)d).",
            }
        }

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError("Give it a title.")
        return title
