from __future__ import annotations

from django.urls import path

from embeds import views

app_name = "embeds"

urlpatterns = [
    path("oembed", views.oembed, name="oembed"),
    path("sounds/<uuid:sound_id>/embed/", views.sound_embed, name="sound_embed"),
    path("sounds/<uuid:sound_id>/card.png", views.sound_card, name="sound_card"),
    path("library/collections/<uuid:collection_id>/embed/", views.collection_embed, name="collection_embed"),
    path("library/collections/<uuid:collection_id>/card.png", views.collection_card, name="collection_card"),
]
