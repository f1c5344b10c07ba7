"""Pages a sitemap or feed lists: articles told by their prose when markup says nothing, and every
listed URL accounted for, in pages.jsonl or crawl.jsonl."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from conftest import SEEDS_NETWORK, EmbeddedCrawls, assert_clean_crawl, crawl, read_lines, url_key
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from scrapy.http import XmlResponse
from test_crawler import SITE, html, make_spider, run_parse, stat

from dedup.articlelike import MIN_CHARS, MIN_SENTENCES, MIN_WORDS, Prose, prose_of
from dedup.blocks import parse_html
from dedup.evaluate import evaluate

# --- the article-likeness rule ------------------------------------------------------------------

WORDS = st.text("abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=10)
SENTENCES = st.builds(
    lambda words, end, closer: " ".join(words) + end + closer,
    st.lists(WORDS, min_size=MIN_WORDS, max_size=14), st.sampled_from([".", "!", "?", "…", "?!"]),
    st.sampled_from(["", "“", "»", '"', ")"]),
)
PARAGRAPHS = st.lists(SENTENCES, min_size=1, max_size=4)
#: Text that is no prose sentence: too few words, or no sentence end.
FRAGMENTS = st.one_of(
    st.lists(WORDS, min_size=1, max_size=MIN_WORDS - 1).map(lambda words: " ".join(words) + "."),
    st.lists(WORDS, min_size=1, max_size=12).map(" ".join),
)
#: Places where sentences are never prose: links, dialogs, scripts.
HIDDEN = st.sampled_from([
    '<ul><li><a href="/x">{}</a></li></ul>', '<div role="dialog"><p>{}</p></div>', "<dialog><p>{}</p></dialog>",
    "<script>var s = '{}';</script>", "<p><a href='/y'>{}</a></p>", '<noscript><a href="/z">{}</a></noscript>',
])


def page(body: str) -> Prose:
    root = parse_html(f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>")
    assert root is not None
    return prose_of(root)


def render(paragraphs: list[list[str]], style: str) -> str:
    """The article text in one container: paragraphs as `<p>`, each in a wrapper, or `<br>`-separated."""
    texts = [" ".join(sentences) for sentences in paragraphs]
    if style == "br":
        return '<div class="text">' + "<br><br>".join(texts) + "</div>"
    wrap = "<div class='para'><p>{}</p></div>" if style == "wrapped" else "<p>{}</p>"
    return '<div class="text">' + "".join(wrap.format(t) for t in texts) + "</div>"


@settings(max_examples=200, deadline=None)
@given(
    paragraphs=st.lists(PARAGRAPHS, min_size=1, max_size=12),
    style=st.sampled_from(["p", "wrapped", "br"]),
    chrome=st.lists(st.tuples(HIDDEN, st.one_of(SENTENCES, FRAGMENTS)), max_size=8),
    fragments=st.lists(FRAGMENTS, max_size=5),
)
def test_prose_counts_every_sentence_of_the_text_whatever_its_markup(
    paragraphs: list[list[str]], style: str, chrome: list[tuple[str, str]], fragments: list[str]
) -> None:
    """Sentences in links, dialogs and scripts, and short or unfinished lines, never count."""
    sentences = [s for p in paragraphs for s in p]
    around = "".join(template.format(text) for template, text in chrome)
    short = "".join(f"<h2>{f}</h2>" for f in fragments)
    body = render(paragraphs, style)
    prose = page(f"<header>{around}</header><h2 class='headline'>Titel</h2>{short}{body}<footer>{around}</footer>")
    assert prose == Prose(len(sentences), sum(map(len, sentences)))
    assert prose.article_like == (len(sentences) >= MIN_SENTENCES and prose.chars >= MIN_CHARS)


@settings(max_examples=100, deadline=None)
@given(chrome=st.lists(st.tuples(HIDDEN, st.lists(SENTENCES, min_size=1, max_size=8).map(" ".join)), max_size=20))
def test_text_in_links_dialogs_and_scripts_is_never_prose(chrome: list[tuple[str, str]]) -> None:
    assert page("".join(template.format(text) for template, text in chrome)) == Prose(0, 0)


@settings(max_examples=100, deadline=None)
@given(
    teasers=st.lists(st.tuples(SENTENCES, st.lists(SENTENCES, max_size=MIN_SENTENCES - 1)), max_size=40),
    item=st.sampled_from(["<li><h3><a href='/a'>{}</a></h3><p>{}</p></li>", "<li><a href='/a'>{}</a><p>{}</p></li>",
                          "<article><a href='/a'><h2>{}</h2></a><div>{}</div></article>"]),
)
def test_a_list_of_teasers_is_no_article_however_long(teasers: list[tuple[str, list[str]]], item: str) -> None:
    """Each teaser holds its headline and summary; no summary of under MIN_SENTENCES makes an article."""
    prose = page("<ul>" + "".join(item.format(headline, " ".join(summary)) for headline, summary in teasers) + "</ul>")
    assert prose.sentences < MIN_SENTENCES and not prose.article_like


# --- the spider: listed pages judged by their prose, and judged again once listed ---------------

PROSE = " ".join(f"Der Rat der Stadt beriet am Abend lange über den Haushalt des Jahres {y}." for y in range(2020, 2028))
OLD_CMS = (
    "<html><head><title>Haushalt | Kurier</title></head>"
    f"<body><h2 class='headline'>Haushalt</h2><div class='text'>{PROSE}</div></body></html>"
)
SECTION = "<html><body><h2>Politik</h2><ul><li><a href='/a.html'>Haushalt beschlossen</a></li></ul></body></html>"


def test_listed_page_without_markup_is_an_article_by_its_prose() -> None:
    spider = make_spider()
    [item], _ = run_parse(spider, html(SITE + "/haushalt.html", OLD_CMS, listed=True))
    assert item.url == SITE + "/haushalt.html" and stat(spider, "articles") == 1


def test_listed_page_without_prose_is_skipped_with_its_figures(caplog: pytest.LogCaptureFixture) -> None:
    spider = make_spider()
    with caplog.at_level("INFO"):
        items, requests = run_parse(spider, html(SITE + "/politik/", SECTION, listed=True))
    assert items == [] and [r.url for r in requests] == [SITE + "/a.html"]  # still a listing to follow
    assert stat(spider, "skipped/not_article") == 1
    assert (f"skipped {SITE}/politik/ (not_article): no og:type article, <article> or <h1>; 0 prose sentences,"
            f" 0 characters in the largest container; an article needs {MIN_SENTENCES} and {MIN_CHARS}") in caplog.text


def sitemap(*urls: str) -> XmlResponse:
    locs = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode()
    return XmlResponse(url=SITE + "/sitemap.xml", body=body)


def test_page_judged_unlisted_is_fetched_again_once_listed() -> None:
    spider = make_spider()
    assert run_parse(spider, html(SITE + "/haushalt.html", OLD_CMS)) == ([], [])  # found by a link: a listing
    _, [again] = run_parse(spider, sitemap(SITE + "/haushalt.html"))
    _, [once] = run_parse(spider, sitemap(SITE + "/haushalt.html"))
    assert again.dont_filter and not once.dont_filter  # the dupe filter drops the second one


def test_page_fetched_unlisted_after_its_listing_is_judged_as_listed() -> None:
    spider = make_spider()
    run_parse(spider, sitemap(SITE + "/haushalt.html"))
    [item], _ = run_parse(spider, html(SITE + "/haushalt.html", OLD_CMS))  # its link came first
    assert item.url == SITE + "/haushalt.html"


# --- real crawls: an outlet without article markup, and every listed URL accounted for -----------

needs_seeds = pytest.mark.skipif(not (SEEDS_NETWORK / "network.json").is_file(), reason="seeds/network not generated")

OLD_MARKUP = (
    (re.compile(r'<meta property="(?:og|article):[^>]*>\n?'), ""),
    (re.compile(r"<h1\b[^>]*>"), '<h2 class="headline">'),
    (re.compile(r"</h1>"), "</h2>"),
    (re.compile(r"<(/?)article\b"), r"<\1div"),
)


def listed_keys(network_dir: Path) -> set[str]:
    """`<slug><path>` of every page an outlet's sitemaps and feeds list (URLs as `__ORIGIN__/path`)."""
    keys = set()
    for site in (network_dir / "sites").iterdir():
        for xml in site.rglob("*.xml"):
            root = etree.fromstring(xml.read_bytes())
            urls = [] if root.tag.endswith("sitemapindex") else [
                *root.xpath("//*[local-name()='url']/*[local-name()='loc']/text()"),
                *root.xpath("//item/link/text()"),
                *root.xpath("//*[local-name()='entry']/*[local-name()='link'][not(@rel) or @rel='alternate']/@href"),
            ]
            keys |= {site.name + url.strip().removeprefix("__ORIGIN__") for url in urls}
    return keys


@pytest.fixture(scope="module")
def old_cms(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, set[str]]:
    """The embedded network with its first outlet rewritten as an older CMS: no `og:` tags, no
    `<article>`, the headline an `<h2 class="headline">`; its sitemap also lists its home and
    section pages. The folder, the outlet and the listed pages that are no articles."""
    network = tmp_path_factory.mktemp("old-cms")
    shutil.copytree(SEEDS_NETWORK / "sites", network / "sites")
    for name in ("network.json", "truth.jsonl"):
        shutil.copy(SEEDS_NETWORK / name, network / name)
    outlet = json.loads((network / "network.json").read_text(encoding="utf-8"))["outlets"][0]
    slug, site = outlet["slug"], network / "sites" / outlet["slug"]
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern, replacement in OLD_MARKUP:
            text = pattern.sub(replacement, text)
        path.write_text(text, encoding="utf-8")
    listings = ["/", *(f"/{section}/" for section in outlet["sections"])]
    urlset = (site / "sitemap.xml").read_text(encoding="utf-8")
    extra = "".join(f"<url><loc>__ORIGIN__{path}</loc></url>\n" for path in listings)
    (site / "sitemap.xml").write_text(urlset.replace("</urlset>", extra + "</urlset>"), encoding="utf-8")
    return network, slug, {slug + path for path in listings}


@pytest.fixture(scope="module")
def old_cms_crawl(
    old_cms: tuple[Path, str, set[str]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[subprocess.CompletedProcess[str], Path]:
    network, _, _ = old_cms
    out_dir = tmp_path_factory.mktemp("old-cms-crawl")
    return crawl(out_dir, "-s", f"WIREDUP_NETWORK_DIR={network}", "-s", "TELNETCONSOLE_ENABLED=0"), out_dir


@needs_seeds
def test_outlet_without_article_markup_loses_no_page(
    old_cms: tuple[Path, str, set[str]], old_cms_crawl: tuple[subprocess.CompletedProcess[str], Path]
) -> None:
    network, slug, _ = old_cms
    result, out_dir = old_cms_crawl
    pages = list((network / "sites" / slug).rglob("*.html"))
    assert pages and not any(re.search(r"<h1|<article|og:", p.read_text(encoding="utf-8")) for p in pages)
    assert_clean_crawl(result, network, out_dir)  # every article of truth.jsonl, the old outlet's too
    scores = evaluate(out_dir, network / "truth.jsonl")
    assert scores.pages_missing == 0 and scores.story_f1 >= 0.95 and scores.article_lost <= 0.01


@needs_seeds
def test_an_article_without_h1_is_titled_by_its_title_element(
    old_cms: tuple[Path, str, set[str]], old_cms_crawl: tuple[subprocess.CompletedProcess[str], Path]
) -> None:
    """Without `<h1>` and `og:title` a page's title is its `<title>`: the headline and the outlet's name."""
    network, slug, _ = old_cms
    _, out_dir = old_cms_crawl
    headlines = {}
    for line in read_lines(network / "truth.jsonl"):
        if line["outlet"] == slug:
            text = (network / "sites" / slug / line["path"].lstrip("/")).read_text(encoding="utf-8")
            headlines[slug + line["path"]] = unescape(re.search(r'<h2 class="headline">(.*?)</h2>', text)[1])
    rows = read_lines(out_dir / "cleaned.jsonl")
    titles = {url_key(row["url"]): row["title"] for row in rows if url_key(row["url"]) in headlines}
    assert titles.keys() == headlines.keys()
    assert all(titles[key].startswith(headline) for key, headline in headlines.items())


@needs_seeds
def test_listed_pages_that_are_no_articles_are_reported_with_their_figures(
    old_cms: tuple[Path, str, set[str]], old_cms_crawl: tuple[subprocess.CompletedProcess[str], Path]
) -> None:
    _, _, listings = old_cms
    _, out_dir = old_cms_crawl
    events = [e for e in read_lines(out_dir / "crawl.jsonl") if e["reason"] == "not_article"]
    assert {url_key(e["url"]) for e in events} == listings
    figures = re.compile(r"<h1>; \d+ prose sentences, [\d,]+ characters in the largest container; an article needs")
    assert all(figures.search(e["detail"]) for e in events)
    report = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))
    assert report["crawl"]["counts"]["skipped/not_article"] == len(listings)
    assert "not_article" in (out_dir / "report.html").read_text(encoding="utf-8")


def accounted(out_dir: Path) -> tuple[set[str], set[str]]:
    """`<slug><path>` of the pages in pages.jsonl, and of the URLs crawl.jsonl says were skipped."""
    pages = {url_key(line["url"]) for line in read_lines(out_dir / "pages.jsonl")}
    skipped = {url_key(e["url"]) for e in read_lines(out_dir / "crawl.jsonl") if e["event"] == "skipped"}
    return pages, skipped


@needs_seeds
@pytest.mark.parametrize("network", ["embedded", "old_cms"])
def test_every_listed_url_is_a_page_or_a_skip_with_its_reason(
    network: str, embedded_crawls: EmbeddedCrawls, request: pytest.FixtureRequest
) -> None:
    if network == "embedded":
        network_dir, out_dir = SEEDS_NETWORK, embedded_crawls.of(SEEDS_NETWORK).out_dir
    else:
        network_dir, out_dir = request.getfixturevalue("old_cms")[0], request.getfixturevalue("old_cms_crawl")[1]
    listed = listed_keys(network_dir)
    pages, skipped = accounted(out_dir)
    assert listed - pages - skipped == set()
    assert listed & pages & skipped == set()
