"""Collections: how many a user may keep, how big they may grow, and adding and removing their sounds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from generator.makers import Maker
from generator.models import Sound
from library.models import Collection, CollectionItem

# Generous for a person, small enough that one account cannot fill the database.
MAX_COLLECTIONS_PER_USER = 100
MAX_SOUNDS_PER_COLLECTION = 500
DUPLICATE_NAME = "You already have a collection with that name."


class CollectionRefused(Exception):
    """The message is shown to the user as is."""


class CollectForm(forms.Form):
    """Which of the user's collections a sound goes into."""

    collection = forms.ModelChoiceField(
        queryset=Collection.objects.none(),
        empty_label=None,
        label="Collection",
        error_messages={"required": "Choose a collection.", "invalid_choice": "That collection is not one of yours."},
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = Collection.objects.owned_by(user)


class CollectionForm(forms.ModelForm):
    """The name of a new or renamed collection (unique per owner, whatever the case)."""

    class Meta:
        model = Collection
        fields = ["name"]
        labels = {"name": "Collection name"}
        widgets = {"name": forms.TextInput(attrs={"placeholder": "e.g. Bathtub classics"})}
        error_messages = {
            "name": {
                "required": "Give the collection a name.",
                "max_length": "Keep the name to %(limit_value)d characters (this one has %(show_value)d).",
            }
        }

    def clean_name(self) -> str:
        # The model's constraint covers the owner, which the form does not edit, so Django would not check it here.
        name = self.cleaned_data["name"]
        same_name = Collection.objects.filter(owner=self.instance.owner, name__iexact=name)
        if same_name.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(DUPLICATE_NAME)
        return name


def named_form(user: Any, data: Any = None, collection: Collection | None = None) -> CollectionForm:
    # The owner is set before validation so that the unique-name constraint is checked against their collections.
    instance = collection if collection is not None else Collection(owner=user)
    return CollectionForm(data, instance=instance, prefix="collection")


def for_sound_page(user: Any, sound: Sound) -> dict[str, Any]:
    """What the sound page's "Add to a collection" card needs: the user's collections, and those holding it."""
    if not user.is_authenticated:
        return {}
    collect_form = CollectForm(user)
    return {
        "collect_form": collect_form,
        "has_collections": collect_form.fields["collection"].queryset.exists(),
        "new_collection_form": named_form(user),
        "holding_collections": Collection.objects.owned_by(user).filter(items__sound=sound),
    }


def create(form: CollectionForm) -> Collection:
    """Save a valid new collection's form. Raises CollectionRefused when the owner has as many as allowed."""
    collection = form.instance
    if Collection.objects.filter(owner=collection.owner).count() >= MAX_COLLECTIONS_PER_USER:
        raise CollectionRefused(
            f"You have {MAX_COLLECTIONS_PER_USER} collections already: delete one you no longer need first."
        )
    return save_named(form)


def save_named(form: CollectionForm) -> Collection:
    """Save a valid name form. Raises CollectionRefused if the same name was taken since the form was checked."""
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError:
        raise CollectionRefused(DUPLICATE_NAME) from None


def add(collection: Collection, sound: Sound) -> bool:
    """Put the sound in the collection; False if it was there already. Raises CollectionRefused when it is full."""
    if collection.items.filter(sound=sound).exists():
        return False
    if collection.items.count() >= MAX_SOUNDS_PER_COLLECTION:
        raise CollectionRefused(f"“{collection.name}” is full ({MAX_SOUNDS_PER_COLLECTION} sounds).")
    try:
        # Two quick clicks may both get here: the unique constraint lets one in.
        with transaction.atomic():
            CollectionItem.objects.create(collection=collection, sound=sound)
    except IntegrityError:
        return False
    _touch(collection)
    return True


def remove(collection: Collection, sound_id: Any) -> bool:
    """Take a sound out of the collection (the sound itself stays); False if it was not in it."""
    deleted, _ = collection.items.filter(sound_id=sound_id).delete()
    if deleted:
        _touch(collection)
    return bool(deleted)


def _touch(collection: Collection) -> None:
    # A collection's list is ordered by its last change, and adding or removing a sound is one.
    Collection.objects.filter(pk=collection.pk).update(updated_at=timezone.now())


def hidden_from_visitors(collection: Collection) -> int:
    """How many of its sounds people other than the owner cannot hear (private, or taken down by moderation)."""
    visitor = Maker(user=None, anon_id=None, ip="")
    return collection.items.count() - collection.sounds_for(visitor).count()
