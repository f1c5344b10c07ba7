"""Tests of the generated syndication network (dedup.synth): determinism, truth, shortcuts, server."""

from __future__ import annotations

import filecmp
import http.client
import json
import re
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

import lxml.html
import pytest

from dedup.synth import (
    NetworkSpec,
    generate_main,
    iter_site_files,
    write_network,
    write_pages_jsonl,
)
from dedup.synth.hostile import HOSTILE_SLUG, VARIANTS, hostile_routes
from dedup.synth.network import Network
from dedup.synth.serve import NetworkServer
from dedup.synth.spec import sizes
from dedup.synth.stories import SEED_REPORT, seed_report

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "seeds" / "network"
INLINE = {"a", "strong", "em", "span", "b", "i", "time", "small"}
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, whatever the env says
INVISIBLE = {"script", "style", "head", "title", "meta", "link", "noscript"}


def fold(text: str) -> str:
    return " ".join(text.split())


def block_texts(html: str) -> list[str]:
    """Folded texts of the page's blocks: elements holding only inline markup, in document order.

    Fails on text placed directly in a container that also has block children.
    """
    body = lxml.html.document_fromstring(html).find("body")
    out = []
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in INLINE or el.tag in INVISIBLE:
            continue
        if any(not isinstance(d.tag, str) or d.tag not in INLINE for d in el.iterdescendants()):
            loose = [el.text] + [c.tail for c in el if not isinstance(c.tag, str) or c.tag not in INLINE]
            assert not any((t or "").strip() for t in loose), f"text beside block children in <{el.tag}>"
            continue
        text = fold("".join(el.itertext()))
        if text:
            out.append(text)
    return out


def read_truth(network: Path) -> list[dict]:
    return [json.loads(line) for line in (network / "truth.jsonl").read_text(encoding="utf-8").splitlines()]


def page_html(network: Path, truth: dict) -> str:
    return (network / "sites" / truth["outlet"] / truth["path"].lstrip("/")).read_text(encoding="utf-8")


def article_texts(truth: dict) -> list[str]:
    return [b["text"] for b in truth["blocks"] if b["label"] == "article"]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("net") / "network"
    write_network(NetworkSpec(seed=1), out)
    return out


@pytest.fixture(scope="module")
def truth() -> list[dict]:
    return read_truth(COMMITTED)


def test_same_spec_gives_identical_files() -> None:
    spec = NetworkSpec(seed=7)
    first = [(f.outlet, f.path, f.body, f.truth) for f in iter_site_files(spec)]
    assert first == [(f.outlet, f.path, f.body, f.truth) for f in iter_site_files(spec)]


def test_committed_network_equals_regenerated(fresh: Path) -> None:
    committed = sorted(p.relative_to(COMMITTED) for p in COMMITTED.rglob("*") if p.is_file())
    regenerated = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    assert committed == regenerated, "regenerate seeds/network (see seeds/README.md)"
    _, mismatch, errors = filecmp.cmpfiles(COMMITTED, fresh, [str(p) for p in committed], shallow=False)
    assert not mismatch and not errors, f"seeds/network is stale: {mismatch[:5]}"


def test_default_network_size(truth: list[dict]) -> None:
    info = json.loads((COMMITTED / "network.json").read_text(encoding="utf-8"))
    assert len(info["outlets"]) == 8 and info["seed"] == 1
    assert info["size"]["pages"] == len(truth)
    outlets = defaultdict(set)
    for t in truth:
        outlets[t["story"]].add(t["outlet"])
    wire = {s for s in outlets if s.startswith("w")}
    local = set(outlets) - wire
    assert len(wire) >= 12 and len(local) >= 30 and len(outlets) >= 42
    assert all(len(outlets[s]) >= 3 for s in wire)
    assert all(len(outlets[s]) == 1 for s in local)
    assert all(t["kind"] == ("wire" if t["story"] in wire else "local") for t in truth)


def test_truth_blocks_are_the_pages_blocks(truth: list[dict]) -> None:
    for t in truth:
        expected = [b["text"] for b in t["blocks"]]
        assert block_texts(page_html(COMMITTED, t)) == expected, t["path"]
        assert all(b["label"] in ("title", "article", "boilerplate") for b in t["blocks"])
        assert all(text and "\xa0" not in text for text in expected)


def test_article_page_markup(truth: list[dict]) -> None:
    for t in truth[:30]:
        doc = lxml.html.document_fromstring(page_html(COMMITTED, t))
        meta = {m.get("property"): m.get("content") for m in doc.iter("meta") if m.get("property")}
        assert meta["og:type"] == "article" and meta["og:title"] == t["title"]
        assert meta["article:published_time"]
        assert doc.find(".//title").text and fold(doc.find(".//h1").text_content()) == t["title"]
        assert [b["text"] for b in t["blocks"] if b["label"] == "title"] == [t["title"]]


def test_boilerplate_sits_inside_the_article_container(truth: list[dict]) -> None:
    inside = 0
    for t in truth:
        doc = lxml.html.document_fromstring(page_html(COMMITTED, t))
        container = doc.find(".//h1").getparent()
        while container.tag == "header":
            container = container.getparent()
        texts = {fold(el.text_content()) for el in container.iter() if isinstance(el.tag, str)}
        inside += sum(1 for b in t["blocks"] if b["label"] == "boilerplate" and b["text"] in texts)
    assert inside > 5 * len(truth)


def test_seeds_give_other_outlets_and_boilerplate() -> None:
    def boilerplate(seed: int) -> tuple[set[str], set[str]]:
        pages = [f for f in iter_site_files(NetworkSpec(seed=seed)) if f.truth]
        stories = defaultdict(set)
        for f in pages:
            for b in f.truth["blocks"]:
                if b["label"] == "boilerplate":
                    stories[b["text"]].add(f.truth["story"])
        # phrases (not single menu words) that repeat across stories: what a fixed list would hold
        phrases = {text for text, s in stories.items() if len(s) >= 3 and len(text.split()) >= 6}
        return {f.outlet for f in pages}, phrases

    outlets_a, boiler_a = boilerplate(1)
    outlets_b, boiler_b = boilerplate(2)
    assert not outlets_a & outlets_b
    assert len(boiler_a) >= 20 and len(boiler_b) >= 20
    common = boiler_a & boiler_b
    assert len(common) <= 2, sorted(common)  # the real seed video caption may be in both


def test_length_filter_fails(truth: list[dict]) -> None:
    article = [len(x) for t in truth for x in article_texts(t)]
    boiler = [len(b["text"]) for t in truth for b in t["blocks"] if b["label"] == "boilerplate"]
    assert max(boiler) > 300 and min(article) < 60
    assert sum(1 for n in boiler if n > 150) > 50
    assert sum(1 for n in article if n < 80) > 20


def test_copies_differ_where_shortcuts_look(truth: list[dict]) -> None:
    copies = defaultdict(list)
    for t in truth:
        copies[t["story"]].append(t)
    dateline = re.compile(r"^[^.–-]{2,30}?(?:\. |\s(?:\([^)]*\)\s)?[–-] |/[A-Za-z]+\. )")
    leads_differ = titles_differ = 0
    for story, pages in copies.items():
        if not story.startswith("w"):
            continue
        assert len({p["path"] for p in pages}) == len(pages)
        assert len({p["path"].rsplit("/", 1)[1] for p in pages}) == len(pages)
        leads = {dateline.sub("", article_texts(p)[0]) for p in pages}
        leads_differ += len(leads) > 1
        titles_differ += len({p["title"] for p in pages}) > 1
    assert leads_differ >= 3 and titles_differ >= 8
    firsts = {article_texts(p)[0] for p in copies["w000"]}
    assert len(firsts) > 2


def test_seed_report_is_a_wire_story(truth: list[dict]) -> None:
    paragraphs = [text for _, text in seed_report(SEED_REPORT).paragraphs]
    pages = [t for t in truth if t["story"] == "w000"]
    assert pages[0]["kind"] == "wire" and len(pages) >= 3
    for p in pages:
        body = " ".join(article_texts(p))
        assert sum(text[:60] in body for text in paragraphs) >= 4


def test_same_topic_stories_stay_apart() -> None:
    net = Network(NetworkSpec(seed=1))
    by_key = defaultdict(list)
    for g in range(net.plan.n):
        slot = net.plan.slot(g)
        by_key[slot.topic_key].append((slot.sid, set(net.plan.carriers(g))))
    pairs = [v for v in by_key.values() if len(v) > 1]
    assert len(pairs) >= 4
    assert any(v[0][1] & v[1][1] for v in pairs), "no same-topic pair within one outlet"


def test_videos_and_teasers_repeat_across_stories(truth: list[dict]) -> None:
    stories = defaultdict(set)
    for t in truth:
        for b in t["blocks"]:
            if b["label"] == "boilerplate":
                stories[b["text"]].add(t["story"])
    videos = [s for text, s in stories.items() if text.endswith(("Reuters", "dpa", "AFP", "AP")) and "© Quelle:" in text]
    assert videos and max(len(s) for s in videos) >= 3
    assert any(text.startswith("+++") or "Liveblog" in text or "Ticker" in text for text in stories)


def test_server_serves_the_network(truth: list[dict]) -> None:
    slug = truth[0]["outlet"]
    with NetworkServer(COMMITTED) as server:
        port = server.port
        assert server.origin(slug) == f"http://{slug}.localhost:{port}"

        def get(path: str, host: str = f"{slug}.localhost:{port}") -> tuple[int, str, str]:
            req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
            try:
                with NO_PROXY.open(req, timeout=5) as resp:
                    return resp.status, resp.headers["Content-Type"], resp.read().decode("utf-8")
            except urllib.error.HTTPError as err:
                return err.code, "", ""

        origin = server.origin(slug)
        status, kind, robots = get("/robots.txt")
        assert (status, kind) == (200, "text/plain; charset=utf-8")
        assert f"Sitemap: {origin}/sitemap.xml" in robots
        disallowed = re.search(r"^Disallow: (\S+)$", robots, re.MULTILINE).group(1)
        assert get(disallowed)[0] == 200
        status, kind, sitemap = get("/sitemap.xml")
        assert (status, kind) == (200, "application/xml") and "<lastmod>" in sitemap
        locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
        paths = {t["path"] for t in truth if t["outlet"] == slug}
        assert locs and {loc.removeprefix(origin) for loc in locs} == paths
        status, kind, feed = get("/feed.xml")
        assert (status, kind) == (200, "application/rss+xml") and f"<link>{origin}/" in feed
        status, kind, home = get("/")
        assert (status, kind) == (200, "text/html; charset=utf-8") and "__ORIGIN__" not in home
        assert get(min(paths))[0] == 200
        assert get("/missing.html")[0] == 404
        assert get("/robots.txt", f"nosuchoutlet.localhost:{port}")[0] == 404
        assert get("/../../network.json")[0] == 404
        assert get("/%2e%2e/%2e%2e/truth.jsonl")[0] == 404


def raw_get(port: int, host: str, path: str) -> tuple[int, dict[str, str], bytes]:
    """One request without following redirects: status, headers, body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_hostile_server_adds_broken_pages_and_mis_encodes_articles(truth: list[dict]) -> None:
    routes = hostile_routes(COMMITTED)
    articles = {(t["outlet"], t["path"]) for t in truth}
    mis_served = [key for key in routes if key[0] != HOSTILE_SLUG]
    assert len(mis_served) == len(VARIANTS) and set(mis_served) <= articles
    with NetworkServer(COMMITTED, hostile=True) as server:
        port, host = server.port, f"{HOSTILE_SLUG}.localhost:{server.port}"
        status, headers, sitemap = raw_get(port, host, "/sitemap.xml")
        assert status == 200 and b"__PORT__" not in sitemap and b"__ORIGIN__" not in sitemap
        assert f"http://{mis_served[0][0]}.localhost:{port}{mis_served[0][1]}?utm_campaign=kaputt".encode() in sitemap
        assert raw_get(port, host, "/kaputt/schleife-a.html")[1]["Location"] == "/kaputt/schleife-b.html"
        assert raw_get(port, host, "/kaputt/fehler.html")[0] == 500
        assert raw_get(port, host, "/kaputt/fehlt.html")[0] == 404
        assert raw_get(port, host, "/kaputt/leer.html")[2] == b""
        assert raw_get(port, host, "/kaputt/dokument.html")[2].startswith(b"%PDF")
        slug, path = mis_served[0]  # the first variant: Windows-1252 bytes declared UTF-8
        status, headers, body = raw_get(port, f"{slug}.localhost:{port}", path)
        original = page_html(COMMITTED, {"outlet": slug, "path": path}).replace("__ORIGIN__", f"http://{slug}.localhost:{port}")
        assert headers["Content-Type"] == "text/html; charset=utf-8" and body == original.encode("cp1252")
    with NetworkServer(COMMITTED) as plain:
        assert raw_get(plain.port, f"{HOSTILE_SLUG}.localhost:{plain.port}", "/")[0] == 404
        assert raw_get(plain.port, f"{slug}.localhost:{plain.port}", path)[2] == original.replace(
            f":{port}", f":{plain.port}").encode()


def test_pages_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "crawl" / "pages.jsonl"
    count = write_pages_jsonl(NetworkSpec(seed=3, pages=60), out, port=8765)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    truth = read_truth(out.parent)
    assert count == len(lines) == len(truth) and 40 <= count <= 90
    for page, t in zip(lines, truth):
        assert page["url"] == f"http://{t['outlet']}.localhost:8765{t['path']}"
        assert page["outlet"] == f"{t['outlet']}.localhost" and page["status"] == 200
        assert page["encoding"] == "utf-8" and page["fetched_at"].endswith("+00:00")
        assert "__ORIGIN__" not in page["html"] and block_texts(page["html"]) == [b["text"] for b in t["blocks"]]


def test_large_spec_scales() -> None:
    s = sizes(NetworkSpec(pages=100_000))
    assert s.outlets == 40
    wire_pages = s.wire * 5
    assert 0.55 < wire_pages / (wire_pages + s.local) < 0.65
    assert 90_000 < wire_pages + s.local < 110_000


@pytest.mark.parametrize("kwargs", [{"pages": 5}, {"pages": -1}, {"outlets": 2}, {"seed": -1}, {"seed": "1"}])
def test_spec_validation(kwargs: dict) -> None:
    with pytest.raises((ValueError, TypeError), match="NetworkSpec"):
        NetworkSpec(**kwargs)


def test_spec_is_frozen_and_keyword_only() -> None:
    with pytest.raises(TypeError):
        NetworkSpec(1)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        NetworkSpec().seed = 2  # type: ignore[misc]


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        generate_main(["--help"])
    assert exc.value.code == 0 and "example:" in capsys.readouterr().out
    assert generate_main(["--seed", "4", "--out", str(tmp_path / "net"), "--quiet"]) == 0
    assert (tmp_path / "net" / "network.json").is_file() and capsys.readouterr().err == ""
    with pytest.raises(SystemExit):
        generate_main(["--pages", "3", "--out", str(tmp_path / "x")])
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "keep.txt").write_text("x")
    assert generate_main(["--out", str(tmp_path / "busy"), "--quiet"]) == 1
