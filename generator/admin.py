from __future__ import annotations

from datetime import timedelta

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from generator import stats
from generator import storage as audio_files
from generator.models import AUDIO_FORMATS, Sound
from moderation import rules


@admin.register(Sound)
class SoundAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "anon_id", "visibility", "is_hidden", "source", "length", "created_at")
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
        "length",
        "timings_ms",
        "created_at",
        "files",
    )
    # Sounds come from the generator only: a hand-made row would have no spec to render nor audio to play.
    exclude = ("peaks", "duration_s", "wav", "mp3", "ogg", "opus")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description="Length", ordering="duration_s")
    def length(self, sound: Sound) -> str:
        return f"{sound.duration_s:.1f} s"

    @admin.display(description="Audio files")
    def files(self, sound: Sound) -> str:
        """Each stored format with its size as people read it ("172.3 KB")."""
        rows = []
        for fmt in AUDIO_FORMATS:
            name = sound.audio_field(fmt).name
            if name:
                rows.append((fmt.upper(), name, _size(name)))
        return format_html_join("", "<div>{} · {} · {}</div>", rows) or "—"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Sound]:
        # Moderators see trashed sounds too (the deleted_at filter tells them apart).
        return Sound.all_objects.select_related("owner")

    @admin.display(description="Listen")
    def player(self, sound: Sound) -> str:
        # Moderators are not the owners: a signed link lets them hear private sounds they review.
        return format_html('<audio controls preload="none" src="{}"></audio>', sound.signed_audio_url("wav"))

    @admin.action(description="Hide the selected sounds (only their owners will still see them)")
    def hide(self, request: HttpRequest, queryset: QuerySet[Sound]) -> None:
        # One by one through the moderation rules, so that each is logged with who and when.
        for sound in queryset:
            rules.hide(sound, request.user)
        self.message_user(request, f"{len(queryset)} sound(s) hidden.", messages.SUCCESS)

    @admin.action(description="Unhide the selected sounds")
    def unhide(self, request: HttpRequest, queryset: QuerySet[Sound]) -> None:
        for sound in queryset:
            rules.restore(sound, request.user)
        self.message_user(request, f"{len(queryset)} sound(s) visible again.", messages.SUCCESS)


def _size(name: str) -> str:
    try:
        return filesizeformat(audio_files.storage().size(name))
    except audio_files.STORAGE_ERRORS:
        return "missing"


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
