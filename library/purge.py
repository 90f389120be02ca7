"""What `manage.py purge` removes: trash past its days, anonymous sounds nobody kept, expired sessions."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from generator.models import Sound, trash_cutoff
from library.models import Collection, CollectionItem, Favorite

# An anonymous sound that nobody favorited, shared or collected in this long is not coming back: its session is
# usually gone too, so no one can even reach it.
ANONYMOUS_SOUND_RETENTION = timedelta(days=30)
# Rows are deleted through the ORM in batches: each sound's audio files go with it (generator.signals), and memory
# stays flat however much there is.
BATCH_SIZE = 500


def doomed() -> dict[str, QuerySet]:
    """Each kind of thing the purge removes, as the query that finds it now."""
    now = timezone.now()
    return {
        "trashed sounds": Sound.all_objects.filter(deleted_at__lt=trash_cutoff()),
        "trashed collections": Collection.all_objects.filter(deleted_at__lt=trash_cutoff()),
        # Private: a shared sound (public, or any other visibility) is kept whoever made it.
        "abandoned anonymous sounds": Sound.all_objects.filter(
            owner__isnull=True, visibility=Sound.Visibility.PRIVATE, created_at__lt=now - ANONYMOUS_SOUND_RETENTION
        )
        .exclude(Exists(Favorite.objects.filter(sound=OuterRef("pk"))))
        .exclude(Exists(CollectionItem.objects.filter(sound=OuterRef("pk")))),
        "expired sessions": Session.objects.filter(expire_date__lt=now),
    }


def purge(*, dry_run: bool = False) -> dict[str, int]:
    """Remove (or, dry, only count) everything doomed(); returns how many of each kind."""
    counts = {}
    for kind, query in doomed().items():
        counts[kind] = query.count() if dry_run else _delete_in_batches(query)
    return counts


def _delete_in_batches(query: QuerySet) -> int:
    deleted = 0
    while batch := list(query.values_list("pk", flat=True)[:BATCH_SIZE]):
        query.model._base_manager.filter(pk__in=batch).delete()
        deleted += len(batch)
    return deleted
