"""The moderation queue: reported sounds and collections, most reported first, with the actions on them."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from moderation import rules
from moderation.models import ModerationAction, Report, ReportedCollection, ReportedSound, Suspension

OPEN = Q(reports__is_open=True)


class QueueAdmin(admin.ModelAdmin):
    """Shared by both queues: only items with open reports, by how many; no adding, no editing, only actions."""

    actions = ("hide", "restore", "suspend_maker", "dismiss")
    list_display_links = None

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(open_reports=Count("reports", filter=OPEN))
            .filter(open_reports__gt=0)
            .order_by("-open_reports")
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.is_active and request.user.is_staff

    @admin.display(description="Reports", ordering="open_reports")
    def report_count(self, item: ReportedSound | ReportedCollection) -> int:
        return item.open_reports

    @admin.display(description="Why")
    def reasons(self, item: ReportedSound | ReportedCollection) -> str:
        reports = item.reports.filter(is_open=True).order_by("-created_at")[:5]
        return format_html_join(
            "", "<div><strong>{}</strong> {}</div>", ((r.get_reason_display(), r.text) for r in reports)
        )

    def _each(self, request: HttpRequest, queryset: QuerySet, act: object, done: str) -> None:
        count = 0
        for item in queryset:
            act(item, request.user)
            count += 1
        self.message_user(request, f"{done}: {count}.", messages.SUCCESS)

    @admin.action(description="Hide (only the maker still sees it)")
    def hide(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._each(request, queryset, rules.hide, "Hidden")

    @admin.action(description="Restore (visible again, reports closed)")
    def restore(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._each(request, queryset, rules.restore, "Restored")

    @admin.action(description="Suspend the maker (all their items hidden, no more generating)")
    def suspend_maker(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._each(request, queryset, rules.suspend_maker, "Makers suspended")

    @admin.action(description="Dismiss the reports (nothing wrong)")
    def dismiss(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._each(request, queryset, rules.dismiss, "Dismissed")


@admin.register(ReportedSound)
class ReportedSoundAdmin(QueueAdmin):
    list_display = ("title", "report_count", "reasons", "listen", "visibility", "is_hidden", "owner", "created_at")
    list_select_related = ("owner",)

    @admin.display(description="Listen")
    def listen(self, sound: ReportedSound) -> str:
        # A signed link: the moderator is not the owner, and a reported sound may be hidden already.
        return format_html('<audio controls preload="none" src="{}"></audio>', sound.signed_audio_url("mp3"))


@admin.register(ReportedCollection)
class ReportedCollectionAdmin(QueueAdmin):
    list_display = ("name", "report_count", "reasons", "open_link", "visibility", "is_hidden", "owner")
    list_select_related = ("owner",)

    @admin.display(description="Page")
    def open_link(self, collection: ReportedCollection) -> str:
        return format_html('<a href="{}" target="_blank" rel="noopener">open</a>', collection.get_absolute_url())


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    """The log of moderation: read only."""

    list_display = ("at", "moderator", "kind", "item_label", "sound", "collection")
    list_filter = ("kind", "moderator")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "reason", "text", "sound", "collection", "is_open")
    list_filter = ("is_open", "reason")
    raw_id_fields = ("sound", "collection")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Suspension)
class SuspensionAdmin(admin.ModelAdmin):
    """Suspended makers. Deleting a suspension lifts it: the items it hid are shown again (those a moderator hid one
    by one stay hidden), and the lift is logged."""

    list_display = ("user", "anon_id", "created_at")
    raw_id_fields = ("user",)
    search_fields = ("user__username", "user__email", "anon_id")
    exclude = ("hidden_sounds", "hidden_collections")

    def delete_model(self, request: HttpRequest, obj: Suspension) -> None:
        rules.lift_suspension(obj, request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for suspension in queryset:
            rules.lift_suspension(suspension, request.user)
