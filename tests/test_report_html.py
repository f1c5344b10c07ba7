"""The HTML report on the embedded network's outputs: charts, syndication matrix, story pages
with versions and struck-through removals labelled with their rules, rule pages with examples and
a keep line that does keep, and page text that stays text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest

from conftest import SEEDS_NETWORK, EmbeddedCrawls, read_lines
from dedup.htmlreport import site
from dedup.pipeline import run_dedup
from dedup.report import render_html
from dedup.rules import parse_rule

SCRIPT = "<script>alert('wiredup')</script>"
WORDS = ["Hafen", "Brücke", "Schule", "Bahn", "Regen", "Wahl", "Markt", "Feuer", "Wald", "Streik"]


@pytest.fixture(scope="module")
def out(embedded_crawls: EmbeddedCrawls) -> Path:
    if not (SEEDS_NETWORK / "network.json").is_file():
        pytest.skip("seeds/network not generated yet (wiredup generate --out seeds/network)")
    return embedded_crawls.of(SEEDS_NETWORK).out_dir


def _html(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _version_blocks(details: lxml.html.HtmlElement) -> list[tuple[str, str, str]]:
    """(class, text, rule label) of each block paragraph of a version, in order."""
    rows = []
    for p in details.xpath(".//div[@class='blocks']/p"):
        struck = p.xpath("./s")
        tag = p.xpath("./*[contains(concat(' ', @class, ' '), ' t ')]")
        text = _text(struck[0]) if struck else (p.text or "").strip()
        rows.append((p.get("class"), " ".join(text.split()), _text(tag[0]) if tag else ""))
    return rows


def test_overview_charts_show_the_figures_of_report_json(out: Path) -> None:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    page = _html(out / "report.html")
    figures = {_text(f.xpath("./figcaption")[0]): f for f in page.xpath("//figure")}
    assert set(figures) == {"Pages by outlet", "Stories by outlet", "Characters by outlet", "Characters removed by rule kind"}
    bars = figures["Pages by outlet"].xpath(".//svg//g")
    assert len(bars) == len(report["outlets"])
    widths = {g.xpath("./title")[0].text.split(":")[0]: float(g.xpath("./rect")[0].get("width")) for g in bars}
    pages = {o["outlet"]: o["pages"] for o in report["outlets"]}
    assert widths.keys() == pages.keys()
    most = max(pages, key=pages.__getitem__)
    for outlet, width in widths.items():  # bars in proportion to the pages
        assert width == pytest.approx(widths[most] * pages[outlet] / pages[most], abs=0.15)
    removed = figures["Characters by outlet"].xpath(".//svg//g/title/text()")
    for outlet in report["outlets"]:
        assert f"{outlet['outlet']}: kept {outlet['chars_in'] - outlet['chars_removed']:,}, removed {outlet['chars_removed']:,}" in removed
    kinds = figures["Characters removed by rule kind"].xpath(".//svg//g/title/text()")
    total = sum(int(t.rsplit(" ", 1)[1].replace(",", "")) for t in kinds)
    assert total == report["totals"]["chars_removed"]  # all rules, not only the listed ones


def test_syndication_matrix_marks_who_carried_each_story(out: Path) -> None:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    matrix = _html(out / "report.html").xpath("//table[@class='matrix']")[0]
    outlets = [th.get("title") for th in matrix.xpath(".//th[@class='o']")]
    syndicated = [s for s in report["stories"] if s["outlets"] > 1]
    rows = matrix.xpath("./tbody/tr")
    assert len(rows) == min(len(syndicated), 30) > 0
    for story, row in zip(syndicated, rows):
        assert story["title"][:20] in _text(row.xpath("./td")[0])
        cells = row.xpath("./td")[2:]
        carried = {outlet for outlet, cell in zip(outlets, cells) if cell.text}
        assert carried == {u["outlet"] for u in story["urls"]}
        canonical = next(u["outlet"] for u in story["urls"] if u["canonical"])
        assert [o for o, c in zip(outlets, cells) if c.get("class") == "c"] == [canonical]
        link = row.xpath("./td[1]/a/@href")[0]
        assert (out / link).is_file()


def test_story_page_shows_every_version_with_removals_in_place(out: Path) -> None:
    story = read_lines(out / "stories.jsonl")[0]
    cleaned = {line["url"]: line for line in read_lines(out / "cleaned.jsonl")}
    rules = (out / "rules.tsv").read_text(encoding="utf-8").splitlines()
    page = _html(out / "report" / "stories" / f"{story['id']}.html")
    versions = page.xpath("//details[starts-with(@id, 'v')]")
    assert len(versions) == len(story["versions"]) > 2
    for version, details in zip(story["versions"], versions):
        head = _text(details.xpath("./summary")[0])
        assert version["outlet"] in head and version["fetched_at"] in head and f"similarity {version['similarity']:.2f}" in head
        assert ("canonical" in head) == version["canonical"]
        assert details.xpath(f".//a[@href={json.dumps(version['url'])}]")
        blocks = _version_blocks(details)
        page_line = cleaned[version["url"]]
        removed = [(text, label) for cls, text, label in blocks if cls == "r"]
        assert [t for t, _ in removed] == [r["text"] for r in page_line["removed"]]  # every removed block, in page order
        for (_, label), gone in zip(removed, page_line["removed"]):
            kind = rules[gone["rule"] - 1].split("\t")[0]
            assert label == f"rules.tsv:{gone['rule']} {kind}"
        assert [t for c, t, _ in blocks if c == "a"] == version["added"]
        assert [t for c, t, _ in blocks if c == "m"] == version["missing"]
        if version["canonical"]:  # every kept block, in order
            assert [t for c, t, _ in blocks if c == "s"] == page_line["kept"]
            assert story["text"] == "\n\n".join(page_line["kept"])
    assert page.xpath("//p[@class='r']/a[starts-with(@href, '../rules/')]")  # labels link to rule pages
    for href in set(page.xpath("//p[@class='r']/a/@href")):
        assert (out / "report" / "stories" / href).resolve().is_file()


def _rule_page(out: Path, kind: str) -> tuple[int, lxml.html.HtmlElement]:
    index = _html(out / "report" / "rules.html")
    for row in index.xpath("//tbody/tr"):
        cells = row.xpath("./td")
        if cells[1].text == kind:
            line = int(_text(cells[0]))
            return line, _html(out / "report" / "rules" / f"{line}.html")
    raise AssertionError(f"no {kind} rule page")


@pytest.mark.parametrize("kind", ["text", "prefix"])
def test_rule_page_gives_its_line_examples_in_context_and_keep_lines_that_keep(out: Path, kind: str, tmp_path: Path) -> None:
    line, page = _rule_page(out, kind)
    rules = (out / "rules.tsv").read_text(encoding="utf-8").splitlines()
    assert page.xpath("//pre")[0].text == rules[line - 1]
    removed_here = {r["text"] for c in read_lines(out / "cleaned.jsonl") for r in c["removed"] if r["rule"] == line}
    examples = page.xpath("//section[@class='card']")
    assert examples
    for example in examples:
        here = example.xpath(".//p[contains(@class, 'here')]")[0]
        assert _text(here.xpath("./s")[0]) in removed_here
        assert _text(here.xpath("./*[@class='t']")[0]) == f"rules.tsv:{line} {kind}"
        assert len(example.xpath(".//div[@class='blocks']/p")) > 1  # with blocks of its page around it
    keep_lines = page.xpath("//pre[@class='keep']")[0].text.split("\n")
    keeps = [parse_rule(k) for k in keep_lines]
    assert {k.kind for k in keeps} == {"keep"}
    if kind == "text":
        assert len(keeps) == 1
    (tmp_path / "keep.tsv").write_text("\n".join(keep_lines) + "\n", encoding="utf-8")
    run_dedup(out / "pages.jsonl", tmp_path / "again", rules_path=tmp_path / "keep.tsv")
    kept = {t for c in read_lines(tmp_path / "again" / "cleaned.jsonl") for t in c["kept"]}
    still_removed = {r["text"] for c in read_lines(tmp_path / "again" / "cleaned.jsonl") for r in c["removed"]}
    shown = {_text(e.xpath(".//p[contains(@class, 'here')]/s")[0]) for e in examples}
    assert shown <= kept and not shown & still_removed


def test_indexes_list_the_pages_in_the_folder(out: Path) -> None:
    stories = _html(out / "report" / "stories.html").xpath("//tbody/tr//a/@href")
    assert sorted(stories) == sorted(f"stories/{p.name}" for p in (out / "report" / "stories").iterdir())
    rules = set(_html(out / "report" / "rules.html").xpath("//tbody/tr/td[1]/a/@href"))
    assert rules == {f"rules/{p.name}" for p in (out / "report" / "rules").iterdir()}


def _hostile_pages(path: Path) -> None:
    """Three outlets with hostile names, each carrying four stories that share a hostile boilerplate line."""
    lines = []
    for o in range(3):
        for s in range(4):
            body = (f"<html><head><title>{SCRIPT} Meldung {s}</title></head><body><article><h1>{SCRIPT} Meldung {s}</h1>"
                    "<p>&lt;script&gt;alert('wiredup')&lt;/script&gt; Werbung &lt;b&gt;fett&lt;/b&gt;</p>"
                    + "".join(f"<p>{WORDS[s]} {WORDS[k + 4]} über das Thema {WORDS[s]} mit vielen Wörtern, die nur diese Meldung trägt.</p>"
                              for k in range(6))
                    + "</article></body></html>")
            lines.append(json.dumps({"url": f'http://o{o}.localhost/{s}"><script>alert(1)</script>.html',
                                     "outlet": f"<img src=x onerror=alert({o})>", "fetched_at": "2026-12-01T10:00:00+00:00", "html": body}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_page_derived_strings_stay_text_in_every_page(tmp_path: Path) -> None:
    _hostile_pages(tmp_path / "pages.jsonl")
    run_dedup(tmp_path / "pages.jsonl", tmp_path / "out")
    files = [tmp_path / "out" / "report.html", *sorted((tmp_path / "out" / "report").rglob("*.html"))]
    rule_pages = list((tmp_path / "out" / "report" / "rules").iterdir())
    assert rule_pages and list((tmp_path / "out" / "report" / "stories").iterdir())
    for path in files:
        html = path.read_text(encoding="utf-8")
        own_script = html.count("<script>\n(function(){var q=")  # the index pages' filter
        assert html.lower().count("<script") == own_script, path
        assert "<img" not in html and "<b>" not in html, path
        assert not re.search(r'href="(?!https?:)[a-zA-Z][\w+.-]*:', html), path  # no javascript: or data: link
    assert any("&lt;script&gt;alert(&#x27;wiredup&#x27;)&lt;/script&gt; Werbung" in p.read_text(encoding="utf-8") for p in rule_pages)


def test_rate_limited_sites_get_a_section_when_there_are_any() -> None:
    report = {"totals": {"pages": 0, "stories": 0, "syndicated_stories": 0, "versions": 0, "fragment_rules": 0, "chars_in": 0,
                         "chars_removed": 0, "skipped_lines": 0},
              "stories": [], "rules": [], "outlets": [], "skipped": []}
    assert "limited the rate" not in render_html(report)
    assert "limited the rate" not in render_html(report | {"rate_limited": []})
    page = render_html(report | {"rate_limited": [{"site": f"x.localhost{SCRIPT}", "responses": 17, "waited_s": 42.5, "paused": True,
                                                   "given_up": False}]})
    section = page.split("limited the rate", 1)[1]
    assert "x.localhost&lt;script&gt;" in section and "<script" not in page
    assert [_text(td) for td in lxml.html.fromstring(section.split("</table>")[0] + "</table>").xpath("//td")][1:] == ["17", "42.50", "yes", "no"]


def test_a_new_run_replaces_the_folder_and_pages_stop_at_the_limits(out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site, "STORY_PAGES", 3)
    monkeypatch.setattr(site, "RULE_PAGES", 5)
    folder = tmp_path / "out" / "report"
    folder.mkdir(parents=True)
    (folder / "stale.html").write_text("from an earlier run", encoding="utf-8")
    run_dedup(out / "pages.jsonl", tmp_path / "out")
    assert not (folder / "stale.html").exists()
    assert len(list((folder / "stories").iterdir())) == 3 and len(list((folder / "rules").iterdir())) == 5
    top = [s["id"] for s in read_lines(tmp_path / "out" / "stories.jsonl")[:3]]
    assert sorted(p.stem for p in (folder / "stories").iterdir()) == sorted(top)
    overview = _html(tmp_path / "out" / "report.html")
    for href in overview.xpath("//a/@href"):
        if href.startswith("report/"):
            assert (tmp_path / "out" / href).is_file(), href  # links only to pages that exist


def test_warc_input_gets_a_section_with_its_files_counts_and_events() -> None:
    report = {"totals": {"pages": 0, "stories": 0, "syndicated_stories": 0, "versions": 0, "fragment_rules": 0, "chars_in": 0,
                         "chars_removed": 0, "skipped_lines": 0},
              "stories": [], "rules": [], "outlets": [], "skipped": []}
    assert "WARC input" not in render_html(report)
    page = render_html(report | {"warc": {"files": [f"a{SCRIPT}.warc.gz", "b.warc"], "records": 12, "counts": {"skipped/revisit": 1},
                                          "events": [{"event": "skipped", "reason": "revisit", "url": f"http://x.localhost/{SCRIPT}",
                                                      "detail": "<b>same</b>", "record": 7}]}})
    section = page.split("WARC input", 1)[1]
    assert section.startswith(": 12 records in 2 files") and "a&lt;script&gt;" in section and "skipped/revisit" in section
    assert "<script" not in page and "<b>" not in page
