"""The network's pool of embedded videos; each caption shows up in several different stories.

A caption is "<title> <one or two sentence summary> © Quelle: <agency>", the way embedded
players render into the article text. Video 0 is the one embedded in the real seed copy.
"""

from __future__ import annotations

from . import english as E
from . import text as T
from . import words as W
from .phrases import EN, VIDEO_SOURCES
from .rand import mix, pick, rng
from .stories import seed_video

_VIDEO, _CHOICE = mix("video"), mix("video-choice")
STORIES_PER_VIDEO = 8


def pool_size(stories: int) -> int:
    return max(6, stories // STORIES_PER_VIDEO)


def caption(seed: int, v: int, language: str = "de") -> str:
    """Caption text of video `v` (English: "<title> <summary> Credit: <agency>")."""
    if language == "en":
        r = rng(seed, _VIDEO, v)
        summary = " ".join(E.sentence(r) for _ in range(1 + int(r.random() * 2)))
        return f"{E.headline(r)}. {summary} Credit: {pick(r, EN.VIDEO_SOURCES)}"
    if v == 0:
        title, summary, source = seed_video()
    else:
        r = rng(seed, _VIDEO, v)
        t = T.make_topic(r, pick(r, W.CATEGORIES), pick(r, W.CITIES + W.CAPITALS))
        title = T.headline(r, t)
        summary = " ".join(T.sentence(r, t) for _ in range(1 + int(r.random() * 2)))
        source = pick(r, VIDEO_SOURCES)
    return f"{title} {summary} © Quelle: {source}"


def choose(seed: int, g: int, outlet: int, stories: int) -> int:
    """Video an outlet embeds in story `g`: one of the videos of the story's time."""
    n = pool_size(stories)
    base = g * n // stories
    return min(n - 1, max(0, base + mix(seed, _CHOICE, g, outlet) % 3 - 1))
