"""Outlet HTML: the shared page chrome and the article page with its in-body boilerplate.

Each outlet has its own class names, layout (`<article>`, `<div>` or `<main><section>`),
navigation, consent notice and footer. Inside the article container, boilerplate is mixed with
the paragraphs: some in marked containers, some as plain paragraphs exactly like the text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timezone

from . import phrases as P
from .markup import Fragment, PageBuilder, a, el
from .outlets import Outlet
from .inbody import Style, plan
from .stories import Para, Story
from .words import MONTHS

BP, ART = "boilerplate", "article"


@dataclass(frozen=True)
class PageMeta:
    """Where and when one copy of a story appears."""

    g: int
    outlet: int
    title: str
    path: str
    section: int
    published: int
    modified: int


@dataclass(frozen=True)
class ArticleContext:
    """Everything an article page shows."""

    outlet: Outlet
    meta: PageMeta
    story: Story
    paragraphs: list[Para]
    teasers: tuple[PageMeta, ...]  # other stories of the outlet
    video: str  # caption of the embedded video, or ""
    reporter: str
    wire_reporter: str = ""  # English wire copies: the agency's reporter, the same in every copy
    inbody: tuple[Style, random.Random] | None = None  # in-body boilerplate habits, their stream
    shared: str = ""  # the story's background paragraph shared with stories of its topic


@dataclass(frozen=True)
class Chrome:
    """An outlet's article-page template parts, rendered once: they never change per page."""

    top: Fragment  # consent notice (if on top) and header with navigation
    aside: Fragment  # sidebar with the most-read list
    bottom: Fragment  # footer (and consent notice if at the bottom)
    ad: Fragment  # in-body ad slot with its markers
    share: Fragment
    newsletter: Fragment


def chrome(o: Outlet, most_read: tuple[PageMeta, ...], kinds: bool = False) -> Chrome:
    """`kinds`: blocks record their boilerplate kind in the truth."""
    top, aside, bottom, ad, share, newsletter = (PageBuilder(kinds) for _ in range(6))
    header(top, o)
    tag = "aside" if o.layout == "article" else "div"
    aside.open(tag, o.cls["aside"])
    link_list(aside, o, o.most_read, most_read, "ol", kind="most_read")
    aside.close(tag)
    footer(bottom, o)
    _ad(ad, o)
    _share(share, o)
    _bp(newsletter, o, "newsletter", o.newsletter)
    return Chrome(*(p.fragment() for p in (top, aside, bottom, ad, share, newsletter)))


def iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat()


_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def when(form: str, epoch: int, language: str = "de") -> str:
    """Format `epoch` with a date form of `phrases` ({date} {time} {dottime} {longdate}): German
    (05.03.2022, 14:05, 14.05, 5. März 2022) or English (March 5, 2022, 2:05 p.m., 14:05, Saturday 5 March 2022)."""
    d = datetime.fromtimestamp(epoch, timezone.utc)
    if language == "en":
        hour = d.hour % 12 or 12
        return form.format(date=f"{_EN_MONTHS[d.month - 1]} {d.day}, {d.year}",
                           time=f"{hour}:{d.minute:02d} {'a.m.' if d.hour < 12 else 'p.m.'}",
                           dottime=f"{d.hour:02d}:{d.minute:02d}",
                           longdate=f"{_EN_DAYS[d.weekday()]} {d.day} {_EN_MONTHS[d.month - 1]} {d.year}")
    return form.format(date=f"{d.day:02d}.{d.month:02d}.{d.year}", time=f"{d.hour:02d}:{d.minute:02d}",
                       dottime=f"{d.hour:02d}.{d.minute:02d}", longdate=f"{d.day}. {MONTHS[d.month - 1]} {d.year}")


def head(b: PageBuilder, o: Outlet, title: str, path: str, extra: str = "") -> None:
    """Doctype, `<head>` (never truth: not visible) and the opening `<body>`."""
    c = o.cls
    b.raw(f'<!doctype html>\n<html lang="{P.pools(o.lang).UI["html_lang"]}">\n<head>\n<meta charset="utf-8">\n<title>{_esc(title)}</title>\n'
          f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
          f'<link rel="canonical" href="__ORIGIN__{path}">\n'
          f'<link rel="alternate" type="application/rss+xml" title="{_esc(o.name)}" href="/feed.xml">\n{extra}'
          f'<style>.{c["page"]}{{max-width:72rem;margin:auto}}.{c["ad"]}{{min-height:250px}}'
          f'.{c["consent"]}{{position:fixed;bottom:0}}</style>\n</head>\n<body class="{c["page"]}">\n')


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def consent(b: PageBuilder, o: Outlet) -> None:
    b.open("div", o.cls["consent"], role="dialog")
    for text in o.consent:
        b.block("p", BP, text, kind="consent")
    parts: list = []
    for i, label in enumerate(o.consent_links):
        parts += ([" · "] if i else []) + [a("#", label)]
    b.block("p", BP, *parts, kind="consent")
    b.close("div")


def header(b: PageBuilder, o: Outlet) -> None:
    if o.consent_top:
        consent(b, o)
    b.open("header", o.cls["header"])
    b.block("div", BP, a("/", o.name), cls=o.cls["logo"], kind="nav")
    b.open("nav", o.cls["nav"])
    b.open("ul")
    for slug, name in o.sections:
        b.block("li", BP, a(f"/{slug}/", name), kind="nav")
    for name in o.nav_extras:
        b.block("li", BP, a("#", name), kind="nav")
    b.close("ul")
    b.close("nav")
    b.close("header")


def footer(b: PageBuilder, o: Outlet) -> None:
    b.open("footer", o.cls["footer"])
    b.open("ul")
    for name in o.footer_items:
        b.block("li", BP, a("#", name), kind="footer")
    b.block("li", BP, a("/feed.xml", "RSS"), kind="footer")
    b.block("li", BP, a(f"/{o.disallowed}/", P.pools(o.lang).UI["internal"]), kind="footer")
    b.close("ul")
    b.block("p", BP, o.copyright, kind="footer")
    b.close("footer")
    if not o.consent_top:
        consent(b, o)
    b.raw(f'<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"site":"{o.slug}"}});</script>\n'
          "</body>\n</html>\n")


def link_list(b: PageBuilder, o: Outlet, heading: str, items: tuple[PageMeta, ...], tag: str = "ul",
              kind: str = "list") -> None:
    """A heading and a list of article links (sidebars, home and section pages)."""
    b.block({"article": "h2", "div": "p", "main": "h3"}[o.layout], BP, heading, kind=kind)
    b.open(tag, o.cls["list"])
    for m in items:
        b.block("li", BP, a(m.path, m.title), kind=kind)
    b.close(tag)


def article_page(ctx: ArticleContext, parts: Chrome, r: random.Random) -> PageBuilder:
    """One article page: its HTML and truth blocks."""
    o, m = ctx.outlet, ctx.meta
    c = o.cls
    sec_slug, sec_name = o.sections[m.section]
    b = PageBuilder(kinds=ctx.inbody is not None)
    title = o.title_form.format(title=m.title, name=o.name, section=sec_name)
    head(b, o, title, m.path,
         f'<meta property="og:type" content="article">\n<meta property="og:title" content="{_esc(m.title)}">\n'
         f'<meta property="og:site_name" content="{_esc(o.name)}">\n'
         f'<meta property="og:url" content="__ORIGIN__{m.path}">\n'
         f'<meta property="article:published_time" content="{iso(m.published)}">\n'
         f'<meta property="article:modified_time" content="{iso(m.modified)}">\n'
         f'<meta property="article:section" content="{_esc(sec_name)}">\n')
    b.include(parts.top)
    b.block("div", BP, a("/", P.pools(o.lang).UI["home"]), " › ", a(f"/{sec_slug}/", sec_name), cls=c["crumbs"], kind="crumbs")
    outer, inner = {"article": ("main", "article"), "div": ("div", "div"), "main": ("main", "section")}[o.layout]
    b.open(outer, c["page"] if outer == "div" else "")
    b.open(inner, c["article"])
    if o.layout == "article":
        b.open("header", c["head"])
    b.block("h1", "title", m.title)
    b.block("p" if o.layout != "div" else "div", BP,
            el("time", when(o.date_form, m.published, o.lang), datetime=iso(m.published)), cls=c["meta"], kind="date")
    has_byline = not ctx.story.slot.wire or o.wire_byline
    byline_top = has_byline and r.random() < 0.7
    if byline_top:
        _bp(b, o, "byline", _byline(ctx))
    if o.layout == "article":
        b.close("header")
    if o.layout != "main":
        b.open("div", c["body"])
    _body(b, ctx, parts, r, byline_end=has_byline and not byline_top)
    if o.layout != "main":
        b.close("div")
    b.close(inner)
    b.include(parts.aside)
    b.close(outer)
    b.include(parts.bottom)
    return b


def _body(b: PageBuilder, ctx: ArticleContext, parts: Chrome, r: random.Random, byline_end: bool) -> None:
    o, paras = ctx.outlet, ctx.paragraphs
    rate = o.rates
    n = len(paras)
    top_updated = r.random() < rate["updated"] / 2
    if top_updated:
        _bp(b, o, "updated", when(o.updated_form, ctx.meta.modified, o.lang))
    share_top = r.random() < rate["share"] / 2
    if share_top:
        b.include(parts.share)
    video_at = 1 + int(r.random() * 2) if ctx.video and r.random() < rate["video"] else -1
    live = ctx.story.topic.category == "politik" and r.random() < rate["liveblog"]
    live_at = 2 + int(r.random() * max(1, n - 3)) if live else -1
    teasers = ctx.teasers
    read_at = 2 + int(r.random() * max(1, n - 3)) if teasers and r.random() < rate["read_also"] else -1
    para_cls = o.cls["para"] if o.para_class else ""
    extra, end = ({}, []) if ctx.inbody is None else plan(
        o, ctx.inbody[0], ctx.inbody[1], paras, [(t.path, t.title) for t in teasers], ctx.story.agencies,
        ctx.story.slot.wire)
    for k, (tag, text) in enumerate(paras):
        b.block(tag, ART, text, cls=para_cls if tag == "p" else "", shared=bool(ctx.shared) and text == ctx.shared)
        for render in extra.get(k, ()):
            render(b)
        if tag == "h2":
            continue
        if k == 0 or (k % o.ad_every == 0 and k < n - 1):
            b.include(parts.ad)
        if k == video_at:
            _video(b, o, ctx.video)
        if k == live_at:
            _bp(b, o, "liveblog", a(f"/{o.sections[ctx.meta.section][0]}/", o.group.liveblog))
        if k == read_at:
            _bp(b, o, "read_also", o.read_also + " ", a(teasers[0].path, teasers[0].title))
    if r.random() < 0.4:
        b.include(parts.ad)
    if ctx.story.slot.wire:
        _bp(b, o, "credit", _credit(o, ctx))
    for render in end:
        render(b)
    if byline_end:
        _bp(b, o, "byline", _byline(ctx))
    if len(teasers) >= 4 and r.random() < rate["teaser"]:
        _teaser_list(b, o, teasers[1:4])
    if r.random() < rate["newsletter"]:
        b.include(parts.newsletter)
    if not share_top and r.random() < rate["share"]:
        b.include(parts.share)
    if not top_updated and r.random() < rate["updated"]:
        _bp(b, o, "updated", when(o.updated_form, ctx.meta.modified, o.lang))


def _bp(b: PageBuilder, o: Outlet, kind: str, *parts) -> None:
    """One boilerplate block: a plain paragraph like the text, or a marked container."""
    if kind in o.plain:
        b.block("p", BP, *parts, cls=o.cls["para"] if o.para_class else "", kind=kind)
    else:
        role = kind if kind in o.cls else "box"
        b.block("div" if kind in ("liveblog", "share") else "p", BP, *parts, cls=o.cls[role], kind=kind)


def _ad(b: PageBuilder, o: Outlet) -> None:
    g = o.group
    if "ad" in o.plain:
        for _ in range(2 if o.ad_double else 1):
            _bp(b, o, "ad", g.ad_long)
        return
    b.open("div", o.cls["ad"])
    b.block("p", BP, g.ad_long, cls=o.cls["adlabel"], kind="ad")
    if o.ad_double:
        b.block("p", BP, g.ad_long, cls=o.cls["adlabel"], kind="ad")
    b.open("div", o.cls["box"], **{"data-slot": "inline"})
    b.block("div", BP, g.ad_short, cls=o.cls["adlabel"], kind="ad")
    b.raw('<script>(window.adq=window.adq||[]).push("inline");</script>\n')
    b.close("div")
    b.close("div")


def _video(b: PageBuilder, o: Outlet, caption: str) -> None:
    if "video" in o.plain:
        _bp(b, o, "video", caption)
        return
    b.open("figure", o.cls["video"])
    b.raw(f'<div class="{o.cls["box"]}" data-player="embed"></div>\n')
    b.block("figcaption", BP, caption, kind="video")
    b.close("figure")


def _share(b: PageBuilder, o: Outlet) -> None:
    lead, networks = o.share
    parts: list = [lead]
    for net in networks:
        parts += [" ", a("#", net)]
    _bp(b, o, "share", *parts)


def _byline(ctx: ArticleContext) -> str:
    """The outlet's byline, or on English wire copies the agency reporter's ("By Jane Doe, Associated Press")."""
    o = ctx.outlet
    if ctx.story.slot.wire and o.wire_byline_form and ctx.wire_reporter and ctx.story.agencies:
        agency = P.EN.AGENCY_NAMES.get(ctx.story.agencies[0], ctx.story.agencies[0])
        return o.wire_byline_form.format(name=ctx.wire_reporter, NAME=ctx.wire_reporter.upper(), agency=agency)
    return o.byline_form.format(name=ctx.reporter, city=o.city)


def _credit(o: Outlet, ctx: ArticleContext) -> str:
    initials = "".join(w[0] for w in ctx.reporter.split()).lower() + "k"
    agencies = ctx.story.agencies
    long = " and ".join(("The " if x == "AP" else "") + P.EN.AGENCY_NAMES.get(x, x) for x in agencies)
    return o.credit_form.format(group=o.group.code, agencies="/".join(agencies), region=o.region_code,
                                initials=initials, paper=o.name.removeprefix("The "), agencies_long=long[:1].upper() + long[1:])


def _teaser_list(b: PageBuilder, o: Outlet, items: tuple[PageMeta, ...]) -> None:
    """Three full headlines of other stories: one long block, or a list."""
    if o.teaser_inline:
        parts: list = [el("strong", o.teaser_intro), " "]
        for i, m in enumerate(items):
            parts += ([" · "] if i else []) + [a(m.path, m.title)]
        _bp(b, o, "teaser", *parts)
        return
    b.open("div", o.cls["teaser"])
    b.block("p", BP, o.teaser_intro, kind="teaser")
    b.open("ul")
    for m in items:
        b.block("li", BP, a(m.path, m.title), kind="teaser")
    b.close("ul")
    b.close("div")
