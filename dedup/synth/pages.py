"""Outlet pages that are not articles: home page, section pages, the disallowed preview page."""

from __future__ import annotations

from .markup import PageBuilder
from .outlets import Outlet
from .phrases import PREVIEW_TEXT
from .rand import pick, rng
from .templates import PageMeta, footer, head, header, link_list

HOME_PER_SECTION = 6
SECTION_ITEMS = 50


def home(o: Outlet, newest: list[PageMeta]) -> str:
    """Home page: newest articles, then a block per section."""
    b = PageBuilder()
    head(b, o, f"{o.name} – Nachrichten aus {o.city} und der Welt", "/")
    header(b, o)
    b.open("main", o.cls["page"])
    link_list(b, o, "Top-Nachrichten", tuple(newest[:5]))
    for i, (_slug, name) in enumerate(o.sections):
        items = tuple(m for m in newest if m.section == i)[:HOME_PER_SECTION]
        b.open("section", o.cls["teaser"])
        link_list(b, o, name, items)
        b.close("section")
    b.close("main")
    footer(b, o)
    return b.html()


def section(o: Outlet, index: int, newest: list[PageMeta]) -> str:
    """Section page listing its newest articles (the sitemap lists all)."""
    slug, name = o.sections[index]
    b = PageBuilder()
    head(b, o, f"{name} | {o.name}", f"/{slug}/")
    header(b, o)
    b.open("main", o.cls["page"])
    link_list(b, o, name, tuple(m for m in newest if m.section == index)[:SECTION_ITEMS])
    b.close("main")
    footer(b, o)
    return b.html()


def preview(o: Outlet, seed: int) -> str:
    """The page under robots.txt's Disallow: path, which a polite crawler never fetches."""
    b = PageBuilder()
    head(b, o, f"Vorschau | {o.name}", f"/{o.disallowed}/", '<meta name="robots" content="noindex">\n')
    b.block("h1", "boilerplate", "Redaktion intern")
    b.block("p", "boilerplate", pick(rng(seed, "preview", o.index), PREVIEW_TEXT))
    b.raw("</body>\n</html>\n")
    return b.html()
