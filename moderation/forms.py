from __future__ import annotations

from django import forms

from moderation.models import Report


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="What's wrong with it?",
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what's wrong with it.", "invalid_choice": "Choose one of the reasons."},
    )
    text = forms.CharField(
        label="Anything to add? (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep it to %(limit_value)d characters (this has %(show_value)d)."},
    )
