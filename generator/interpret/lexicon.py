"""What the local interpreter knows: words and phrases with what they do to a FartSpec.

A change is counted in steps along an axis (see `AXES`); intensifiers scale the steps and negation flips them.
Keys are written in their plain form: plurals, -er/-est, -ing/-ed, -y and -ly forms reach them through stemming
in `local.py`, small typos through fuzzy matching.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.names import ROOM_NAMES

# An axis is one direction a person talks about. "ratio" axes multiply (a step is a factor); "unit" axes
# (0–1 fields) move a share of the way towards 1 or 0, so they never overshoot and a step always has an effect.
RATIO_STEP: dict[str, float] = {"duration": 1.6, "pitch": 1.35, "glide": 1.3, "bursts": 1.8}
UNIT_AXES: tuple[str, ...] = ("wetness", "roughness", "loudness", "tightness", "breathiness")

# Title words for each direction of each axis: (positive, comparative) for steps up, then for steps down.
AXIS_WORDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "duration": (("long", "longer"), ("short", "shorter")),
    "pitch": (("high", "higher"), ("deep", "deeper")),
    "glide": (("rising", "rising"), ("falling", "falling")),
    "bursts": (("stuttering", "choppier"), ("steady", "steadier")),
    "wetness": (("wet", "wetter"), ("dry", "drier")),
    "roughness": (("raspy", "raspier"), ("smooth", "smoother")),
    "loudness": (("loud", "louder"), ("quiet", "quieter")),
    "tightness": (("tight", "tighter"), ("loose", "looser")),
    "breathiness": (("breathy", "breathier"), ("buzzy", "buzzier")),
}


@dataclass(frozen=True)
class Sense:
    """What one word or phrase means.

    `kind` says how the parser treats it: "meaning" changes the sound (changes, preset, room or echo);
    "intensifier", "negation", "less", "more" and "too" modify the next meaning; "direction" and "axis_noun"
    combine ("lower the volume"); "repeat" asks for the same sound again; "neutral" is known and does nothing.
    """

    kind: str = "meaning"
    changes: tuple[tuple[str, float], ...] = ()
    preset: str | None = None
    room: str | None = None
    room_phrase: str | None = None
    echo: int = 0
    # The word shown in titles; None means the axis word of the first change ("pfft" → "breathy").
    title: str | None = None
    # A noun for the title in place of "fart" ("toot").
    noun: str | None = None
    # For "intensifier": the factor; for "direction" and directional adjectives: +1 or −1.
    factor: float = 1.0
    direction: int = 0
    axis: str | None = None
    # Values set outright ("forever": duration 12 s), as (axis, value).
    sets: tuple[tuple[str, float], ...] = ()
    # A place that is not one of our rooms but sounds closest to it ("hallway" → hall).
    closest: bool = False


def _changes(axes: dict[str, float]) -> tuple[tuple[str, float], ...]:
    unknown = set(axes) - set(RATIO_STEP) - set(UNIT_AXES)
    if unknown:
        raise ValueError(f"unknown axis in lexicon: {sorted(unknown)}")
    return tuple(axes.items())


def adjective(**axes: float) -> tuple[tuple[str, float], ...]:
    return _changes(axes)


# --- Adjectives: the key itself is the title word ("soggy rumbler").
ADJECTIVES: dict[str, tuple[tuple[str, float], ...]] = {
    # wet / dry
    "wet": adjective(wetness=1.3),
    "moist": adjective(wetness=0.8),
    "damp": adjective(wetness=0.6),
    "soggy": adjective(wetness=1.6),
    "sloppy": adjective(wetness=1.5, tightness=-0.8),
    "juicy": adjective(wetness=1.4),
    "squishy": adjective(wetness=1.2, tightness=-0.4),
    "squelchy": adjective(wetness=1.5),
    "slimy": adjective(wetness=1.3),
    "gooey": adjective(wetness=1.3, tightness=-0.3),
    "mushy": adjective(wetness=1.2, tightness=-0.5),
    "soupy": adjective(wetness=1.7),
    "splashy": adjective(wetness=1.4, loudness=0.3),
    "sticky": adjective(wetness=1.0),
    "liquid": adjective(wetness=1.7),
    "watery": adjective(wetness=1.5),
    "messy": adjective(wetness=1.3, roughness=0.4),
    "swampy": adjective(wetness=1.5, pitch=-0.4),
    "muddy": adjective(wetness=1.3, pitch=-0.3),
    "slushy": adjective(wetness=1.4),
    "bubbly": adjective(wetness=0.8, bursts=0.6),
    "gurgly": adjective(wetness=1.1, pitch=-0.3),
    "crackly": adjective(wetness=0.8, roughness=0.6),
    "dry": adjective(wetness=-1.6),
    "crisp": adjective(wetness=-1.0, tightness=0.5),
    "dusty": adjective(wetness=-1.3, breathiness=0.5),
    "parched": adjective(wetness=-1.6),
    # rough / smooth
    "rough": adjective(roughness=1.2),
    "raspy": adjective(roughness=1.4),
    "gravelly": adjective(roughness=1.4, pitch=-0.5),
    "harsh": adjective(roughness=1.2, loudness=0.3),
    "gritty": adjective(roughness=1.2),
    "grainy": adjective(roughness=1.0),
    "crunchy": adjective(roughness=1.0, wetness=0.3),
    "scratchy": adjective(roughness=1.2, tightness=0.3),
    "rattly": adjective(roughness=1.3, bursts=0.4),
    "growly": adjective(roughness=1.0, pitch=-0.8),
    "gnarly": adjective(roughness=1.4, loudness=0.5),
    "nasty": adjective(roughness=1.0, wetness=0.8),
    "ragged": adjective(roughness=1.2, bursts=0.4),
    "coarse": adjective(roughness=1.1),
    "husky": adjective(roughness=0.8, breathiness=0.6),
    "smooth": adjective(roughness=-1.2),
    "clean": adjective(roughness=-1.0, wetness=-0.5),
    "pure": adjective(roughness=-1.2, breathiness=-0.5),
    "silky": adjective(roughness=-1.3),
    "velvety": adjective(roughness=-1.2, pitch=-0.2),
    "mellow": adjective(roughness=-0.8, loudness=-0.5),
    "soft": adjective(loudness=-0.9, roughness=-0.5),
    "gentle": adjective(loudness=-1.0, roughness=-0.5),
    "musical": adjective(roughness=-1.0, tightness=0.5),
    "melodic": adjective(roughness=-1.0, tightness=0.5),
    "tuneful": adjective(roughness=-1.0, tightness=0.5),
    # loud / quiet
    "loud": adjective(loudness=1.3),
    "noisy": adjective(loudness=1.2, roughness=0.4),
    "booming": adjective(loudness=1.5, pitch=-0.5),
    "blaring": adjective(loudness=1.5, tightness=0.3),
    "thunderous": adjective(loudness=1.8, pitch=-0.8, duration=0.4),
    "powerful": adjective(loudness=1.3),
    "mighty": adjective(loudness=1.3, pitch=-0.3),
    "massive": adjective(loudness=1.3, duration=0.5, pitch=-0.4),
    "huge": adjective(loudness=1.2, duration=0.4, pitch=-0.3),
    "big": adjective(loudness=1.0, pitch=-0.3),
    "giant": adjective(loudness=1.2, pitch=-1.0, duration=0.6),
    "enormous": adjective(loudness=1.4, duration=0.5, pitch=-0.5),
    "monstrous": adjective(loudness=1.5, pitch=-0.6, roughness=0.5),
    "violent": adjective(loudness=1.5, roughness=0.8),
    "explosive": adjective(loudness=1.6, duration=-0.3),
    "deafening": adjective(loudness=1.9),
    "strong": adjective(loudness=1.0),
    "intense": adjective(loudness=1.2, roughness=0.5),
    "aggressive": adjective(loudness=1.3, roughness=0.8),
    "angry": adjective(loudness=1.3, roughness=1.2, tightness=0.5),
    "brutal": adjective(loudness=1.5, roughness=1.0),
    "proud": adjective(loudness=1.0, duration=0.6, roughness=-0.3),
    "dramatic": adjective(loudness=1.0, duration=1.0),
    "epic": adjective(loudness=1.2, duration=1.2),
    "quiet": adjective(loudness=-1.3),
    "faint": adjective(loudness=-1.6),
    "subtle": adjective(loudness=-1.0),
    "muffled": adjective(loudness=-1.0, breathiness=0.3, tightness=-0.3),
    "muted": adjective(loudness=-1.2),
    "tiny": adjective(loudness=-1.0, pitch=0.6, duration=-0.6),
    "small": adjective(loudness=-0.6, pitch=0.5, duration=-0.4),
    "little": adjective(loudness=-0.5, pitch=0.5, duration=-0.4),
    "wee": adjective(loudness=-0.6, pitch=0.6, duration=-0.5),
    "polite": adjective(loudness=-1.0, duration=-0.5),
    "discreet": adjective(loudness=-1.2, breathiness=0.6),
    "shy": adjective(loudness=-1.0, duration=-0.3),
    "timid": adjective(loudness=-1.0, duration=-0.3),
    "weak": adjective(loudness=-1.0, duration=-0.3),
    "feeble": adjective(loudness=-1.2, breathiness=0.4),
    "hushed": adjective(loudness=-1.3, breathiness=0.5),
    "cute": adjective(pitch=1.0, loudness=-0.6, duration=-0.6),
    # long / short
    "long": adjective(duration=1.2),
    "lengthy": adjective(duration=1.2),
    "extended": adjective(duration=1.2),
    "drawn": adjective(duration=1.3),
    "lingering": adjective(duration=1.3, loudness=-0.2),
    "slow": adjective(duration=1.0),
    "leisurely": adjective(duration=1.0, loudness=-0.3),
    "prolonged": adjective(duration=1.4),
    "sustained": adjective(duration=1.2, bursts=-1.0),
    "short": adjective(duration=-1.2),
    "quick": adjective(duration=-1.2),
    "brief": adjective(duration=-1.2),
    "fast": adjective(duration=-1.0),
    "snappy": adjective(duration=-1.2, tightness=0.5),
    "sharp": adjective(duration=-0.8, tightness=0.8, roughness=0.2),
    "abrupt": adjective(duration=-1.4),
    "sudden": adjective(duration=-1.0, loudness=0.3),
    "mini": adjective(duration=-1.0, pitch=0.4),
    "instant": adjective(duration=-1.5),
    # high / deep
    "high": adjective(pitch=1.2),
    "squeaky": adjective(pitch=1.4, tightness=1.0),
    "shrill": adjective(pitch=1.5, tightness=1.2, roughness=0.3),
    "piercing": adjective(pitch=1.5, tightness=1.0, loudness=0.5),
    "whiny": adjective(pitch=1.2, tightness=0.8),
    "screechy": adjective(pitch=1.5, roughness=0.6),
    "thin": adjective(pitch=0.8, tightness=0.6, loudness=-0.3),
    "tinny": adjective(pitch=1.0, tightness=0.8),
    "chirpy": adjective(pitch=1.3, duration=-0.5),
    "soprano": adjective(pitch=1.5),
    "falsetto": adjective(pitch=1.6, breathiness=0.3),
    "deep": adjective(pitch=-1.2),
    "low": adjective(pitch=-1.2),
    "bassy": adjective(pitch=-1.4, loudness=0.3),
    "baritone": adjective(pitch=-1.0),
    "rumbly": adjective(pitch=-1.0, roughness=0.8, duration=0.3),
    "guttural": adjective(pitch=-1.2, roughness=0.8),
    "throaty": adjective(pitch=-0.8, roughness=0.6),
    "heavy": adjective(pitch=-0.8, loudness=0.6, wetness=0.2),
    "fat": adjective(pitch=-0.8, loudness=0.4, tightness=-0.5),
    "chunky": adjective(pitch=-0.6, wetness=0.4, roughness=0.4),
    "meaty": adjective(pitch=-0.6, loudness=0.5, wetness=0.3),
    "beefy": adjective(pitch=-0.8, loudness=0.6),
    "thick": adjective(pitch=-0.6, wetness=0.4, tightness=-0.4),
    # tight / loose
    "tight": adjective(tightness=1.3),
    "squeezed": adjective(tightness=1.3, pitch=0.5),
    "pinched": adjective(tightness=1.3, pitch=0.5),
    "clenched": adjective(tightness=1.5, pitch=0.5),
    "strained": adjective(tightness=1.2, roughness=0.5),
    "narrow": adjective(tightness=1.0, pitch=0.3),
    "nervous": adjective(tightness=0.8, bursts=0.5, loudness=-0.3),
    "reedy": adjective(tightness=1.0, breathiness=0.3),
    "loose": adjective(tightness=-1.3),
    "flappy": adjective(tightness=-1.5, roughness=0.5),
    "floppy": adjective(tightness=-1.3),
    "relaxed": adjective(tightness=-1.2, loudness=-0.3),
    "lazy": adjective(tightness=-1.0, duration=0.5, loudness=-0.4),
    "wide": adjective(tightness=-1.0, pitch=-0.3),
    "flabby": adjective(tightness=-1.3, wetness=0.3),
    "wobbly": adjective(tightness=-1.0, roughness=0.5, bursts=0.5),
    "blubbery": adjective(tightness=-1.2, wetness=0.8),
    # breathy / buzzy
    "breathy": adjective(breathiness=1.3),
    "airy": adjective(breathiness=1.3),
    "hissy": adjective(breathiness=1.5, loudness=-0.3),
    "whispery": adjective(breathiness=1.5, loudness=-1.0),
    "windy": adjective(breathiness=1.2, duration=0.3),
    "gassy": adjective(breathiness=1.0),
    "steamy": adjective(breathiness=1.2, wetness=0.4),
    "wheezy": adjective(breathiness=1.3, pitch=0.3),
    "ghostly": adjective(breathiness=1.3, loudness=-0.8, duration=0.6),
    "buzzy": adjective(breathiness=-1.2, roughness=0.3),
    "tonal": adjective(breathiness=-1.2, roughness=-0.5),
    "brassy": adjective(breathiness=-1.0, tightness=0.6, loudness=0.5),
    # bursts
    "stuttering": adjective(bursts=1.3),
    "choppy": adjective(bursts=1.2),
    "sputtering": adjective(bursts=1.2, wetness=0.4),
    "staccato": adjective(bursts=1.4, duration=-0.3),
    "fluttery": adjective(bursts=1.2, loudness=-0.3),
    "rapid": adjective(bursts=1.4, duration=-0.3),
    "multiple": adjective(bursts=1.2),
    "broken": adjective(bursts=1.0, roughness=0.4),
    "bumpy": adjective(bursts=1.0),
    "bouncy": adjective(bursts=1.0, pitch=0.3),
    "hiccupy": adjective(bursts=1.5, duration=-0.3),
    "single": adjective(bursts=-3.0),
    "continuous": adjective(bursts=-2.0),
    "steady": adjective(bursts=-1.5),
    "unbroken": adjective(bursts=-2.0),
    "solid": adjective(bursts=-1.5, loudness=0.3),
    # glide
    "rising": adjective(glide=1.3),
    "upward": adjective(glide=1.2),
    "ascending": adjective(glide=1.3),
    "climbing": adjective(glide=1.2),
    "questioning": adjective(glide=1.2, pitch=0.3),
    "falling": adjective(glide=-1.3),
    "descending": adjective(glide=-1.3),
    "dying": adjective(glide=-1.2, loudness=-0.3, duration=0.3),
    "sinking": adjective(glide=-1.2),
    "droopy": adjective(glide=-1.0, tightness=-0.5),
    "sad": adjective(glide=-1.2, duration=0.4, loudness=-0.3),
    "mournful": adjective(glide=-1.3, duration=0.6, loudness=-0.3),
    # moods and characters
    "happy": adjective(glide=0.8, pitch=0.4),
    "cheerful": adjective(glide=0.8, pitch=0.5),
    "silly": adjective(pitch=0.5, bursts=0.5, glide=0.4),
    "goofy": adjective(pitch=0.4, bursts=0.5, tightness=-0.4),
    "funny": adjective(pitch=0.5, bursts=0.4, glide=0.5),
    "cartoonish": adjective(pitch=0.6, glide=0.8, roughness=-0.4),
    "spooky": adjective(pitch=-0.8, duration=0.6, breathiness=0.5),
    "scary": adjective(pitch=-1.0, duration=0.5, loudness=0.5),
    "evil": adjective(pitch=-1.2, roughness=0.8),
    "elegant": adjective(roughness=-0.8, tightness=0.5, loudness=-0.5),
    "classy": adjective(roughness=-0.8, tightness=0.5, loudness=-0.4),
    "posh": adjective(roughness=-0.8, tightness=0.6, loudness=-0.5),
    "fancy": adjective(roughness=-0.6, tightness=0.5),
    "drunk": adjective(roughness=0.6, glide=-0.5, tightness=-0.5),
    "old": adjective(roughness=0.6, breathiness=0.5, tightness=-0.4),
    "robotic": adjective(roughness=-1.0, tightness=0.8, bursts=0.5),
    "mechanical": adjective(roughness=-0.5, tightness=0.6, bursts=0.8),
    "alien": adjective(glide=1.0, pitch=0.5),
    "stinky": adjective(breathiness=1.0, loudness=-0.5),
    "smelly": adjective(breathiness=1.0, loudness=-0.4),
    "toxic": adjective(breathiness=1.2, loudness=-0.5),
    "rotten": adjective(breathiness=1.0, wetness=0.5),
    "spicy": adjective(roughness=0.8, loudness=0.6),
    "distant": adjective(loudness=-1.0, roughness=-0.3),
    # characters: "baby fart", "dragon fart"
    "dragon": adjective(loudness=1.5, roughness=1.0, pitch=-1.0, breathiness=0.5),
    "ghost": adjective(breathiness=1.3, loudness=-0.8, duration=0.6),
    "mouse": adjective(pitch=1.3, loudness=-0.7, duration=-0.5),
    "elephant": adjective(pitch=-1.3, loudness=1.0, duration=0.4),
    "baby": adjective(pitch=1.2, loudness=-0.8, duration=-0.5),
    "robot": adjective(roughness=-1.0, tightness=0.8, bursts=0.5),
    "monster": adjective(loudness=1.5, pitch=-0.8, roughness=0.6),
    "grandpa": adjective(roughness=0.7, breathiness=0.5, duration=0.5),
    "granny": adjective(roughness=0.5, breathiness=0.6, loudness=-0.4),
    # muffled by what is in the way: "into a pillow", "under the covers"
    "pillow": adjective(loudness=-1.2, breathiness=0.4, roughness=-0.3),
    "blanket": adjective(loudness=-1.2, breathiness=0.4, roughness=-0.3),
    "covers": adjective(loudness=-1.2, breathiness=0.4, roughness=-0.3),
    "duvet": adjective(loudness=-1.2, breathiness=0.4, roughness=-0.3),
    "underwear": adjective(loudness=-0.8, breathiness=0.5),
    "jeans": adjective(loudness=-0.6, roughness=0.4),
}

# --- The families a person reaches for, each word with its own clear effect (issue 12). Creatures and sizes set
# pitch, loudness, length and tightness (a mouse is small, high and short; an elephant huge, low, long and loud);
# emotions set loudness, roughness, the pitch contour (sad falls, a question rises), tempo and breathiness;
# situations make a fart suppressed (quiet, tight, short, breathy) or defiant (loud, long, loose).
_SUPPRESSED = adjective(loudness=-1.3, tightness=0.9, breathiness=0.7, duration=-0.5)
_DEFIANT = adjective(loudness=1.3, duration=0.7, roughness=0.5, tightness=-0.4)
_SCARED = adjective(tightness=1.0, pitch=0.8, loudness=-0.6, bursts=0.8, duration=-0.4)
_SURPRISED = adjective(glide=1.6, pitch=0.5, duration=-0.5, loudness=0.4)
_QUESTION = adjective(glide=1.5, pitch=0.2)
_SLEEPY = adjective(glide=-0.9, loudness=-0.7, duration=0.7, tightness=-0.8, breathiness=0.4)
_GLOOMY = adjective(glide=-1.4, duration=0.6, loudness=-0.4, pitch=-0.3)
_JOYFUL = adjective(glide=0.9, pitch=0.5, bursts=0.5)
_FURIOUS = adjective(loudness=1.7, roughness=1.4, tightness=0.6)
_GRUMPY = adjective(roughness=0.9, pitch=-0.6, glide=-0.5)
_EMBARRASSED = adjective(loudness=-1.1, duration=-0.5, tightness=0.5)
_RUDE = adjective(loudness=1.3, roughness=0.7, duration=0.5, tightness=-0.3)
_CALM = adjective(roughness=-0.9, loudness=-0.6, bursts=-1.0)
_FRANTIC = adjective(bursts=1.3, pitch=0.6, glide=0.5, loudness=0.5)
_SULTRY = adjective(breathiness=0.9, roughness=-0.8, pitch=-0.4, duration=0.5)
_REGAL = adjective(loudness=0.9, duration=0.8, roughness=-0.6)
_TREMBLING = adjective(roughness=0.7, bursts=0.8, tightness=-0.3)
_RIPPING = adjective(roughness=1.5, bursts=-2.0, pitch=-0.5, loudness=0.6)
_CREAKY = adjective(tightness=1.0, roughness=0.9, pitch=0.4, bursts=0.5)
_SMALL_CRITTER = adjective(pitch=1.4, loudness=-1.1, duration=-0.8)
_BIG_BEAST = adjective(pitch=-1.3, loudness=1.3, duration=0.6, roughness=0.5)
_GIGANTIC = adjective(loudness=1.5, duration=0.7, pitch=-0.8)
_MICROSCOPIC = adjective(loudness=-1.7, pitch=1.5, duration=-1.1)
_CHILD = adjective(pitch=1.0, loudness=-0.4, duration=-0.5)
FAMILIES: dict[str, tuple[tuple[str, float], ...]] = {
    # creatures, small to huge
    "ant": _MICROSCOPIC, "flea": _MICROSCOPIC, "microscopic": _MICROSCOPIC, "teeny": _MICROSCOPIC,
    "teensy": _MICROSCOPIC, "itsy": _MICROSCOPIC, "minuscule": _MICROSCOPIC,
    "mosquito": adjective(pitch=1.8, loudness=-1.2, breathiness=-0.8),
    "bee": adjective(pitch=0.8, breathiness=-1.0, roughness=0.6, duration=0.3),
    "bug": _SMALL_CRITTER, "insect": _SMALL_CRITTER, "hamster": _SMALL_CRITTER, "chick": _SMALL_CRITTER,
    "bird": adjective(pitch=1.6, duration=-0.6, tightness=0.9),
    "squirrel": adjective(pitch=1.3, duration=-0.6, bursts=0.6),
    "rabbit": adjective(pitch=1.1, loudness=-0.8, duration=-0.7, bursts=0.5),
    "bunny": adjective(pitch=1.1, loudness=-0.8, duration=-0.7, bursts=0.5),
    "kitten": adjective(pitch=1.3, loudness=-0.9, duration=-0.7, tightness=0.6),
    "cat": adjective(pitch=0.9, loudness=-0.5, duration=-0.4, tightness=0.6),
    "puppy": adjective(pitch=0.9, loudness=-0.4, duration=-0.5, bursts=0.4),
    "dog": adjective(loudness=0.5, roughness=0.7, bursts=0.5, duration=-0.3),
    "frog": adjective(wetness=0.8, pitch=-0.3, bursts=0.6), "toad": adjective(wetness=0.8, pitch=-0.4, bursts=0.6),
    "monkey": adjective(pitch=0.8, bursts=0.8, glide=0.4),
    "snake": adjective(breathiness=1.5, loudness=-0.6, duration=0.5),
    "seal": adjective(wetness=0.7, bursts=0.6, pitch=0.2),
    "pig": adjective(roughness=1.0, wetness=0.6, pitch=0.3),
    "donkey": adjective(roughness=1.0, bursts=0.8, loudness=0.8),
    "horse": adjective(loudness=1.0, roughness=0.8, breathiness=0.5, bursts=0.6),
    "cow": adjective(pitch=-0.9, duration=0.8, loudness=0.6, glide=-0.4),
    "moose": adjective(pitch=-1.0, loudness=1.0, duration=0.6),
    "bull": adjective(loudness=1.2, pitch=-1.0, roughness=0.6),
    "bear": _BIG_BEAST, "gorilla": _BIG_BEAST, "rhino": _BIG_BEAST, "ogre": _BIG_BEAST, "troll": _BIG_BEAST,
    "lion": adjective(loudness=1.4, roughness=1.1, pitch=-0.8), "tiger": adjective(loudness=1.4, roughness=1.1,
                                                                                 pitch=-0.8),
    "hippo": adjective(pitch=-1.4, loudness=1.2, wetness=0.8, duration=0.5),
    "walrus": adjective(pitch=-1.2, wetness=0.8, tightness=-0.8),
    "whale": adjective(pitch=-1.8, loudness=1.3, duration=1.2, wetness=0.5),
    "dinosaur": adjective(pitch=-1.6, loudness=1.6, roughness=0.9, duration=0.6),
    "dino": adjective(pitch=-1.6, loudness=1.6, roughness=0.9, duration=0.6),
    "trex": adjective(pitch=-1.6, loudness=1.7, roughness=1.0, duration=0.6),
    "titan": _GIGANTIC, "colossal": _GIGANTIC, "gigantic": _GIGANTIC, "jumbo": _GIGANTIC, "mammoth": _GIGANTIC,
    "humongous": _GIGANTIC, "titanic": _GIGANTIC, "large": adjective(loudness=0.9, pitch=-0.4, duration=0.3),
    # people and characters
    "child": _CHILD, "kid": _CHILD, "toddler": _CHILD, "boy": _CHILD, "girl": _CHILD,
    "teenager": adjective(pitch=0.4, roughness=0.5, bursts=0.4),
    "dad": adjective(pitch=-0.8, loudness=0.9, duration=0.5), "uncle": adjective(pitch=-0.8, loudness=0.9,
                                                                               duration=0.5),
    "goblin": adjective(pitch=0.9, roughness=0.8, bursts=0.5), "gremlin": adjective(pitch=0.9, roughness=0.8,
                                                                                  bursts=0.5),
    "fairy": adjective(pitch=1.5, loudness=-1.0, breathiness=0.6, duration=-0.4),
    "elf": adjective(pitch=1.3, loudness=-0.8, duration=-0.4, tightness=0.5),
    "gnome": adjective(pitch=0.6, roughness=0.6, duration=-0.3),
    "zombie": adjective(glide=-0.8, roughness=0.8, wetness=0.8, tightness=-0.8),
    "vampire": adjective(breathiness=0.8, pitch=-0.6, tightness=0.6),
    "witch": adjective(pitch=1.0, roughness=0.8, glide=0.5),
    "king": _REGAL, "queen": _REGAL, "royal": _REGAL, "majestic": _REGAL, "regal": _REGAL,
    "princess": adjective(pitch=1.0, roughness=-0.8, loudness=-0.6),
    # emotions
    "furious": _FURIOUS, "mad": _FURIOUS, "enraged": _FURIOUS, "livid": _FURIOUS, "rage": _FURIOUS,
    "grumpy": _GRUMPY, "cranky": _GRUMPY, "grouchy": _GRUMPY,
    "unhappy": _GLOOMY, "depressed": _GLOOMY, "gloomy": _GLOOMY, "miserable": _GLOOMY, "melancholy": _GLOOMY,
    "disappointed": _GLOOMY, "heartbroken": _GLOOMY, "lonely": _GLOOMY,
    "joyful": _JOYFUL, "jolly": _JOYFUL, "gleeful": _JOYFUL, "excited": _JOYFUL, "delighted": _JOYFUL,
    "ecstatic": _JOYFUL,
    "anxious": adjective(tightness=0.8, bursts=0.8, loudness=-0.3),
    "jittery": adjective(tightness=0.8, bursts=0.9, loudness=-0.3),
    "scared": _SCARED, "afraid": _SCARED, "frightened": _SCARED, "terrified": _SCARED, "fearful": _SCARED,
    "spooked": _SCARED,
    "embarrassed": _EMBARRASSED, "ashamed": _EMBARRASSED, "awkward": _EMBARRASSED, "sheepish": _EMBARRASSED,
    "guilty": _EMBARRASSED,
    "confident": adjective(loudness=0.9, duration=0.5), "bold": adjective(loudness=1.0, duration=0.4),
    "smug": adjective(loudness=0.6, duration=0.6, glide=0.4),
    "sleepy": _SLEEPY, "tired": _SLEEPY, "drowsy": _SLEEPY, "exhausted": _SLEEPY, "yawning": _SLEEPY,
    "weary": _SLEEPY,
    "surprised": _SURPRISED, "surprise": _SURPRISED, "shocked": _SURPRISED, "startled": _SURPRISED,
    "amazed": _SURPRISED, "astonished": _SURPRISED,
    "question": _QUESTION, "curious": _QUESTION, "confused": _QUESTION, "puzzled": _QUESTION,
    "inquisitive": _QUESTION,
    "rude": _RUDE, "cheeky": _RUDE, "sassy": _RUDE, "obnoxious": _RUDE, "shameless": _RUDE,
    "defiant": _DEFIANT, "unapologetic": _DEFIANT, "brazen": _DEFIANT, "deliberate": _DEFIANT,
    "heroic": adjective(loudness=1.0, glide=0.8, duration=0.5), "victorious": adjective(loudness=1.0, glide=0.8,
                                                                                      duration=0.5),
    "calm": _CALM, "peaceful": _CALM, "serene": _CALM, "zen": _CALM,
    "hysterical": _FRANTIC, "manic": _FRANTIC, "frantic": _FRANTIC, "panicked": _FRANTIC, "panic": _FRANTIC,
    "romantic": _SULTRY, "sexy": _SULTRY, "sultry": _SULTRY, "seductive": _SULTRY, "flirty": _SULTRY,
    "desperate": adjective(tightness=0.9, bursts=0.6, loudness=0.4),
    "sick": adjective(wetness=0.8, glide=-0.5, roughness=0.5),
    # pitch shapes and tempo
    "trembling": _TREMBLING, "shaky": _TREMBLING, "quivering": _TREMBLING, "warbling": _TREMBLING,
    "wavering": _TREMBLING, "vibrato": _TREMBLING, "tremolo": _TREMBLING, "wavy": _TREMBLING,
    "accelerating": adjective(bursts=1.2, glide=0.6, duration=-0.3),
    "speeding": adjective(bursts=1.2, glide=0.6, duration=-0.3),
    "slowing": adjective(glide=-0.8, duration=0.8, bursts=0.5),
    "decelerating": adjective(glide=-0.8, duration=0.8, bursts=0.5),
    "sliding": adjective(glide=1.0), "swooping": adjective(glide=-1.1, pitch=0.4),
    "glissando": adjective(glide=1.2),
    # textures and materials: an everyday rip is low-mid, raspy and continuous (not the zipper)
    "ripping": _RIPPING, "rip": _RIPPING, "ripper": _RIPPING, "tearing": _RIPPING, "tear": _RIPPING,
    "torn": _RIPPING,
    "creaky": _CREAKY, "creak": _CREAKY,
    "papery": adjective(breathiness=0.9, roughness=0.5, loudness=-0.4, tightness=0.4),
    "paper": adjective(breathiness=0.9, roughness=0.5, loudness=-0.4, tightness=0.4),
    "rubbery": adjective(tightness=-0.6, wetness=0.3, pitch=0.2),
    "rubber": adjective(tightness=-0.6, wetness=0.3, pitch=0.2),
    "metallic": adjective(tightness=0.9, roughness=0.4, breathiness=-0.6),
    "metal": adjective(tightness=0.9, roughness=0.4, breathiness=-0.6),
    "wooden": adjective(tightness=0.5, roughness=-0.3, breathiness=-0.5),
    "glassy": adjective(pitch=0.8, roughness=-0.8, tightness=0.8),
    "woolly": adjective(roughness=0.5, loudness=-0.5, breathiness=0.4),
    "fuzzy": adjective(roughness=0.6, loudness=-0.4, breathiness=0.4),
    "grinding": adjective(roughness=1.3, pitch=-0.3), "drone": adjective(bursts=-1.5, duration=1.0,
                                                                        breathiness=-0.6),
    "droning": adjective(bursts=-1.5, duration=1.0, breathiness=-0.6),
    "purring": adjective(roughness=0.8, pitch=-0.6, loudness=-0.5, bursts=0.6),
    "purr": adjective(roughness=0.8, pitch=-0.6, loudness=-0.5, bursts=0.6),
    "clattering": adjective(bursts=1.2, roughness=0.8), "clatter": adjective(bursts=1.2, roughness=0.8),
    "flapping": adjective(tightness=-1.5, roughness=0.5, bursts=0.5),
    # situations: suppressed or defiant
    "meeting": _SUPPRESSED, "wedding": _SUPPRESSED, "funeral": _SUPPRESSED, "interview": _SUPPRESSED,
    "date": _SUPPRESSED, "class": _SUPPRESSED, "lecture": _SUPPRESSED, "exam": _SUPPRESSED,
    "ceremony": _SUPPRESSED, "sermon": _SUPPRESSED, "yoga": _SUPPRESSED, "dinner": _SUPPRESSED,
    "library": _SUPPRESSED, "suppressed": _SUPPRESSED, "stifled": _SUPPRESSED, "secret": _SUPPRESSED,
    "sneaked": _SUPPRESSED, "restrained": _SUPPRESSED, "held": _SUPPRESSED, "public": _SUPPRESSED,
    "boss": _SUPPRESSED, "office": _SUPPRESSED, "cinema": _SUPPRESSED, "movie": _SUPPRESSED,
    "party": _DEFIANT, "stage": _DEFIANT, "purpose": _DEFIANT, "festival": _DEFIANT, "pub": _DEFIANT,
    "bar": _DEFIANT, "frat": _DEFIANT, "everyone": _DEFIANT, "victory": _DEFIANT,
    # more creatures and characters
    "chihuahua": adjective(pitch=1.0, roughness=0.6, bursts=0.6, loudness=-0.3),
    "sheep": adjective(pitch=0.6, roughness=0.6, bursts=0.8), "goat": adjective(pitch=0.7, roughness=0.7, bursts=0.8),
    "chicken": adjective(pitch=1.0, bursts=1.0, tightness=0.6), "hen": adjective(pitch=1.0, bursts=1.0, tightness=0.6),
    "rooster": adjective(pitch=1.0, glide=0.8, loudness=0.8), "rat": _SMALL_CRITTER, "hedgehog": _SMALL_CRITTER,
    "fly": adjective(pitch=1.2, breathiness=-0.8, loudness=-1.2, duration=0.3),
    "wasp": adjective(pitch=1.0, breathiness=-1.0, roughness=0.8), "hornet": adjective(pitch=0.8, breathiness=-1.0,
                                                                                     roughness=0.9),
    "beetle": _SMALL_CRITTER, "spider": _SMALL_CRITTER, "gerbil": _SMALL_CRITTER, "guinea pig": _SMALL_CRITTER,
    "owl": adjective(pitch=-0.4, breathiness=0.8, loudness=-0.6, glide=-0.4),
    "parrot": adjective(pitch=1.1, roughness=0.6, tightness=0.6),
    "fish": adjective(wetness=1.2, bursts=0.8, loudness=-0.8), "goldfish": adjective(wetness=1.2, bursts=0.8,
                                                                                    loudness=-1.0),
    "shark": adjective(pitch=-0.8, wetness=0.6, loudness=0.6),
    "dolphin": adjective(pitch=1.3, glide=0.8, wetness=0.6),
    "octopus": adjective(wetness=1.2, tightness=-1.0, bursts=0.5),
    "crocodile": adjective(pitch=-1.0, roughness=1.0, wetness=0.4), "alligator": adjective(pitch=-1.0, roughness=1.0,
                                                                                          wetness=0.4),
    "turtle": adjective(duration=1.2, loudness=-0.6), "tortoise": adjective(duration=1.2, loudness=-0.6),
    "sloth": adjective(duration=1.5, loudness=-0.6, tightness=-0.8), "snail": adjective(duration=1.5, loudness=-0.8,
                                                                                       wetness=0.6),
    "camel": adjective(pitch=-0.8, roughness=0.8, duration=0.6),
    "giraffe": adjective(duration=1.0, pitch=0.4, glide=0.6),
    "kangaroo": adjective(bursts=1.2, pitch=0.2), "rabbit hop": adjective(bursts=1.2),
    "panda": adjective(pitch=-0.8, loudness=0.6, tightness=-0.6),
    "wolf": adjective(duration=0.8, glide=1.0, loudness=0.6), "fox": adjective(pitch=0.6, breathiness=0.6,
                                                                              loudness=-0.5),
    "yeti": _BIG_BEAST, "bigfoot": _BIG_BEAST, "sasquatch": _BIG_BEAST, "godzilla": _BIG_BEAST, "kraken": _BIG_BEAST,
    "wizard": adjective(glide=0.8, breathiness=0.5, duration=0.5), "pirate": _RUDE, "viking": _DEFIANT,
    "cowboy": adjective(roughness=0.7, duration=0.5, pitch=-0.4), "clown": adjective(pitch=0.6, bursts=0.8, glide=0.6),
    "superhero": adjective(loudness=1.0, glide=0.8, duration=0.5), "knight": _REGAL, "lady": _EMBARRASSED,
    "gentleman": adjective(loudness=-0.8, roughness=-0.6),
    # more moods
    "jealous": _GRUMPY, "annoyed": _GRUMPY, "irritated": _GRUMPY, "frustrated": _GRUMPY,
    "hungry": adjective(wetness=0.8, pitch=-0.6, duration=0.5, bursts=0.4),
    "grateful": _CALM, "satisfied": adjective(duration=0.8, glide=-0.4, loudness=0.3, roughness=-0.4),
    "relieved": adjective(duration=0.9, glide=-0.6, breathiness=0.6, tightness=-0.8),
    "sarcastic": adjective(glide=0.8, duration=0.4, tightness=0.4),
    "impatient": adjective(bursts=0.9, tightness=0.8, duration=-0.6),
    "disgusted": adjective(roughness=0.9, wetness=0.8, glide=-0.4),
    "determined": adjective(loudness=1.0, tightness=0.8, duration=0.4),
    "mysterious": adjective(breathiness=0.9, loudness=-0.7, duration=0.7),
    # tempo and shapes said as verbs or music
    "drops": adjective(glide=-1.4), "dropping": adjective(glide=-1.4), "dips": adjective(glide=-1.2),
    "goes down": adjective(glide=-1.4), "goes up": adjective(glide=1.4), "speeds up": adjective(bursts=1.2, glide=0.6,
                                                                                              duration=-0.3),
    "slows down": adjective(glide=-0.8, duration=0.8, bursts=0.5),
    "pulsing": adjective(bursts=1.2), "pulsating": adjective(bursts=1.2), "rhythmic": adjective(bursts=1.2),
    "galloping": adjective(bursts=1.3, pitch=-0.3), "legato": adjective(bursts=-1.5, roughness=-0.6),
    "crescendo": adjective(loudness=1.0, glide=0.8, duration=0.6),
    "diminuendo": adjective(loudness=-0.8, glide=-0.8, duration=0.6),
    "fading": adjective(loudness=-0.8, glide=-0.8, duration=0.5), "fades": adjective(loudness=-0.8, glide=-0.8,
                                                                                    duration=0.5),
    "fades out": adjective(loudness=-0.8, glide=-0.8, duration=0.5),
    "dies out": adjective(loudness=-0.8, glide=-1.0, duration=0.5),
    "barely audible": adjective(loudness=-2.0), "inaudible": adjective(loudness=-2.2, breathiness=1.0),
    "audible": adjective(loudness=0.5),
    "sandpaper": adjective(roughness=1.5, breathiness=0.6), "velvet": adjective(roughness=-1.2, pitch=-0.2),
    "gravel": adjective(roughness=1.4, pitch=-0.5), "crowded": _SUPPRESSED, "restaurant": _SUPPRESSED,
    "classroom": _SUPPRESSED, "speech": _SUPPRESSED,
    # outer space: nobody hears it, it floats
    "space": adjective(loudness=-1.6, breathiness=0.7, duration=0.5),
    "vacuum": adjective(loudness=-1.6, breathiness=0.7, duration=0.5),
    "moon": adjective(loudness=-1.4, breathiness=0.6, duration=0.5),
}

# The title word of a family word that is no adjective ("drops" → "falling fart").
FAMILY_TITLES: dict[str, str] = {
    "drops": "falling", "dropping": "falling", "dips": "falling", "goes down": "falling", "goes up": "rising",
    "speeds up": "accelerating", "slows down": "slowing", "fades": "fading", "fades out": "fading",
    "dies out": "dying", "purpose": "deliberate", "everyone": "shameless", "public": "public", "held": "held-in",
    "rage": "raging", "panic": "panicky", "surprise": "surprised", "question": "questioning", "tear": "tearing",
    "rip": "ripping", "creak": "creaky", "purr": "purring", "clatter": "clattering", "drone": "droning",
    "paper": "papery", "rubber": "rubbery", "metal": "metallic", "velvet": "velvety", "gravel": "gravelly",
    "sandpaper": "sandpapery", "victory": "victorious", "stage": "showy", "vacuum": "space",
}

# Words that set a value outright: "forever" is the longest sound there is, "split second" the shortest;
# "flat" and "monotone" keep the pitch level (end = start).
SETS: dict[str, tuple[tuple[str, float], ...]] = {
    "forever": (("duration", 12.0),), "eternity": (("duration", 12.0),), "eternal": (("duration", 12.0),),
    "endless": (("duration", 12.0),), "infinite": (("duration", 12.0),), "neverending": (("duration", 12.0),),
    "never ending": (("duration", 12.0),), "all day": (("duration", 12.0),), "ages": (("duration", 10.0),),
    "split second": (("duration", 0.2),), "splitsecond": (("duration", 0.2),), "moment": (("duration", 0.4),),
    "flat": (("glide", 1.0),), "monotone": (("glide", 1.0),), "level": (("glide", 1.0),),
    "bored": (("glide", 1.0),), "boring": (("glide", 1.0),),
}
# Nouns that start from a preset and change it a little; the title says the noun ("slow sad trombone").
PRESET_VARIANTS: dict[str, tuple[str, tuple[tuple[str, float], ...]]] = {
    "trombone": ("trumpet", adjective(pitch=-1.0, tightness=-0.6, glide=-0.4)),
    "sad trombone": ("trumpet", adjective(pitch=-1.0, tightness=-0.6, glide=-1.8, duration=0.8)),
    "bagpipe": ("trumpet", adjective(bursts=-2.0, duration=1.0, roughness=0.5)),
    "bagpipes": ("trumpet", adjective(bursts=-2.0, duration=1.0, roughness=0.5)),
}

# --- Nouns that name the sound without picking a preset: the title says them ("polite little toot").
NOUNS: dict[str, tuple[tuple[str, float], ...]] = {
    "toot": adjective(pitch=0.6, duration=-0.6, tightness=0.5),
    "poot": adjective(pitch=0.8, duration=-0.8, loudness=-0.4),
    "puff": adjective(breathiness=0.8, duration=-0.5, loudness=-0.4),
    "blast": adjective(loudness=1.5, roughness=0.4),
    "bomb": adjective(loudness=1.4, pitch=-0.6),
    "stinker": adjective(breathiness=0.8, loudness=-0.3),
    "parp": adjective(tightness=0.8, breathiness=-0.8, loudness=0.5),
}
# Preset words that, with "more", "less", "no" or an intensifier, change their character instead of picking the
# preset: "more bubbles", "no rumble", "extra pops".
PRESET_WORD_CHANGES: dict[str, tuple[tuple[str, float], ...]] = {
    "bubble": adjective(wetness=1.0, bursts=1.0),
    "bubbles": adjective(wetness=1.0, bursts=1.0),
    "bubbling": adjective(wetness=1.0, bursts=1.0),
    "pop": adjective(bursts=1.2, roughness=0.6),
    "popping": adjective(bursts=1.2, roughness=0.6),
    "crackling": adjective(bursts=1.0, roughness=0.8),
    "rumble": adjective(pitch=-1.0, roughness=0.8),
    "thunder": adjective(loudness=1.3, pitch=-0.8),
    "squeak": adjective(pitch=1.2, tightness=1.0),
    "squeal": adjective(pitch=1.3, tightness=1.0),
    "whistle": adjective(pitch=1.2, breathiness=0.4),
    "brass": adjective(tightness=0.8, breathiness=-0.8),
    "silent": adjective(loudness=-1.6, breathiness=0.8),
}

# --- Sound words: onomatopoeia and things. The title takes the axis word ("pfft" → "breathy").
SOUNDS: dict[str, tuple[tuple[str, float], ...]] = {
    "pfft": adjective(breathiness=1.6, loudness=-0.5, duration=-0.4),
    "pft": adjective(breathiness=1.6, loudness=-0.5, duration=-0.4),
    "pff": adjective(breathiness=1.6, loudness=-0.5, duration=-0.4),
    "phht": adjective(breathiness=1.6, loudness=-0.5, duration=-0.4),
    "psst": adjective(breathiness=1.7, loudness=-0.8),
    "pssh": adjective(breathiness=1.6, loudness=-0.5),
    "fss": adjective(breathiness=1.8, loudness=-0.8),
    # Any longer run of s or f collapses to these before lookup: "ssssss", "fffft", "shhhh".
    "ss": adjective(breathiness=1.8, loudness=-0.8),
    "sst": adjective(breathiness=1.8, loudness=-0.8),
    "tss": adjective(breathiness=1.7, loudness=-0.6),
    "fft": adjective(breathiness=1.7, loudness=-0.6),
    "shh": adjective(breathiness=1.5, loudness=-1.2),
    "ffft": adjective(breathiness=1.7, loudness=-0.6),
    "hiss": adjective(breathiness=1.5, loudness=-0.3),
    "fizz": adjective(breathiness=1.3, bursts=0.6),
    "sizzle": adjective(breathiness=1.3, wetness=0.5),
    "whoosh": adjective(breathiness=1.4, loudness=0.4),
    "wheeze": adjective(breathiness=1.3, pitch=0.3),
    "brrt": adjective(roughness=1.5, loudness=0.5),
    "brr": adjective(roughness=1.4, pitch=-0.4),
    "brap": adjective(roughness=1.3, loudness=0.8, duration=-0.3),
    "braap": adjective(roughness=1.3, loudness=0.8),
    "prrt": adjective(roughness=1.3, tightness=0.5),
    "prt": adjective(roughness=1.3, tightness=0.5),
    "brt": adjective(roughness=1.5, loudness=0.5),
    "pbt": adjective(roughness=1.2, wetness=0.6),
    "ppbbtt": adjective(roughness=1.2, wetness=0.6),
    "pbbt": adjective(roughness=1.2, wetness=0.6),
    "pbbbt": adjective(roughness=1.2, wetness=0.6),
    "thbbt": adjective(roughness=1.2, wetness=0.8),
    "blat": adjective(roughness=1.0, loudness=1.0, duration=-0.4),
    "blurt": adjective(roughness=0.8, loudness=0.8, duration=-0.6),
    "frrp": adjective(roughness=1.2, tightness=-0.5),
    "rasp": adjective(roughness=1.4),
    "rattle": adjective(roughness=1.3, bursts=0.6),
    "crackle": adjective(roughness=0.8, wetness=0.6, bursts=0.6),
    "peep": adjective(pitch=1.5, duration=-1.0, loudness=-0.6),
    "plop": adjective(wetness=1.4, duration=-0.8),
    "splat": adjective(wetness=1.6, loudness=0.6, duration=-0.4),
    "splut": adjective(wetness=1.5, bursts=0.5),
    "splatter": adjective(wetness=1.7, bursts=0.6),
    "splutter": adjective(wetness=1.3, bursts=1.0),
    "sputter": adjective(wetness=0.8, bursts=1.2),
    "sploosh": adjective(wetness=1.8, loudness=0.5),
    "squelch": adjective(wetness=1.6),
    "squish": adjective(wetness=1.3, tightness=-0.4),
    "slosh": adjective(wetness=1.5),
    "splash": adjective(wetness=1.6, loudness=0.4),
    "gurgle": adjective(wetness=1.2, pitch=-0.4, bursts=0.4),
    "glug": adjective(wetness=1.2, pitch=-0.5, bursts=0.6),
    "blub": adjective(wetness=1.2, bursts=0.8),
    "flutter": adjective(bursts=1.2, loudness=-0.3),
    "stutter": adjective(bursts=1.3),
    "hiccup": adjective(bursts=1.5, duration=-0.3),
    "volley": adjective(bursts=1.5),
    "barrage": adjective(bursts=1.8, loudness=0.5),
    "salvo": adjective(bursts=1.6, loudness=0.5),
    "chain": adjective(bursts=1.3),
    "series": adjective(bursts=1.3),
    "boom": adjective(loudness=1.6, pitch=-0.8, duration=-0.2),
    "bang": adjective(loudness=1.7, duration=-0.8),
    "roar": adjective(loudness=1.6, roughness=0.8, pitch=-0.4),
    "whisper": adjective(loudness=-1.5, breathiness=1.2),
    "siren": adjective(glide=1.5, pitch=0.8, duration=0.5),
    "whoop": adjective(glide=1.2, pitch=0.5),
    "wah": adjective(glide=-1.2, tightness=-0.3),
    "blip": adjective(duration=-1.5, pitch=0.5),
    "quickie": adjective(duration=-1.3),
    "beans": adjective(loudness=0.6, bursts=0.6, wetness=0.3),
    "burrito": adjective(wetness=1.0, loudness=0.6),
    "chili": adjective(wetness=0.8, roughness=0.6, loudness=0.6),
    "curry": adjective(wetness=1.2, roughness=0.4),
    "eggs": adjective(breathiness=1.2, loudness=-0.8),
    "broccoli": adjective(breathiness=1.0, loudness=-0.5),
    "cabbage": adjective(breathiness=1.0, loudness=-0.5),
    "steam": adjective(breathiness=1.3, wetness=0.3),
    "wind": adjective(breathiness=1.2, duration=0.3),
    "bass": adjective(pitch=-1.4, loudness=0.3),
    "subwoofer": adjective(pitch=-1.8, loudness=0.6),
    # Emoji.
    "💨": adjective(breathiness=0.6, duration=0.3),
    "💦": adjective(wetness=1.5),
    "🌊": adjective(wetness=1.3),
    "💧": adjective(wetness=1.0),
    "💩": adjective(wetness=1.2, roughness=0.4),
    "🤮": adjective(wetness=1.6),
    "🫧": adjective(wetness=1.0, bursts=0.8),
    "🔊": adjective(loudness=1.5),
    "📢": adjective(loudness=1.5),
    "📣": adjective(loudness=1.5),
    "💥": adjective(loudness=1.7, duration=-0.5),
    "🧨": adjective(loudness=1.7, duration=-0.5),
    "💣": adjective(loudness=1.8, pitch=-0.5),
    "🔈": adjective(loudness=-1.0),
    "🔇": adjective(loudness=-1.8),
    "🐘": adjective(pitch=-1.3, loudness=1.0, duration=0.4),
    "🐭": adjective(pitch=1.3, loudness=-0.7, duration=-0.5),
    "🐁": adjective(pitch=1.3, loudness=-0.7, duration=-0.5),
    "🐢": adjective(duration=1.3),
    "🐌": adjective(duration=1.5),
    "⚡": adjective(duration=-1.2),
    "🔥": adjective(roughness=1.0, loudness=0.6),
    "🌶": adjective(roughness=0.8, loudness=0.6),
    "👻": adjective(breathiness=1.3, loudness=-0.8, duration=0.6),
    "🐉": adjective(loudness=1.5, roughness=1.0, pitch=-1.0),
    "👶": adjective(pitch=1.2, loudness=-0.8, duration=-0.5),
    "🤖": adjective(roughness=-1.0, tightness=0.8, bursts=0.5),
    "😢": adjective(glide=-1.2, duration=0.4, loudness=-0.3),
    "😭": adjective(glide=-1.2, duration=0.6),
    "☠": adjective(breathiness=1.2, loudness=-0.5),
    "💀": adjective(breathiness=1.2, loudness=-0.5),
    "🤢": adjective(breathiness=1.0, wetness=0.6),
    "🥚": adjective(breathiness=1.2, loudness=-0.8),
    "🌯": adjective(wetness=1.0, loudness=0.6),
    "🫘": adjective(loudness=0.6, bursts=0.6),
}

# --- Presets: nouns (and a few sounds) that pick a sound from the engine's library as the starting point.
PRESET_WORDS: dict[str, tuple[str, ...]] = {
    "classic": ("classic", "standard", "regular", "normal", "ordinary", "basic", "plain", "typical", "vanilla"),
    "squeaker": ("squeaker", "squeak", "squee", "squeal", "eek", "whistle", "whine", "🐹"),
    "rumbler": ("rumbler", "rumble", "grumble", "thunder", "growl", "earthquake", "quake", "⛈"),
    "machine_gun": (
        "machine gun", "machinegun", "gatling", "minigun", "ratatat", "rat a tat", "rat tat tat",
        "tommy gun", "rapid fire", "rapidfire", "🔫",
    ),
    "wet_one": ("wet one", "shart", "sharter", "wet fart", "swamp"),
    "silent_but_deadly": (
        "silent but deadly", "sbd", "silent", "deadly", "stealth", "stealthy", "sneaky", "ninja", "🤫",
    ),
    "trumpet": ("trumpet", "bugle", "cornet", "fanfare", "brass", "triumphant", "🎺", "📯"),
    "balloon": ("balloon", "deflating", "deflate", "deflated", "🎈"),
    "duck_call": ("duck call", "duck", "quack", "honk", "goose", "kazoo", "🦆", "🪿"),
    "bathtub_bubbler": ("bathtub bubbler", "bubbler", "bubble", "bubbles", "bubbling"),
    "long_goodbye": ("long goodbye", "goodbye", "farewell", "saga", "marathon", "odyssey", "👋"),
    "tuba": ("tuba", "sousaphone", "foghorn", "fog horn", "horn", "bassoon", "euphonium", "🎷"),
    "popcorn": ("popcorn", "pop", "popping", "popper", "crackling", "firecracker", "firecrackers", "🍿"),
    "motorboat": (
        "motorboat", "motor boat", "boat", "outboard", "putt putt", "lawnmower", "lawn mower", "mower", "moped",
        "motorbike", "motorcycle", "engine", "motor", "🚤", "🛥", "🏍",
    ),
    "whoopee_cushion": ("whoopee cushion", "whoopee", "whoopie cushion", "whoopie", "prank", "🤡"),
    "zipper": ("zipper", "zip", "zipping", "velcro", "🤐"),
}

# Real words related to a lexicon word: they mean the same (and are not typos of something else).
ALIASES: dict[str, str] = {
    "explosion": "explosive", "squeeze": "squeezed", "stink": "stinky", "stench": "stinky", "smell": "smelly",
    "breath": "breathy", "breathe": "breathy", "scratch": "scratchy", "grain": "grainy", "juice": "juicy",
    "meat": "meaty", "slime": "slimy", "mute": "muted", "throat": "throaty", "bounce": "bouncy",
    "sneak": "sneaky", "buzz": "buzzy", "incredible": "incredibly", "extreme": "extremely",
    "absolute": "absolutely", "ridiculous": "ridiculously", "extraordinary": "extraordinarily",
    "insane": "insanely", "moderate": "moderately", "cartoon": "cartoonish", "outdoor": "outdoors",
    "resonance": "resonant", "violence": "violent", "elegance": "elegant", "melody": "melodic",
    "music": "musical", "classical": "classic", "loosen": "loose", "widen": "wide", "shorten": "short",
    "lengthen": "long", "soften": "soft", "tighten": "tight", "quieten": "quiet", "deepen": "deep",
    "moisten": "moist", "sustain": "sustained", "extend": "extended", "intensive": "intense",
    "crunch": "crunchy", "chunk": "chunky", "silence": "quiet", "shrillness": "shrill", "thunderously": "thunderous",
    "fatty": "fat", "wobble": "wobbly", "flap": "flappy", "flop": "floppy", "mush": "mushy",
    "goo": "gooey", "slop": "sloppy", "sog": "soggy", "hush": "hushed", "echoes": "echo", "ghastly": "ghostly",
    "intensity": "intense", "drip": "wet", "dripping": "wet", "drenched": "soggy", "soaked": "soggy",
    "soaking": "soggy", "rise": "rising", "rises": "rising", "climb": "climbing", "ascend": "ascending",
    "descend": "descending", "distance": "distant", "far away": "distant", "faraway": "distant",
    "grandma": "granny", "grandmother": "granny", "grandad": "grandpa", "granddad": "grandpa",
    "grandfather": "grandpa", "cover": "covers", "outer space": "space", "hold": "held", "holding": "held",
    "kitty": "kitten", "doggy": "puppy", "doggo": "dog", "pup": "puppy", "birdie": "bird", "piggy": "pig",
    "tyrannosaurus": "trex", "t rex": "trex", "children": "child", "kids": "kid", "whimper": "sad",
    "sorrow": "sad", "sadness": "sad", "anger": "angry", "fear": "scared", "terror": "scared", "joy": "joyful",
    "questions": "question", "shock": "shocked", "torment": "sad", "hurry": "quick", "rush": "quick",
    "furiously": "furious", "rudely": "rude", "secretly": "secret", "sneakily": "sneaked",
    "haunted": "spooky", "creepy": "spooky",
    "teen": "teenager", "teenage": "teenager", "aeroplane": "airplane", "tremble": "trembling",
    "vibration": "vibrato", "vibrate": "vibrato", "suppress": "suppressed", "restrain": "restrained",
    "sleep": "sleepy", "sleeping": "sleepy", "frighten": "frightened", "excite": "excited",
    "embarrass": "embarrassed", "disappoint": "disappointed", "delight": "delighted", "defiance": "defiant",
    "hysteria": "hysterical", "mania": "manic", "guilt": "guilty", "gloom": "gloomy", "flirt": "flirty",
    "confuse": "confused", "stifle": "stifled", "puzzle": "puzzled", "majesty": "majestic", "jitters": "jittery",
}

# --- Places: the room each one sounds like, and how a title says it.
ROOM_WORDS: dict[str, dict[str, str]] = {
    "bathroom": {
        "bathroom": "in the bathroom", "toilet": "on the toilet", "loo": "in the loo", "restroom": "in the restroom",
        "lavatory": "in the lavatory", "washroom": "in the washroom", "wc": "in the WC", "stall": "in a stall",
        "outhouse": "in the outhouse", "shower": "in the shower", "throne": "on the throne", "tiles": "on the tiles",
        "kitchen": "in the kitchen", "locker room": "in the locker room", "changing room": "in a changing room",
        "sauna": "in the sauna", "igloo": "in an igloo", "basement": "in the basement", "cellar": "in the cellar",
        "powder room": "in the powder room", "🚽": "on the toilet", "🚿": "in the shower",
    },
    "bathtub": {
        "bathtub": "in the bathtub", "bath": "in the bath", "tub": "in the tub", "hot tub": "in the hot tub",
        "jacuzzi": "in the jacuzzi", "bubble bath": "in a bubble bath", "pool": "in the pool",
        "underwater": "underwater", "water": "in the water", "🛁": "in the bathtub", "🛀": "in the bath",
        "swimming pool": "in the pool", "ocean": "in the ocean", "sea": "in the sea", "lake": "in the lake",
        "river": "in the river", "hot spring": "in a hot spring", "puddle": "in a puddle",
    },
    "car": {
        "car": "in the car", "taxi": "in a taxi", "cab": "in a cab", "uber": "in an Uber", "van": "in the van",
        "truck": "in the truck", "bus": "on the bus", "backseat": "in the back seat", "back seat": "in the back seat",
        "vehicle": "in the car", "minivan": "in the minivan", "limo": "in the limo", "limousine": "in the limo",
        "jeep": "in the jeep", "elevator": "in the elevator", "lift": "in the lift", "closet": "in a closet",
        "wardrobe": "in the wardrobe", "phone booth": "in a phone booth", "tent": "in a tent",
        "car seat": "on a car seat", "train": "on the train", "plane": "on the plane", "airplane": "on the plane",
        "box": "in a box", "bucket": "in a bucket", "barrel": "in a barrel", "bottle": "in a bottle",
        "jar": "in a jar", "pipe": "in a pipe", "cupboard": "in the cupboard", "submarine": "in a submarine",
        "spaceship": "in a spaceship", "rocket": "in a rocket", "cockpit": "in the cockpit",
        "🚗": "in the car", "🚙": "in the car", "🚕": "in a taxi", "🚐": "in the van", "🚌": "on the bus",
        "🛻": "in the truck", "🚓": "in a police car",
    },
    "hall": {
        "hall": "in a hall", "church": "in church", "cathedral": "in a cathedral", "chapel": "in a chapel",
        "basilica": "in a basilica", "auditorium": "in an auditorium", "theater": "in a theater",
        "theatre": "in a theatre", "stadium": "in a stadium", "arena": "in an arena", "gym": "in the gym",
        "gymnasium": "in the gym", "cave": "in a cave", "cavern": "in a cavern", "tunnel": "in a tunnel",
        "canyon": "in a canyon", "warehouse": "in a warehouse", "hangar": "in a hangar",
        "concert hall": "in a concert hall", "opera": "at the opera", "museum": "in a museum",
        "stairwell": "in a stairwell", "staircase": "in a stairwell",
        "garage": "in the garage", "subway": "in the subway", "mall": "in the mall", "castle": "in a castle",
        "palace": "in a palace", "dungeon": "in a dungeon", "parking": "in a parking garage", "⛪": "in church",
        "hallway": "in the hallway", "corridor": "in a corridor", "lobby": "in the lobby", "foyer": "in the foyer",
        "stairs": "on the stairs", "stairway": "in a stairway", "barn": "in a barn",
        "sewer": "in the sewer", "silo": "in a silo", "ballroom": "in a ballroom",
        "airport": "at the airport", "station": "in the station", "temple": "in a temple",
        "mosque": "in a mosque", "great hall": "in a great hall",
        "🏛": "in a hall",
        "🏟": "in a stadium",
    },
    "chair": {
        "chair": "on a chair", "leather": "on a leather chair", "leather chair": "on a leather chair",
        "armchair": "on an armchair", "couch": "on the couch", "sofa": "on the sofa", "seat": "on a seat",
        "stool": "on a stool", "bench": "on a bench", "office chair": "on an office chair",
        "recliner": "on a recliner", "beanbag": "on a beanbag", "bean bag": "on a beanbag",
        "cushion": "on a cushion", "pew": "on a pew", "saddle": "in the saddle", "🪑": "on a chair",
        "leather sofa": "on a leather sofa", "leather couch": "on a leather couch",
        "plastic chair": "on a plastic chair",
        "plastic": "on a plastic seat", "bed": "in bed", "mattress": "on a mattress", "bedroom": "in the bedroom",
        "living room": "in the living room", "desk chair": "on a desk chair", "waterbed": "on a waterbed",
        "🛋": "on the couch",
    },
    "none": {
        "outside": "outdoors", "outdoors": "outdoors", "open air": "in the open air", "field": "in a field",
        "park": "in the park", "beach": "on the beach", "forest": "in the forest", "garden": "in the garden",
        "street": "in the street", "desert": "in the desert", "anechoic": "in an anechoic room",
        "studio": "in the studio", "dry room": "in a dry room", "dead room": "in a dead room",
        "🌳": "outdoors", "🏖": "on the beach",
    },
}
# The words that name one of our rooms itself; any other place word is only the closest room and says so.
EXACT_ROOM_WORDS: frozenset[str] = frozenset({
    "bathroom", "toilet", "loo", "restroom", "lavatory", "washroom", "wc", "powder room", "🚽", "bathtub", "bath",
    "tub", "bubble bath", "🛁", "🛀", "car", "vehicle", "🚗", "🚙", "hall", "concert hall", "great hall", "🏛",
    "chair", "leather chair", "armchair", "office chair", "desk chair", "🪑", *ROOM_WORDS["none"],
})
# A title names the room by the site's one name for it (generator/names.py), whatever place word the prompt used:
# "in church" and "in a hall" must not take turns in the titles of one sound's versions.
ROOM_PHRASES: dict[str, str] = {room: name.phrase for room, name in ROOM_NAMES.items()}
# "More echo" climbs this ladder, "less echo" goes down it; the dry rooms are all the bottom rung.
ECHO_UP: dict[str, str] = {"none": "bathroom", "chair": "bathroom", "car": "bathroom", "bathroom": "hall",
                           "bathtub": "hall", "hall": "hall"}
ECHO_DOWN: dict[str, str] = {"hall": "bathroom"}
ECHO_WORDS: tuple[str, ...] = (
    "echo", "echoey", "echoing", "reverb", "reverby", "reverberant", "reverberating", "reverberation",
    "cavernous", "spacious", "roomy", "resonant", "ambient", "ambience", "room", "empty",
)

# --- Axis nouns: "lower the volume", "more length", "pitch up". Alone they change nothing.
AXIS_NOUNS: dict[str, str] = {
    "volume": "loudness", "loudness": "loudness", "length": "duration", "duration": "duration", "pitch": "pitch",
    "wetness": "wetness", "moisture": "wetness", "roughness": "roughness", "tightness": "tightness",
    "breathiness": "breathiness", "air": "breathiness", "puffs": "bursts", "bursts": "bursts",
}
# Words that only give a direction to an axis noun near them; a bare "turn it up" means the volume.
DIRECTION_WORDS: dict[str, int] = {
    "up": 1, "raise": 1, "increase": 1, "boost": 1, "add": 1, "down": -1, "reduce": -1, "decrease": -1,
    "cut": -2, "drop": -2, "lessen": -1, "remove": -2, "kill": -2, "lose": -2,
}
# Adjectives that steer an axis noun when one follows ("lower the volume"), and mean themselves otherwise.
DIRECTIONAL_ADJECTIVES: dict[str, int] = {"low": -1, "high": 1, "big": 1, "small": -1, "deep": -1}

# --- Grammar words.
INTENSIFIERS: dict[str, float] = {
    "slightly": 0.5, "bit": 0.5, "little bit": 0.5, "tad": 0.5, "touch": 0.5, "somewhat": 0.6, "kinda": 0.6,
    "kind of": 0.6, "sort of": 0.6, "fairly": 0.8, "rather": 0.9, "pretty": 1.1, "quite": 1.2, "very": 1.5,
    "really": 1.5, "real": 1.4, "so": 1.4, "much": 1.5, "way": 1.6, "lot": 1.5, "lots": 1.5, "super": 1.8,
    "extremely": 1.9, "extra": 1.5, "incredibly": 1.9, "insanely": 2.0, "ridiculously": 2.0, "ultra": 1.9,
    "mega": 1.9, "hyper": 1.8, "totally": 1.6, "utterly": 1.8, "absolutely": 1.8, "seriously": 1.6,
    "massively": 1.9, "hugely": 1.8, "crazy": 1.8, "freaking": 1.7, "extraordinarily": 2.0, "even": 1.2,
    "most": 1.6, "highly": 1.5, "max": 2.0, "maximum": 2.0, "barely": 0.3, "hardly": 0.3, "mildly": 0.5,
    "moderately": 0.8,
}
# Intensifiers a title may repeat as the person said them ("extremely wet"); others read as "very" or "slightly".
TITLE_INTENSIFIERS: frozenset[str] = frozenset({
    "slightly", "somewhat", "fairly", "rather", "pretty", "quite", "very", "really", "super", "extremely", "extra",
    "incredibly", "insanely", "ridiculously", "ultra", "mega", "hyper", "totally", "utterly", "absolutely",
    "seriously", "massively", "hugely", "extraordinarily", "highly", "barely", "hardly", "mildly", "moderately",
})
# "a little wetter" is an intensifier, "a little squeaker" an adjective: the parser decides by what follows.
SOFT_INTENSIFIERS: dict[str, float] = {"little": 0.5}
NEGATIONS: tuple[str, ...] = (
    "not", "no", "non", "without", "never", "zero", "isnt", "dont", "doesnt", "wont", "cant", "nothing", "nope",
    "neither", "nor", "minus", "anti", "aint", "arent", "wasnt", "shouldnt", "out of", "🚫",
)
LESS_WORDS: tuple[str, ...] = ("less", "fewer", "lesser")
MORE_WORDS: tuple[str, ...] = ("more",)
TOO_WORDS: tuple[str, ...] = ("too", "overly")
REPEAT_WORDS: tuple[str, ...] = (
    "again", "another", "encore", "repeat", "one more", "once more", "reroll", "redo", "retry", "variation",
    "another one", "new take", "another take", "fresh take", "different take", "take two", "new one",
    "different one",
    "🔁", "🔄",
)
# Words that end the reach of a negation or a direction ("not wet but loud").
CLAUSE_BREAKS: frozenset[str] = frozenset({"but", "and", "then", "though", "although", "while", "yet", "plus"})
# Words skipped when counting how far a negation reaches ("not in a car", "no more echo").
FILLERS: frozenset[str] = frozenset({
    "a", "an", "the", "in", "on", "at", "of", "it", "its", "be", "is", "was", "to", "as", "sound", "sounding",
    "sounds", "one", "ones", "like", "with", "make", "made", "any", "some", "all", "inside", "into", "onto",
    "from", "my", "our", "your", "their", "this", "that", "than", "so", "please", "give", "me", "now", "turn",
    "same", "version", "fart", "farts",
    # Glue of ordinary sentences: known, and nothing to say back ("a fart that goes on forever").
    "goes", "go", "going", "went", "lasts", "lasting", "lasted", "which", "who", "there", "here", "were",
    "has", "have", "had", "does", "did", "do", "i", "you", "he", "she", "we", "they", "someone", "somebody",
    "person", "guy", "lady", "man", "woman", "when", "where", "what", "how", "for", "by", "about", "let", "out",
    "comes", "coming", "came", "ever", "hear", "listen", "create", "generate", "want", "need", "would", "could",
    "should", "can", "will", "something", "type", "style", "imagine", "during", "through", "around", "behind",
    "under", "over", "near", "his", "her", "him", "them", "someones", "mine", "im", "ive", "id", "hes",
    "shes", "theyre", "theres", "thats", "whats", "lets", "got", "get", "gets", "being", "been", "are",
    "am", "whole", "entire", "across", "front", "everybody", "people", "end", "middle", "back", "beginning",
    "between", "each", "other", "another's",
})

# Words understood as farts in general: they change nothing, but they are known and never fuzzy-matched.
NEUTRAL_WORDS: tuple[str, ...] = (
    "fart", "farting", "farted", "farty", "fartgen", "trump", "gas", "flatulence", "flatus", "tooter", "poop",
    "butt", "bum", "bottom", "booty", "burp", "noise", "same", "make", "give", "please", "now", "just",
    "sound", "sounds", "sounding", "turn", "version", "keep", "stay", "still", "also",
)

NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "couple": 2,
    "pair": 2, "few": 3, "several": 4, "dozen": 12, "half": 0.5, "single": 1, "handful": 5, "quarter": 0.25,
}
# Unit → (quantity, factor to the spec's unit).
UNITS: dict[str, tuple[str, float]] = {
    "s": ("duration", 1.0), "sec": ("duration", 1.0), "secs": ("duration", 1.0), "second": ("duration", 1.0),
    "seconds": ("duration", 1.0), "ms": ("duration", 0.001), "millisecond": ("duration", 0.001),
    "milliseconds": ("duration", 0.001), "min": ("duration", 60.0), "minute": ("duration", 60.0),
    "minutes": ("duration", 60.0), "hz": ("pitch", 1.0), "hertz": ("pitch", 1.0), "khz": ("pitch", 1000.0),
    "puff": ("bursts", 1.0), "puffs": ("bursts", 1.0), "burst": ("bursts", 1.0), "bursts": ("bursts", 1.0),
    "toot": ("bursts", 1.0), "toots": ("bursts", 1.0), "fart": ("bursts", 1.0), "farts": ("bursts", 1.0),
    "pop": ("bursts", 1.0), "pops": ("bursts", 1.0), "blast": ("bursts", 1.0), "blasts": ("bursts", 1.0),
    "poot": ("bursts", 1.0), "poots": ("bursts", 1.0),
    "shot": ("bursts", 1.0), "shots": ("bursts", 1.0), "part": ("bursts", 1.0), "parts": ("bursts", 1.0),
    "pulse": ("bursts", 1.0), "pulses": ("bursts", 1.0), "parp": ("bursts", 1.0), "parps": ("bursts", 1.0),
    "time": ("bursts", 1.0), "times": ("bursts", 1.0), "%": ("percent", 1.0), "percent": ("percent", 1.0),
}
# Factor words: "twice as long", "half as loud", "double the length"; "3 times"/"3x" + comparative likewise.
MULTIPLIERS: dict[str, float] = {"twice": 2.0, "double": 2.0, "thrice": 3.0, "triple": 3.0, "half": 0.5,
                                 "quadruple": 4.0}
TIMES_WORDS: tuple[str, ...] = ("times", "x")
# Words a number after which is a name, not an amount: "tab one", "take 2", "part three".
NAMING_WORDS: frozenset[str] = frozenset({
    "tab", "take", "number", "round", "part", "track", "episode", "chapter", "level", "version", "scene", "act",
    "page", "step", "day", "season", "stage", "player", "window", "sample",
})


@dataclass(frozen=True)
class Lexicon:
    """Every key (a tuple of words) with its sense, and the words that reading a prompt may resolve to.

    Only words that mean something alone are reached through a stem ("noted" must not become "not"); fuzzy
    matching reaches those and the longer grammar words ("extremly" → "extremely", "withot" → "without").
    """

    senses: dict[tuple[str, ...], Sense]
    vocabulary: frozenset[str]
    stem_targets: frozenset[str]
    fuzzy_targets: frozenset[str]
    longest_phrase: int


def build() -> Lexicon:
    """Compile the tables above into one lookup; a key listed twice is a mistake in the tables."""
    senses: dict[tuple[str, ...], Sense] = {}

    def put(key: str, sense: Sense) -> None:
        words = tuple(key.split())
        if words in senses:
            raise ValueError(f"lexicon lists {key!r} twice")
        senses[words] = sense

    for word, changes in ADJECTIVES.items():
        put(word, Sense(changes=changes, title=word, direction=DIRECTIONAL_ADJECTIVES.get(word, 0)))
    for word, changes in SOUNDS.items():
        put(word, Sense(changes=changes))
    for word, changes in FAMILIES.items():
        put(word, Sense(changes=changes, title=FAMILY_TITLES.get(word, word)))
    for word, sets in SETS.items():
        put(word, Sense(sets=sets, title=word))
    for word, (slug, changes) in PRESET_VARIANTS.items():
        put(word, Sense(preset=slug, changes=changes, noun=word))
    for word, changes in NOUNS.items():
        put(word, Sense(changes=changes, noun=word))
    for slug, words in PRESET_WORDS.items():
        for word in words:
            put(word, Sense(preset=slug, changes=PRESET_WORD_CHANGES.get(word, ())))
    for room, phrases in ROOM_WORDS.items():
        for word, phrase in phrases.items():
            put(word, Sense(room=room, room_phrase=phrase, closest=word not in EXACT_ROOM_WORDS))
    for word in ECHO_WORDS:
        put(word, Sense(echo=1))
    for word, axis in AXIS_NOUNS.items():
        put(word, Sense(kind="axis_noun", axis=axis))
    for word, sign in DIRECTION_WORDS.items():
        put(word, Sense(kind="direction", direction=sign))
    for word, factor in INTENSIFIERS.items():
        put(word, Sense(kind="intensifier", factor=factor))
    for kind, words in (("negation", NEGATIONS), ("less", LESS_WORDS), ("more", MORE_WORDS), ("too", TOO_WORDS),
                        ("repeat", REPEAT_WORDS)):
        for word in words:
            put(word, Sense(kind=kind))
    for word in NEUTRAL_WORDS:
        put(word, Sense(kind="neutral"))
    for word, target in ALIASES.items():
        put(word, senses[(target,)])

    vocabulary = {word for key in senses for word in key}
    vocabulary |= CLAUSE_BREAKS | FILLERS | set(NUMBER_WORDS) | set(UNITS) | set(MULTIPLIERS) | set(TIMES_WORDS)
    vocabulary |= set(SOFT_INTENSIFIERS)
    stem_targets = {
        key[0] for key, sense in senses.items()
        if len(key) == 1 and sense.kind in ("meaning", "axis_noun", "direction", "neutral", "repeat")
    }
    # Glue words are never what a typo meant ("west" is not "went").
    fuzzy_targets = stem_targets | {word for word in vocabulary if len(word) >= 5} - FILLERS
    return Lexicon(
        senses=senses,
        vocabulary=frozenset(vocabulary),
        stem_targets=frozenset(w for w in stem_targets if w.isalpha()),
        fuzzy_targets=frozenset(w for w in fuzzy_targets if w.isalpha() and len(w) >= 3),
        longest_phrase=max(map(len, senses)),
    )
