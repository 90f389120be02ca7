"""The Redis channel layer of settings (real Redis): a group message skips the sender it names, and only it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from channels.layers import get_channel_layer

from fartgen.channel_layer import SENDER_KEY, SenderSkippingRedisChannelLayer

GROUP = "test-sender-skipping"


@pytest.fixture
async def layer() -> AsyncIterator[SenderSkippingRedisChannelLayer]:
    channel_layer = get_channel_layer()
    assert isinstance(channel_layer, SenderSkippingRedisChannelLayer)
    yield channel_layer
    await channel_layer.flush()


async def received(layer: SenderSkippingRedisChannelLayer, channel: str) -> dict[str, object] | None:
    try:
        return await asyncio.wait_for(layer.receive(channel), timeout=0.5)
    except TimeoutError:
        return None


async def test_the_sender_is_skipped_and_the_other_members_hear(layer: SenderSkippingRedisChannelLayer) -> None:
    sender, other = await layer.new_channel(), await layer.new_channel()
    for channel in (sender, other):
        await layer.group_add(GROUP, channel)
    message = {"type": "sound.created", "sound_id": "x", SENDER_KEY: sender}
    await layer.group_send(GROUP, message)
    assert await received(layer, other) == message
    # Also proves the override still takes: it relies on a private method of the pinned channels-redis.
    assert await received(layer, sender) is None


async def test_a_message_naming_no_sender_reaches_every_member(layer: SenderSkippingRedisChannelLayer) -> None:
    first, second = await layer.new_channel(), await layer.new_channel()
    for channel in (first, second):
        await layer.group_add(GROUP, channel)
    for message in ({"type": "sound.created", "sound_id": "y"}, {"type": "sound.created", SENDER_KEY: None}):
        await layer.group_send(GROUP, message)
        assert await received(layer, first) == message
        assert await received(layer, second) == message
