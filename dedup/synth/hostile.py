"""Hostile pages: what real news sites serve besides good pages, added to a network when served.

`hostile_routes(network_dir)` gives the responses a `NetworkServer(hostile=True)` adds; nothing is
written to the network folder, so the committed network stays as generated.

* A new outlet, `HOSTILE_SLUG`, whose robots.txt, sitemap, feed and home page list pages that must be
  skipped (`EXPECTED_SKIPS`): a PDF and a PNG sent as text/html, an empty page, a page just over
  10 MiB, a redirect loop, a 404, a 500, a page slower than any sane timeout, and a page whose
  bytes fit no encoding. Its sitemap also lists article URLs of the other outlets with tracking
  parameters and fragments, which the crawler must fetch once, under their plain URL.
* Article pages of the network served at their own URL but mis-encoded (`VARIANTS`): Windows-1252
  bytes declared UTF-8, UTF-8 declared Windows-1252, no declaration at all, truncated mid-tag,
  slowly. A crawler that repairs them ends with exactly the stories of the clean network.

Bodies may hold `__ORIGIN__` (the requested origin) and `__PORT__` (`:port` of the request).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

HOSTILE_SLUG = "stoerfall"
#: Body size of the huge page: just over Scrapy's default and wiredup's DOWNLOAD_MAXSIZE (10 MiB).
HUGE_BYTES = 10 * 1024 * 1024 + 1024
#: Delay of the page that answers too slowly; any local crawl times out long before.
STALL_SECONDS = 30.0
#: Delay of an article that answers slowly but in time.
SLOW_SECONDS = 0.5
#: Skips a crawl of the hostile outlet must report, by reason.
EXPECTED_SKIPS = {
    "binary": 2, "empty": 1, "too_large": 1, "redirect_loop": 1, "http_404": 1, "http_500": 1,
    "timeout": 1, "undecodable": 1,
}
#: Repairs a crawl of the mis-encoded articles must report, by reason.
EXPECTED_REPAIRS = {"encoding": 2, "truncated": 1}
#: Tracking parameters and fragments the sitemap adds to article URLs.
TRACKING_SUFFIXES = ("?utm_source=twitter&utm_medium=social", "#kommentare", "?fbclid=IwAR0xyz#top")

_META_UTF8 = re.compile(rb"""<meta\s+charset\s*=\s*["']?utf-8["']?\s*/?>""", re.IGNORECASE)
_HTML = "text/html"


@dataclass(frozen=True)
class Route:
    """One response: status, headers, body, and how long the server waits before sending it."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    location: str = ""
    delay: float = 0.0


def _page(title: str, body: str, og_type: str = "website") -> bytes:
    return (
        f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:type" content="{og_type}"></head><body>{body}</body></html>'
    ).encode()


def _cp1252_in_utf8(html: bytes) -> Route:
    return Route(html.decode().encode("cp1252"), content_type="text/html; charset=utf-8")


def _utf8_in_cp1252(html: bytes) -> Route:
    return Route(_META_UTF8.sub(b'<meta charset="windows-1252">', html), content_type="text/html; charset=windows-1252")


def _undeclared_cp1252(html: bytes) -> Route:
    return Route(_META_UTF8.sub(b"", html).decode().encode("cp1252"), content_type=_HTML)


def _undeclared_utf8(html: bytes) -> Route:
    return Route(_META_UTF8.sub(b"", html), content_type=_HTML)


def _truncated(html: bytes) -> Route:
    """Cut mid-tag at the start of the page footer: the footer and all after it never arrive."""
    cut = html.rindex(b"<footer") + len(b"<footer cla")
    return Route(html[:cut])


def _slow(html: bytes) -> Route:
    return Route(html, delay=SLOW_SECONDS)


#: How article pages are mis-served, in the order they are given pages.
VARIANTS: dict[str, Callable[[bytes], Route]] = {
    "cp1252-declared-utf8": _cp1252_in_utf8,
    "utf8-declared-cp1252": _utf8_in_cp1252,
    "undeclared-cp1252": _undeclared_cp1252,
    "undeclared-utf8": _undeclared_utf8,
    "truncated": _truncated,
    "slow": _slow,
}


def _articles(network_dir: Path) -> list[tuple[str, str]]:
    """(slug, path) of every article in truth.jsonl, in file order."""
    lines = (network_dir / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return [(obj["outlet"], obj["path"]) for obj in map(json.loads, filter(str.strip, lines))]


def _fits(html: bytes) -> bool:
    """A page every variant can be made of: UTF-8 with non-ASCII text that Windows-1252 can hold."""
    try:
        html.decode().encode("cp1252")
    except UnicodeError:
        return False
    return not html.isascii() and bool(_META_UTF8.search(html)) and b"<footer" in html


def _round_robin(pages: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """Pages taken from each outlet in turn, so the variants spread over outlets."""
    by_outlet: dict[str, list[tuple[str, str]]] = {}
    for page in pages:
        by_outlet.setdefault(page[0], []).append(page)
    for layer in zip_longest(*by_outlet.values()):
        yield from (page for page in layer if page is not None)


def _urlset(urls: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{url.replace('&', '&amp;')}</loc></url>" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    ).encode()


def _rss(urls: list[str]) -> bytes:
    items = "".join(f"<item><title>Meldung</title><link>{url.replace('&', '&amp;')}</link></item>" for url in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Störfall</title>{items}</channel></rss>'.encode()


def _bad_pages() -> dict[str, Route]:
    garbage = bytes(range(0x80, 0x100)) * 40  # holds bytes neither UTF-8 nor Windows-1252 can decode
    huge = _page("Riesig", "<article><h1>Riesig</h1><p>" + "Endlos. " * (HUGE_BYTES // 8) + "</p></article>", "article")
    return {
        "/kaputt/dokument.html": Route(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\n\x00\x01"),
        "/kaputt/bild.html": Route(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(64)),
        "/kaputt/leer.html": Route(b""),
        "/kaputt/riesig.html": Route(huge),
        "/kaputt/schleife-a.html": Route(status=302, location="/kaputt/schleife-b.html"),
        "/kaputt/schleife-b.html": Route(status=302, location="/kaputt/schleife-a.html"),
        "/kaputt/fehler.html": Route(b"<h1>500 Internal Server Error</h1>", status=500),
        "/kaputt/zeitlimit.html": Route(_page("Langsam", "<h1>Zu spät</h1>", "article"), delay=STALL_SECONDS),
        "/kaputt/kauderwelsch.html": Route(
            b'<!doctype html><html><head><meta charset="utf-8"><meta property="og:type" content="article"></head>'
            b"<body><article><h1>Kauderwelsch</h1><p>" + garbage + b"</p></article></body></html>"
        ),
    }


def hostile_routes(network_dir: Path) -> dict[tuple[str, str], Route]:
    """Every hostile response, by (outlet slug, path); see the module docstring."""
    network_dir = Path(network_dir)
    sites = network_dir / "sites"
    articles = _articles(network_dir)
    routes: dict[tuple[str, str], Route] = {}
    candidates = (page for page in _round_robin(articles) if _fits((sites / page[0] / page[1].lstrip("/")).read_bytes()))
    for variant, page in zip(VARIANTS.values(), candidates):
        routes[page] = variant((sites / page[0] / page[1].lstrip("/")).read_bytes())
    bad = _bad_pages()
    tracked = [f"http://{slug}.localhost__PORT__{path}{suffix}"
               for (slug, path), suffix in zip(articles[:len(TRACKING_SUFFIXES)], TRACKING_SUFFIXES)]
    tracked += [f"http://{slug}.localhost__PORT__{path}?utm_campaign=kaputt" for slug, path in routes]
    own = [path for path in bad if path != "/kaputt/schleife-b.html"] + ["/kaputt/fehlt.html"]
    links = "".join(f'<li><a href="{path}">{path}</a></li>' for path in own)
    hostile = {
        "/robots.txt": Route(b"User-agent: *\nDisallow:\nSitemap: __ORIGIN__/sitemap.xml\n", content_type="text/plain; charset=utf-8"),
        "/sitemap.xml": Route(_urlset([f"__ORIGIN__{path}" for path in own] + tracked), content_type="application/xml"),
        "/feed.xml": Route(_rss([f"__ORIGIN__{path}?utm_source=rss&utm_medium=feed" for path in own]),
                           content_type="application/rss+xml"),
        "/": Route(_page("Störfall", f"<h2>Störfall</h2><ul>{links}<li><a href='/kaputt/leer.html?utm_source=home#oben'>"
                                     "noch einmal</a></li></ul>")),
        **bad,
    }
    routes.update({(HOSTILE_SLUG, path): route for path, route in hostile.items()})
    return routes
