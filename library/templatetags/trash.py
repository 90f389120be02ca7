from __future__ import annotations

from django import template

from library import trash

register = template.Library()

register.filter("undo_url", trash.undo_url)
