"""Counting plays: a play is a listener starting a sound's audio, counted once per listener and sound per hour;
the sound's own maker and bots do not count."""

from __future__ import annotations

import hashlib
import re

from django.core.cache import cache
from django.http import HttpRequest

from explore.models import Play
from generator.makers import ANON_SESSION_KEY, Maker
from generator.models import Sound

PLAY_WINDOW_S = 3600
# Crawlers and link unfurlers fetch pages and audio without anyone listening.
BOT_AGENT = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|curl|wget|python-|httpclient", re.I)


def count_play(request: HttpRequest, sound: Sound) -> bool:
    """Record a play of `sound` by whoever sent the request; False when it does not count."""
    if BOT_AGENT.search(request.headers.get("User-Agent", "")) or not request.headers.get("User-Agent"):
        return False
    maker = Maker.from_request(request)
    if sound.can_edit(maker):
        return False
    # cache.add is atomic: of two tabs starting the sound at once, one counts.
    if not cache.add(f"play:{sound.id}:{visitor_key(request, maker)}", 1, PLAY_WINDOW_S):
        return False
    Play.objects.create(sound=sound)
    return True


def visitor_key(request: HttpRequest, maker: Maker) -> str:
    """Who is listening (or reporting): the account, the visitor's session, else their address; hashed, since it is
    only ever compared."""
    if maker.user is not None:
        identity = f"user:{maker.user.pk}"
    else:
        anon_id = request.session.get(ANON_SESSION_KEY) if hasattr(request, "session") else None
        identity = f"anon:{anon_id}" if anon_id else f"ip:{maker.ip}"
    return hashlib.sha256(identity.encode()).hexdigest()[:32]
