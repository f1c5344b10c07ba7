"""Machine-readable outlet files: robots.txt, sitemap.xml (with lastmod) and an RSS 2.0 feed.

URLs are absolute through the `__ORIGIN__` token, which the network server replaces.
"""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

from .outlets import Outlet
from .phrases import pools
from .templates import PageMeta, iso

FEED_ITEMS = 20


def robots(o: Outlet) -> str:
    return (f"# robots.txt for {o.name}\nUser-agent: *\nDisallow: /{o.disallowed}/\n"
            "\nSitemap: __ORIGIN__/sitemap.xml\n")


def sitemap(pages: list[PageMeta]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"<url><loc>__ORIGIN__{escape(m.path)}</loc><lastmod>{iso(m.modified)}</lastmod></url>"
              for m in pages]
    return "\n".join(lines + ["</urlset>", ""])


def rss(o: Outlet, newest: list[PageMeta]) -> str:
    """RSS 2.0 channel with the newest articles."""
    def rfc822(epoch: int) -> str:
        return format_datetime(datetime.fromtimestamp(epoch, timezone.utc))

    items = [
        f"<item><title>{escape(m.title)}</title><link>__ORIGIN__{escape(m.path)}</link>"
        f'<guid isPermaLink="true">__ORIGIN__{escape(m.path)}</guid>'
        f"<category>{escape(o.sections[m.section][1])}</category><pubDate>{rfc822(m.published)}</pubDate></item>"
        for m in newest[:FEED_ITEMS]
    ]
    built = rfc822(max((m.modified for m in newest), default=0))
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0">', "<channel>",
        f"<title>{escape(o.name)}</title>", "<link>__ORIGIN__/</link>",
        f"<description>{escape(pools(o.lang).UI['describe'].format(city=o.city))}</description>",
        f"<language>{pools(o.lang).UI['feed_lang']}</language>", f"<lastBuildDate>{built}</lastBuildDate>",
        *items, "</channel>", "</rss>", "",
    ])
