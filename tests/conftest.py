"""Shared fixtures: a small hand-made network, the generated one, and a server for each."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from dedup.synth.serve import NetworkServer

REPO = Path(__file__).resolve().parents[1]
SEEDS_NETWORK = REPO / "seeds" / "network"


def _page(title: str, body: str, *, og_type: str | None = None, links: tuple[str, ...] = ()) -> str:
    meta = f'<meta property="og:type" content="{og_type}">' if og_type else ""
    nav = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>{meta}</head>"
        f"<body><nav><ul>{nav}</ul></nav>{body}<footer><p>© Tiny Media</p></footer></body></html>"
    )


def _article(title: str, text: str, *, og: bool = True) -> str:
    body = f"<article><h1>{title}</h1><p>{text}</p><p>Weiterlesen nach der Anzeige</p></article>"
    return _page(title, body, og_type="article" if og else None, links=("/", "/politik/"))


def _urlset(*paths: str) -> str:
    urls = "".join(
        f"<url><loc>__ORIGIN__{path}</loc><lastmod>2026-11-25</lastmod></url>" for path in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )


# The tiny network: every way to reach an article, and every kind of page to skip.
#   alpha: robots.txt -> urlset (a1, and /intern/ which robots.txt disallows), RSS feed (a2,
#          no og:type but <article>), section page (a3 only there), a JSON link, a dead link.
#   beta:  robots.txt -> sitemap index -> urlset (b1), Atom feed (b1), home page (b2 only
#          there), an imprint page with an <h1> that no sitemap lists (not an article).
TINY_SITES: dict[str, dict[str, str]] = {
    "alpha": {
        "robots.txt": "User-agent: *\nDisallow: /intern/\nSitemap: __ORIGIN__/sitemap.xml\n",
        "sitemap.xml": _urlset("/politik/a1.html", "/intern/geheim.html"),
        "feed.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Alpha</title>'
            "<item><title>A2</title><link>__ORIGIN__/politik/a2.html</link></item>"
            "</channel></rss>"
        ),
        "index.html": _page("Alpha", "<h2>Alpha</h2>", og_type="website",
                            links=("/politik/", "/daten.json", "/fehlt.html")),
        "politik/index.html": _page("Politik", "<h2>Politik</h2>",
                                    links=("/politik/a1.html", "/politik/a3.html")),
        "politik/a1.html": _article("Wahl in Berlin", "Die Wahl ist entschieden."),
        "politik/a2.html": _article("Streik bei der Bahn", "Züge stehen still.", og=False),
        "politik/a3.html": _article("Haushalt beschlossen", "Der Bundestag stimmte zu."),
        "intern/geheim.html": _article("Geheim", "Nicht crawlen."),
        "daten.json": '{"not": "html"}',
    },
    "beta": {
        "robots.txt": "User-agent: *\nDisallow: /intern/\nSitemap: __ORIGIN__/sitemap.xml\n",
        "sitemap.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<sitemap><loc>__ORIGIN__/sitemap-news.xml</loc></sitemap></sitemapindex>"
        ),
        "sitemap-news.xml": _urlset("/welt/b1.html"),
        "feed.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Beta</title><entry><title>B1</title>"
            '<link rel="alternate" href="__ORIGIN__/welt/b1.html"/></entry></feed>'
        ),
        "index.html": _page("Beta", "<h2>Beta</h2>", og_type="website",
                            links=("/welt/b2.html", "/impressum.html")),
        "impressum.html": _page("Impressum", "<h1>Impressum</h1><p>Beta Verlag</p>"),
        "welt/b1.html": _article("Wahl in Berlin", "Die Wahl ist entschieden, sagt dpa."),
        "welt/b2.html": _article("Sturm an der Küste", "Der Sturm zieht weiter."),
    },
}
TINY_ARTICLES = {
    "alpha": ("/politik/a1.html", "/politik/a2.html", "/politik/a3.html"),
    "beta": ("/welt/b1.html", "/welt/b2.html"),
}


def write_tiny_network(root: Path) -> Path:
    """Write the tiny network in the layout of docs/FORMATS.md and return its folder."""
    outlets = []
    for slug, files in TINY_SITES.items():
        outlets.append({"slug": slug, "name": slug.title(), "sections": ["politik", "welt"]})
        for name, text in files.items():
            path = root / "sites" / slug / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    (root / "network.json").write_text(
        json.dumps({"generator": "tests", "seed": 0, "size": "tiny", "outlets": outlets}),
        encoding="utf-8",
    )
    truth = [
        {"outlet": slug, "path": path, "story": path, "kind": "own", "title": "", "blocks": []}
        for slug, paths in TINY_ARTICLES.items()
        for path in paths
    ]
    (root / "truth.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in truth), encoding="utf-8"
    )
    return root


@pytest.fixture(scope="session")
def tiny_network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny hand-made network folder."""
    return write_tiny_network(tmp_path_factory.mktemp("tiny-network"))


@pytest.fixture(scope="session", params=["tiny", "seeds"])
def network_dir(request: pytest.FixtureRequest, tiny_network: Path) -> Path:
    """Each network to crawl: the tiny one, and the generated `seeds/network` once it exists."""
    if request.param == "tiny":
        return tiny_network
    if not (SEEDS_NETWORK / "network.json").is_file():
        pytest.skip("seeds/network not generated yet (wiredup generate --out seeds/network)")
    return SEEDS_NETWORK


@pytest.fixture(scope="session")
def network_server(network_dir: Path) -> Iterator[NetworkServer]:
    """A NetworkServer on 127.0.0.1 (any free port) serving `network_dir`."""
    from dedup.synth.serve import NetworkServer  # imported here so other test files never need it

    with NetworkServer(network_dir, host="127.0.0.1", port=0) as server:
        yield server
