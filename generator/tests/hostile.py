"""Hostile input for every interface that takes a prompt (the JSON API, both sockets, the no-JS form)."""

from __future__ import annotations

# What people paste into a prompt box: every one gets a sound with its unused words said back, or a clear message.
HOSTILE_PROMPTS = [
    "",
    "   ",
    "p" * 501,
    "💨💨💨",
    "?!?!... ---",
    "wet пердёж 屁 in a bathtub",
    "ضراط مبلل",
    "\u200b\u200c\u200d",
    "wet\u200bfart",
    "\u202eteb rof tewf",
    "<script>alert('fart')</script>",
    "<b>loud</b> fart &amp; more",
]
