from __future__ import annotations

from datetime import timedelta

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html

from generator import stats
from generator.models import Sound


@admin.register(Sound)
class SoundAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "anon_id", "visibility", "is_hidden", "source", "duration_s", "created_at")
    list_filter = ("is_hidden", "visibility", "source", "engine_version", "created_at", "deleted_at")
    search_fields = ("title", "prompt", "owner__username", "owner__email", "=id")
    date_hierarchy = "created_at"
    actions = ("hide", "unhide")
    list_select_related = ("owner",)
    raw_id_fields = ("owner", "parent")
    readonly_fields = (
        "id",
        "player",
        "anon_id",
        "prompt",
        "understood",
        "ignored",
        "spec",
        "sequence",
        "seed",
        "engine_version",
        "sample_rate",
        "source",
        "duration_s",
        "timings_ms",
        "created_at",
        "wav",
        "mp3",
        "ogg",
    )
    exclude = ("peaks",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Sound]:
        # Moderators see trashed sounds too (the deleted_at filter tells them apart).
        return Sound.all_objects.select_related("owner")

    @admin.display(description="Listen")
    def player(self, sound: Sound) -> str:
        # Moderators are not the owners: a signed link lets them hear private sounds they review.
        return format_html('<audio controls preload="none" src="{}"></audio>', sound.signed_audio_url("wav"))

    @admin.action(description="Hide the selected sounds (only their owners will still see them)")
    def hide(self, request: HttpRequest, queryset: QuerySet[Sound]) -> None:
        count = queryset.update(is_hidden=True)
        self.message_user(request, f"{count} sound(s) hidden.", messages.SUCCESS)

    @admin.action(description="Unhide the selected sounds")
    def unhide(self, request: HttpRequest, queryset: QuerySet[Sound]) -> None:
        count = queryset.update(is_hidden=False)
        self.message_user(request, f"{count} sound(s) visible again.", messages.SUCCESS)


def stats_view(request: HttpRequest) -> HttpResponse:
    """The staff statistics page (behind admin.site.admin_view: staff only)."""
    now = timezone.now()
    day_ago, week_ago = now - timedelta(days=1), now - timedelta(days=7)
    context = {
        **admin.site.each_context(request),
        "title": "Statistics",
        "hours": stats.period_table(stats.per_period(day_ago, "hour")),
        "days": stats.period_table(stats.per_period(now - timedelta(days=13), "day")),
        "stages": stats.stage_rows(stats.stage_timings(day_ago), stats.stage_timings(week_ago)),
        "errors": [("Last 24 hours", *stats.error_rate(day_ago)), ("Last 7 days", *stats.error_rate(week_ago))],
        "top_prompts": stats.top_prompts(week_ago),
        "top_ignored": stats.top_ignored_words(week_ago),
        "open_reports": stats.open_reports(),
    }
    return render(request, "admin/stats.html", context)
