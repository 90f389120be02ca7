"""Reporting and moderating: what visitors may report, and what each moderator action does (always logged)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from explore.plays import visitor_key
from generator import limits
from generator.makers import Maker, limit_network
from generator.models import Sound
from library.models import Collection
from moderation.models import ModerationAction, Report, Suspension

REPORTS_PER_HOUR = 20
SUSPENDED_MESSAGE = (
    "This account is suspended for breaking the rules, so it can't make sounds. Write to us if this is a mistake."
)

Item = Sound | Collection


class ReportRefused(Exception):
    """The message is shown to the visitor as is."""


def report(request: HttpRequest, item: Item, reason: str, text: str) -> None:
    """File the visitor's report on `item`. Raises ReportRefused (already reported, too many reports)."""
    maker = Maker.from_request(request)
    reporter = visitor_key(request, maker)
    if Report.objects.filter(**_item_filter(item), reporter=reporter).exists():
        raise ReportRefused("You have reported this already; a moderator will look at it.")
    # Counted by network, not by visitor: dropping cookies makes a new visitor, not a new network.
    if not limits.hit("reports", limit_network(maker.ip), limit=REPORTS_PER_HOUR, period_s=3600).allowed:
        raise ReportRefused("You've sent a lot of reports. Please try again in an hour.")
    try:
        with transaction.atomic():
            Report.objects.create(**_item_filter(item), reason=reason, text=text.strip(), reporter=reporter)
    except IntegrityError:
        # The same visitor's second click, racing the first: one report stands.
        raise ReportRefused("You have reported this already; a moderator will look at it.") from None


def hide(item: Item, moderator: Any) -> None:
    _set_hidden(item, True)
    # Hidden on its own account now: lifting its maker's suspension must not show it again.
    if isinstance(item, Sound):
        Suspension.hidden_sounds.through.objects.filter(sound=item).delete()
    else:
        Suspension.hidden_collections.through.objects.filter(collection=item).delete()
    _close_reports(item)
    _log(moderator, ModerationAction.Kind.HIDE, item)


def restore(item: Item, moderator: Any) -> None:
    _set_hidden(item, False)
    _close_reports(item)
    _log(moderator, ModerationAction.Kind.RESTORE, item)


def dismiss(item: Item, moderator: Any) -> None:
    _close_reports(item)
    _log(moderator, ModerationAction.Kind.DISMISS, item)


def suspend_maker(item: Item, moderator: Any) -> None:
    """Suspend whoever made `item`: all their sounds and collections are hidden and they may not generate."""
    owner = item.owner
    anon_id = getattr(item, "anon_id", "") if owner is None else ""
    if owner is not None:
        sounds = Sound.objects.filter(owner=owner)
        collections = Collection.objects.filter(owner=owner)
    else:
        sounds = Sound.objects.filter(owner__isnull=True, anon_id=anon_id)
        collections = Collection.objects.none()
    with transaction.atomic():
        suspension, _ = Suspension.objects.get_or_create(user=owner, anon_id=anon_id)
        sound_ids = list(sounds.filter(is_hidden=False).values_list("id", flat=True))
        collection_ids = list(collections.filter(is_hidden=False).values_list("id", flat=True))
        suspension.hidden_sounds.add(*sound_ids)
        suspension.hidden_collections.add(*collection_ids)
        Sound.objects.filter(id__in=sound_ids).update(is_hidden=True)
        Collection.objects.filter(id__in=collection_ids).update(is_hidden=True)
    _close_reports(item)
    _log(moderator, ModerationAction.Kind.SUSPEND, item)


def lift_suspension(suspension: Suspension, moderator: Any) -> None:
    """The maker may generate again, and what the suspension hid is shown again (what was hidden on its own stays)."""
    with transaction.atomic():
        suspension.hidden_sounds.all().update(is_hidden=False)
        suspension.hidden_collections.all().update(is_hidden=False)
        ModerationAction.objects.create(
            moderator=moderator, kind=ModerationAction.Kind.LIFT, item_label=suspension.maker_label[:200]
        )
        suspension.delete()


def is_suspended(maker: Maker) -> bool:
    if maker.user is not None:
        return Suspension.objects.filter(user=maker.user).exists()
    return bool(maker.anon_id) and Suspension.objects.filter(anon_id=maker.anon_id).exists()


def _set_hidden(item: Item, hidden: bool) -> None:
    item.is_hidden = hidden
    item.save(update_fields=["is_hidden"])


def _close_reports(item: Item) -> None:
    Report.objects.filter(**_item_filter(item), is_open=True).update(is_open=False)


def _log(moderator: Any, kind: str, item: Item) -> None:
    label = item.title if isinstance(item, Sound) else item.name
    ModerationAction.objects.create(moderator=moderator, kind=kind, item_label=label[:200], **_item_filter(item))


def _item_filter(item: Item) -> dict[str, Item]:
    return {"sound": item} if isinstance(item, Sound) else {"collection": item}
