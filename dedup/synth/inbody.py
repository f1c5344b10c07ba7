"""In-body boilerplate the way real outlets mix it into their article text (`NetworkSpec.inbody`).

Each outlet gets a `Style`: one to three teaser lead-ins (`Lesen Sie auch: <headline>`, some
outlets use them in only a few stories), a related-articles box (`<h3>Mehr zum Thema</h3>` and
two to five linked headlines), video and photo captions with a constant prefix and/or suffix
around a long slot, and agency credit lines (`Quelle: dpa`) as blocks of their own. Teasers link
to earlier articles of the outlet, and about a third of them to headlines of pages that are not
in the network. Follow-up stories of one topic share a long background paragraph with one to
three earlier stories of the topic (`Backgrounds`): content, labelled article and `shared`.

Everything here draws from its own random streams, so the rest of a page is the same as in the
network without `inbody`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from . import english as E
from . import phrases as P
from . import text as T
from . import words as W
from .markup import PageBuilder, a
from .outlets import Outlet, slugify
from .rand import mix, pick, rng

BP = "boilerplate"
FOREIGN_SHARE = 0.3  # teaser headlines of pages that are not in the network
BACKGROUND_WORDS = 40
_STYLE, _PAGE, _BG, _BG_TEXT = (mix(s) for s in ("inbody-style", "inbody-page", "background", "background-text"))
Render = Callable[[PageBuilder], None]


@dataclass(frozen=True)
class Style:
    """An outlet's in-body boilerplate habits."""

    teaser_leads: tuple[str, ...]
    teaser_rate: float  # chance of teaser lines on a page (rare outlets: a few stories only)
    teaser_plain: bool  # rendered like an article paragraph
    related_lead: str
    related_rate: float
    related_plain: bool  # bare <h3> and <ul> between the paragraphs, no container
    video_form: str  # "{slot}" with a constant prefix and/or suffix, or "" (no video captions)
    photo_form: str  # "{slot}" (a sentence) with a constant suffix, or ""
    caption_rate: float
    credit_line: str  # "Quelle: {agency}" or "" (no credit lines)


def make_styles(seed: int, outlets: list[Outlet]) -> list[Style]:
    return [_style(rng(seed, _STYLE, o.index), P.pools(o.lang)) for o in outlets]


def _style(r: random.Random, L=P) -> Style:
    leads = tuple(r.sample(L.TEASER_LEADS, 1 + int(r.random() * 3)))
    rare = r.random() < 0.3
    video = photo = ""
    if r.random() < 0.6:
        prefix = pick(r, L.VIDEO_PREFIX)
        suffix = pick(r, L.VIDEO_SUFFIX) if r.random() < 0.6 else ""
        video = prefix + "{slot}" + suffix
    if r.random() < 0.5:
        photo = pick(r, L.PHOTO_PREFIX) + "{slot}" + pick(r, L.CAPTION_SUFFIX)
    return Style(
        teaser_leads=leads,
        teaser_rate=0.03 + r.random() * 0.05 if rare else 0.3 + r.random() * 0.6,
        teaser_plain=r.random() < 0.7,
        related_lead=pick(r, L.RELATED_LEADS),
        related_rate=0.0 if r.random() < 0.4 else 0.2 + r.random() * 0.5,
        related_plain=r.random() < 0.5,
        video_form=video,
        photo_form=photo,
        caption_rate=0.3 + r.random() * 0.6,
        credit_line=pick(r, L.CREDIT_LINE) if r.random() < 0.5 else "",
    )


def foreign_headline(r: random.Random, language: str = "de") -> str:
    """A headline of a page outside the network."""
    if language == "en":
        return E.headline(r)
    t = T.make_topic(r, pick(r, W.CATEGORIES), pick(r, W.CITIES + W.CAPITALS))
    return T.headline(r, t)


def background_text(seed: int, key: tuple[int, ...], t: T.Topic) -> str:
    """The background paragraph of topic `key`: two or more sentences, at least 40 words."""
    r = rng(seed, _BG_TEXT, *key)
    out: list[str] = []
    while len(out) < 2 or sum(len(s.split()) for s in out) < BACKGROUND_WORDS:
        out.append(T.sentence(r, t))
    return " ".join(out)


class Backgrounds:
    """Which stories carry their topic's background paragraph: of a topic with several stories,
    the first two to four (a follow-up and one to three earlier ones), for most such topics."""

    def __init__(self, seed: int, keys: list[tuple[int, ...]]) -> None:
        by_key: dict[tuple[int, ...], list[int]] = {}
        for g, key in enumerate(keys):
            by_key.setdefault(key, []).append(g)
        self.key_of: dict[int, tuple[int, ...]] = {}
        for key, stories in by_key.items():
            h = mix(seed, _BG, *key)
            if len(stories) < 2 or h % 10 >= 7:
                continue
            for g in stories[: 2 + (h >> 8) % 3]:
                self.key_of[g] = key

    def position(self, seed: int, g: int, n: int) -> int:
        """Where the paragraph goes among a copy's `n` paragraphs (never first: the dateline)."""
        return 1 + mix(seed, _BG, g) % max(1, n - 1)


def page_rng(seed: int, g: int, outlet: int) -> random.Random:
    return rng(seed, _PAGE, g, outlet)


def plan(o: Outlet, s: Style, r: random.Random, paras: list[tuple[str, str]], titles: list[tuple[str, str]],
         agencies: tuple[str, ...], wire: bool) -> tuple[dict[int, list[Render]], list[Render]]:
    """What goes after which paragraph (by index), and what goes after the text.

    `titles` are (path, headline) of earlier articles of the outlet, teaser candidates."""
    n = len(paras)
    en = o.lang == "en"
    L = P.pools(o.lang)
    spots = [k for k, (tag, _) in enumerate(paras) if tag == "p" and k < n - 1] or [0]
    after: dict[int, list[Render]] = {}
    used: set[str] = set()

    def headline() -> tuple[str, str]:
        fresh = [t for t in titles if t[1] not in used]
        if fresh and r.random() >= FOREIGN_SHARE:
            path, title = pick(r, fresh)
        else:
            title = foreign_headline(r, o.lang)
            path = f"/{L.UI['archive']}/{slugify(title)}.html"
        used.add(title)
        return path, title

    def at(k: int, f: Render) -> None:
        after.setdefault(k, []).append(f)

    if s.video_form or s.photo_form:
        if r.random() < s.caption_rate:
            forms = [f for f in (s.video_form, s.photo_form) if f]
            form = pick(r, forms)
            agency = pick(r, L.CAPTION_AGENCIES)
            if en:  # a video: its headline and one sentence; a photo: a wire caption and its photographer
                slot = f"{E.headline(r)}. {E.sentence(r)}" if form == s.video_form else E.caption(r)
                text = form.format(slot=slot, agency=agency, photographer=E.person(r))
            else:
                t = T.make_topic(r, pick(r, W.CATEGORIES), pick(r, W.CITIES + W.CAPITALS))
                slot = T.headline(r, t) if form == s.video_form else T.sentence(r, t)
                text = form.format(slot=slot, agency=agency)
            at(spots[min(len(spots) - 1, int(r.random() * 2))], _caption(o, text))
    if r.random() < s.teaser_rate:
        for _ in range(1 + (r.random() < 0.3)):
            path, title = headline()
            at(pick(r, spots[1:] or spots), _teaser_line(o, s, pick(r, s.teaser_leads), path, title))
    if r.random() < s.related_rate:
        items = [headline() for _ in range(2 + int(r.random() * 4))]
        at(spots[-1] if r.random() < 0.6 else pick(r, spots), _related(o, s, items))
    end: list[Render] = []
    if wire and s.credit_line:
        end.extend(_credit_line(o, s.credit_line.format(agency=agency)) for agency in agencies)
    return after, end


def _para_cls(o: Outlet) -> str:
    return o.cls["para"] if o.para_class else ""


def _caption(o: Outlet, text: str) -> Render:
    return lambda b: b.block("p", BP, text, cls=_para_cls(o), kind="caption")


def _teaser_line(o: Outlet, s: Style, lead: str, path: str, title: str) -> Render:
    cls = _para_cls(o) if s.teaser_plain else o.cls["teaser"]
    return lambda b: b.block("p", BP, lead + " ", a(path, title), cls=cls, kind="teaser_line")


def _related(o: Outlet, s: Style, items: list[tuple[str, str]]) -> Render:
    def render(b: PageBuilder) -> None:
        if not s.related_plain:
            b.open("div", o.cls["teaser"])
        b.block("h3", BP, s.related_lead, kind="related_box")
        b.open("ul")
        for path, title in items:
            b.block("li", BP, a(path, title), kind="related_box")
        b.close("ul")
        if not s.related_plain:
            b.close("div")

    return render


def _credit_line(o: Outlet, text: str) -> Render:
    return lambda b: b.block("p", BP, text, cls=_para_cls(o), kind="credit")
