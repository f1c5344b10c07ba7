"""Outlet pages that are not articles: home page, section pages, the disallowed preview page."""

from __future__ import annotations

from .markup import PageBuilder
from .outlets import Outlet
from .phrases import pools
from .rand import pick, rng
from .templates import PageMeta, footer, head, header, link_list

HOME_PER_SECTION = 6
SECTION_ITEMS = 50


def home(o: Outlet, newest: list[PageMeta]) -> str:
    """Home page: newest articles, then a block per section."""
    b = PageBuilder()
    ui = pools(o.lang).UI
    head(b, o, ui["home_title"].format(name=o.name, city=o.city), "/")
    header(b, o)
    b.open("main", o.cls["page"])
    link_list(b, o, ui["top"], tuple(newest[:5]))
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
    L = pools(o.lang)
    head(b, o, f"{L.UI['preview']} | {o.name}", f"/{o.disallowed}/", '<meta name="robots" content="noindex">\n')
    b.block("h1", "boilerplate", L.UI["internal"])
    b.block("p", "boilerplate", pick(rng(seed, "preview", o.index), L.PREVIEW_TEXT))
    b.raw("</body>\n</html>\n")
    return b.html()
