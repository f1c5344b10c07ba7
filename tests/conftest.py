"""Shared fixtures: a small hand-made network, the generated one, and a server for each."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from redis_server import RedisServer

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
    from dedup.synth.serve import (
        NetworkServer,  # imported here so other test files never need it
    )

    with NetworkServer(network_dir, host="127.0.0.1", port=0) as server:
        yield server


# --- real crawls: `scrapy crawl wire` in a subprocess, and what to check of its output ----------

def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def crawl_command(out_dir: Path, *args: str) -> list[str]:
    """The command line of `scrapy crawl wire` with output into out_dir (run it in REPO)."""
    return [sys.executable, "-m", "scrapy", "crawl", "wire", "-s", f"WIREDUP_OUTPUT_DIR={out_dir}", *args]


def crawl(out_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`scrapy crawl wire` in the repo, output into out_dir."""
    command = crawl_command(out_dir, *args)
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600, check=False)


def truth_keys(network_dir: Path) -> set[str]:
    lines = (network_dir / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return {(obj := json.loads(line))["outlet"] + obj["path"] for line in lines if line.strip()}


def page_keys(out_dir: Path) -> list[str]:
    """`<first host label><path>` of every page in out_dir/pages.jsonl."""
    keys = []
    for line in read_lines(out_dir / "pages.jsonl"):
        parts = urlsplit(line["url"])
        keys.append((parts.hostname or "").split(".")[0] + parts.path)
    return keys


def disallowed(network_dir: Path) -> dict[str, list[str]]:
    """Each outlet's `Disallow:` path prefixes."""
    rules = {}
    for site in (network_dir / "sites").iterdir():
        robots = site / "robots.txt"
        lines = robots.read_text(encoding="utf-8").splitlines() if robots.is_file() else []
        rules[site.name] = [
            value for line in lines
            if line.lower().startswith("disallow:") and (value := line.split(":", 1)[1].strip())
        ]
    return rules


def assert_clean_crawl(result: subprocess.CompletedProcess[str], network_dir: Path, out_dir: Path) -> None:
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    keys = page_keys(out_dir)
    assert len(keys) == len(set(keys)), "a page was written twice"
    missing = truth_keys(network_dir) - set(keys)
    assert not missing, f"articles not crawled: {sorted(missing)[:10]}"
    rules = disallowed(network_dir)
    for key in keys:
        slug, _, path = key.partition("/")
        assert not any(("/" + path).startswith(prefix) for prefix in rules.get(slug, [])), key
    for line in read_lines(out_dir / "pages.jsonl"):
        assert line["outlet"] == urlsplit(line["url"]).hostname and line["html"] and line["status"] == 200


def url_key(url: str) -> str:
    """A URL without its port: `<first host label><path>`, the key truth.jsonl uses."""
    parts = urlsplit(url)
    return (parts.hostname or "").split(".")[0] + parts.path


def story_signature(out_dir: Path) -> list[tuple[Any, ...]]:
    """stories.jsonl without what differs between two crawls of one network: ports, ids, fetch times."""
    stories = []
    for story in read_lines(out_dir / "stories.jsonl"):
        versions = sorted(
            (url_key(v["url"]), v["title"], v["canonical"], v["similarity"], tuple(v["added"]), tuple(v["missing"]))
            for v in story["versions"]
        )
        stories.append((story["title"], story["text"], tuple(story["outlets"]), tuple(versions)))
    return sorted(stories)


@dataclass(frozen=True)
class CrawlRun:
    """One finished `scrapy crawl wire` and its output folder."""

    result: subprocess.CompletedProcess[str]
    out_dir: Path


class EmbeddedCrawls:
    """Crawls of the embedded network with dedup, one per network folder, run on first use."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.runs: dict[Path, CrawlRun] = {}

    def of(self, network_dir: Path) -> CrawlRun:
        if network_dir not in self.runs:
            out_dir = self.root / f"crawl-{len(self.runs)}"
            result = crawl(out_dir, "-s", f"WIREDUP_NETWORK_DIR={network_dir}", "-s", "TELNETCONSOLE_ENABLED=0")
            self.runs[network_dir] = CrawlRun(result, out_dir)
        return self.runs[network_dir]


@pytest.fixture(scope="session")
def embedded_crawls(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedCrawls:
    """Plain crawls of the embedded networks, shared by the tests that compare against them."""
    return EmbeddedCrawls(tmp_path_factory.mktemp("embedded-crawls"))


# --- a real redis-server (tests/redis_server.py) -------------------------------------------------

@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A running redis-server on a free 127.0.0.1 port, no persistence; kill()/restart() for faults."""
    with RedisServer(tmp_path / "redis") as server:
        yield server


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """`redis://127.0.0.1:PORT/0` of a fresh redis-server, stopped after the test."""
    return redis_server.url
