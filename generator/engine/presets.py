"""The base sound library: named starting points that the interpreter maps prompts onto."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.engine.spec import FartSpec


@dataclass(frozen=True)
class Body:
    """What a preset's valve and body are made of, beyond the spec's sliders."""

    # Broad, low-Q resonances of the body around the valve (Hz, at tightness 0.5) and how much each lifts (dB).
    resonances_hz: tuple[float, float] = (320.0, 1100.0)
    gains_db: tuple[float, float] = (6.0, 4.0)
    # The flow's symmetric bump beside the part cut off by the snap: more bump, rounder and darker flaps.
    bump: float = 0.25
    # How much flow the closure cuts off: more snap, sharper flaps and a brighter buzz.
    snap: float = 0.5
    # A putt-putt: the spec's pitch, even below the valve's usual floor, is how often it putts; each putt is a
    # short burst of flaps at an ordinary valve rate.
    putts: bool = False
    # The least share of each cycle the valve stays open: a squeak's tight valve barely closes, so its flow is
    # nearly a sine and its harmonics fall away fast (no flat run of them up to 2 kHz).
    open_share: float = 0.0
    # How loud the leaking air hisses through a narrow slit (above 2.5 kHz), beside its jet noise (0.2–1.3 kHz).
    hiss: float = 1.0
    # How hard each closure slaps out its burst of broadband noise, relative to an ordinary valve's: a brassy
    # valve rasps, so its buzz has a bright edge even when it hardly ever leaks.
    rasp: float = 1.0


DEFAULT_BODY = Body()


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    description: str
    spec: FartSpec
    body: Body = field(default=DEFAULT_BODY)


def _reed(low_hz: float, high_hz: float, open_share: float) -> Body:
    """The body of a high novelty sound: a tight reed that barely closes (open_share of each cycle at the least),
    a strong low resonance, soft snaps and a quiet slit."""
    return Body(
        resonances_hz=(low_hz, high_hz), gains_db=(9.0, 1.5), snap=0.08, bump=1.0, open_share=open_share, hiss=0.6
    )


def _preset(name: str, label: str, description: str, body: Body = DEFAULT_BODY, **spec: Any) -> Preset:
    return Preset(name, label, description, FartSpec(preset=name, **spec), body)


_LIBRARY = (
    _preset(
        "classic",
        "Classic",
        "An honest mid-pitched brrrap with a little flutter and a touch of moisture.",
        duration_s=0.94,
        pitch_hz=105.0,
        pitch_end_hz=84.0,
        wetness=0.2,
        roughness=0.35,
        loudness=0.7,
        tightness=0.4,
        breathiness=0.15,
    ),
    _preset(
        "squeaker",
        "Squeaker",
        "A tight, high, rising squeak squeezed out under pressure.",
        body=_reed(500.0, 1500.0, open_share=0.55),
        duration_s=0.9,
        pitch_hz=330.0,
        pitch_end_hz=410.0,
        wetness=0.03,
        roughness=0.12,
        loudness=0.55,
        tightness=0.92,
        breathiness=0.1,
    ),
    _preset(
        "rumbler",
        "Rumbler",
        "A deep, long, rattling rumble you feel in the floorboards.",
        body=Body(resonances_hz=(260.0, 800.0)),
        duration_s=1.8,
        pitch_hz=68.0,
        pitch_end_hz=63.0,
        wetness=0.15,
        roughness=0.65,
        loudness=0.85,
        tightness=0.15,
        breathiness=0.1,
    ),
    _preset(
        "machine_gun",
        "Machine gun",
        "A rapid, even volley of short punchy blasts.",
        body=Body(resonances_hz=(340.0, 1000.0)),
        duration_s=1.6,
        pitch_hz=115.0,
        pitch_end_hz=100.0,
        wetness=0.1,
        roughness=0.2,
        loudness=0.8,
        tightness=0.5,
        breathiness=0.1,
        bursts=10,
    ),
    _preset(
        "wet_one",
        "Wet one",
        "A sloppy, bubbling splutter: check your pants.",
        body=Body(resonances_hz=(300.0, 900.0)),
        duration_s=1.2,
        pitch_hz=88.0,
        pitch_end_hz=70.0,
        wetness=0.92,
        roughness=0.55,
        loudness=0.7,
        tightness=0.3,
        breathiness=0.2,
    ),
    _preset(
        "silent_but_deadly",
        "Silent but deadly",
        "A long, quiet hiss of escaping air that nobody will own up to.",
        body=Body(resonances_hz=(320.0, 3000.0), gains_db=(6.0, -9.0), hiss=0.5),
        duration_s=3.0,
        pitch_hz=170.0,
        pitch_end_hz=150.0,
        wetness=0.0,
        roughness=0.1,
        loudness=0.25,
        tightness=0.75,
        breathiness=0.95,
    ),
    _preset(
        "trumpet",
        "Trumpet",
        "A proud, clean, brassy blast held on one note.",
        body=Body(resonances_hz=(420.0, 1250.0), gains_db=(5.0, 4.0), bump=1.5),
        duration_s=1.3,
        pitch_hz=125.0,
        pitch_end_hz=132.0,
        wetness=0.0,
        roughness=0.06,
        loudness=0.9,
        tightness=0.75,
        breathiness=0.04,
    ),
    _preset(
        "balloon",
        "Balloon",
        "The squealing, sagging whine of a balloon let go.",
        body=_reed(500.0, 1500.0, open_share=0.35),
        duration_s=2.2,
        pitch_hz=320.0,
        pitch_end_hz=170.0,
        wetness=0.0,
        roughness=0.22,
        loudness=0.65,
        tightness=0.85,
        breathiness=0.2,
    ),
    _preset(
        "duck_call",
        "Duck call",
        "Three nasal quacks, honked through a tight reed.",
        body=_reed(550.0, 1500.0, open_share=0.4),
        duration_s=1.0,
        pitch_hz=270.0,
        pitch_end_hz=205.0,
        wetness=0.05,
        roughness=0.45,
        loudness=0.7,
        tightness=0.65,
        breathiness=0.08,
        bursts=3,
    ),
    _preset(
        "bathtub_bubbler",
        "Bathtub bubbler",
        "A burbling blub-blub rising through the bath water.",
        body=Body(resonances_hz=(300.0, 900.0)),
        duration_s=2.0,
        pitch_hz=80.0,
        pitch_end_hz=66.0,
        wetness=0.6,
        roughness=0.45,
        loudness=0.75,
        tightness=0.35,
        breathiness=0.15,
        bursts=2,
        room="bathtub",
    ),
    _preset(
        "long_goodbye",
        "Long goodbye",
        "A slow, sagging farewell that droops and sputters to the end.",
        body=Body(resonances_hz=(300.0, 950.0)),
        duration_s=6.0,
        pitch_hz=120.0,
        pitch_end_hz=64.0,
        wetness=0.3,
        roughness=0.5,
        loudness=0.6,
        tightness=0.45,
        breathiness=0.15,
    ),
    _preset(
        "tuba",
        "Tuba",
        "A deep, round, clean low note with a brassy bloom.",
        body=Body(resonances_hz=(300.0, 800.0), gains_db=(7.0, 3.0), rasp=7.0),
        duration_s=1.5,
        pitch_hz=72.0,
        pitch_end_hz=74.0,
        wetness=0.02,
        roughness=0.08,
        loudness=0.85,
        tightness=0.35,
        breathiness=0.04,
    ),
    _preset(
        "popcorn",
        "Popcorn",
        "A scatter of little pops, irregular like kernels in a hot pan.",
        body=_reed(450.0, 1300.0, open_share=0.45),
        duration_s=2.0,
        pitch_hz=185.0,
        pitch_end_hz=215.0,
        wetness=0.25,
        roughness=0.9,
        loudness=0.6,
        tightness=0.6,
        breathiness=0.1,
        bursts=12,
    ),
    _preset(
        "motorboat",
        "Motorboat",
        "A slow putt-putt-putt of short flutters, like an outboard idling.",
        body=Body(resonances_hz=(280.0, 900.0), putts=True),
        duration_s=2.5,
        pitch_hz=24.0,
        pitch_end_hz=21.0,
        wetness=0.2,
        roughness=0.3,
        loudness=0.75,
        tightness=0.3,
        breathiness=0.1,
    ),
    _preset(
        "whoopee_cushion",
        "Whoopee cushion",
        "The rubbery, raspy, sinking blurt of the classic prank cushion, sputtering out.",
        # Rubber, not tissue: a softer closure and a rounder flap.
        body=Body(resonances_hz=(360.0, 1100.0), gains_db=(6.0, 1.5), snap=0.3, bump=0.4),
        duration_s=1.1,
        pitch_hz=150.0,
        pitch_end_hz=88.0,
        wetness=0.1,
        roughness=0.6,
        loudness=0.75,
        tightness=0.55,
        breathiness=0.12,
        bursts=3,
        room="chair",
    ),
    _preset(
        "zipper",
        "Zipper",
        "A quick, high zzzip of tiny clicks in a row.",
        body=_reed(500.0, 1500.0, open_share=0.5),
        duration_s=0.8,
        pitch_hz=300.0,
        pitch_end_hz=360.0,
        wetness=0.05,
        roughness=0.25,
        loudness=0.6,
        tightness=0.8,
        breathiness=0.15,
        bursts=12,
    ),
)

PRESETS: dict[str, Preset] = {preset.name: preset for preset in _LIBRARY}
