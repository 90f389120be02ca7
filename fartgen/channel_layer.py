"""The Redis channel layer, skipping a group message's own sender."""

from __future__ import annotations

from typing import Any

from channels_redis.core import RedisChannelLayer

SENDER_KEY = "sender_channel"


class SenderSkippingRedisChannelLayer(RedisChannelLayer):
    """channels-redis's layer, except that a group message naming its sender under `sender_channel` skips it.

    A socket that makes a sound tells its maker's group, which it belongs to itself; delivering the event back to
    it cost a fifth of the channel layer's work per generation, only for the socket to drop it. When the sender is
    the group's only member, nothing is written to Redis at all.
    """

    def _map_channel_keys_to_connection(self, channel_names: list[str], message: dict[str, Any]) -> Any:
        sender = message.get(SENDER_KEY)
        if sender is not None:
            channel_names = [name for name in channel_names if name != sender]
        return super()._map_channel_keys_to_connection(channel_names, message)
