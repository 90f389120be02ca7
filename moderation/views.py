"""The Report action on shared sounds and collections."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from generator.makers import Maker
from generator.models import Sound
from library.models import Collection
from moderation import rules
from moderation.forms import ReportForm


@require_POST
def report_sound(request: HttpRequest, sound_id: UUID) -> HttpResponse:
    sound = get_object_or_404(Sound.objects.visible_to(Maker.from_request(request)), id=sound_id)
    return _report(request, sound)


@require_POST
def report_collection(request: HttpRequest, collection_id: UUID) -> HttpResponse:
    collection = get_object_or_404(Collection.objects.visible_to(request.user), id=collection_id)
    return _report(request, collection)


def _report(request: HttpRequest, item: Sound | Collection) -> HttpResponse:
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect(item)
    try:
        rules.report(request, item, form.cleaned_data["reason"], form.cleaned_data["text"])
    except rules.ReportRefused as refusal:
        messages.info(request, str(refusal))
    else:
        messages.success(request, "Thanks: a moderator will look at it.")
    return redirect(item)
