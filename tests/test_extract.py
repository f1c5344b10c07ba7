"""wiredup extract: the library call and the command, on pages these tests generate."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from dedup.cli import main
from dedup.extract import ExtractOptions, PageInput, extract_corpus, extract_page
from dedup.extract_cli import EXIT_SKIPPED, extract_main

WORDS = "Stadt plant Umbau alten Bahnhofs neue Mittel Rat Schule Brücke Markt Wasser Strom Verkehr Polizei".split()


def paragraph(seed: int, words: int = 40) -> str:
    """A deterministic prose paragraph whose words differ from seed to seed."""
    r = random.Random(seed)
    body = " ".join(f"{r.choice(WORDS)}{r.randrange(1000)}" if i % 2 else r.choice(("die", "und", "der", "mit")) for i in range(words))
    return body[0].upper() + body[1:] + "."


def page(seed: int, site: str = "example.org", extra: str = "") -> str:
    """A news page: navigation, article with prose and an in-body promo, share bar, footer."""
    prose = [f"<p>{paragraph(seed * 10 + k)}</p>" for k in range(4)]
    return f"""<!doctype html><html><head><title>Artikel {seed}</title>
<link rel="canonical" href="https://{site}/artikel/{seed}.html"></head><body>
<nav><ul><li><a href="/">Start</a></li><li><a href="/politik">Politik</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Schlagzeile Nummer {seed}</h1>{"".join(prose[:2])}<p>Jetzt unseren Newsletter abonnieren</p>
{"".join(prose[2:])}{extra}
<div class="share-bar"><a href="#">Teilen auf Facebook</a> <a href="#">Twitter</a></div></article>
<footer><p>Impressum · Datenschutz · Kontakt</p></footer></body></html>"""


def test_single_page_keeps_prose_and_drops_furniture() -> None:
    result = extract_page(page(1), "p1", ExtractOptions(engine="lxml"))
    assert result.title == "Schlagzeile Nummer 1"
    for k in range(4):
        assert paragraph(10 + k) in result.text
    assert "Politik" not in result.text and "Impressum" not in result.text and "Twitter" not in result.text
    assert all(r.reason for r in result.removed)


@pytest.mark.parametrize("engine", ["lxml", "auto"])
def test_corpus_learns_in_body_boilerplate(engine: str) -> None:
    pages = [PageInput(f"p{i}", f"site{i % 3}.example", page(i, f"site{i % 3}.example")) for i in range(6)]
    results = extract_corpus(pages, ExtractOptions(engine=engine))
    assert [r.source for r in results] == [p.source for p in pages]
    for i, result in enumerate(results):
        assert "Newsletter" not in result.text
        assert paragraph(i * 10) in result.text
        assert any("rule" in r.reason for r in result.removed if "Newsletter" in r.text)


def test_no_learning_keeps_what_the_page_alone_keeps() -> None:
    pages = [PageInput(f"p{i}", f"s{i}", page(i)) for i in range(4)]
    results = extract_corpus(pages, ExtractOptions(engine="lxml", learn=False))
    assert all("Newsletter" in r.text for r in results)


def test_empty_and_textless_pages_give_empty_text() -> None:
    for html in ["", "   ", "<html></html>", "<html><body><nav><a href='/'>Start</a></nav></body></html>", b"\xff\xfe<\x00"]:
        result = extract_page(html, options=ExtractOptions(engine="lxml"))
        assert result.text == "" or isinstance(result.text, str)


def test_bad_engine_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as done:
        main(["extract", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--engine", "nope"])
    assert done.value.code == 2


def write_inputs(root: Path) -> list[str]:
    """Every kind of input, good and bad; returns the paths in the order given to the command."""
    folder = root / "site"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.html").write_text(page(i), encoding="utf-8")
    (folder / "b.html.gz").write_bytes(gzip.compress(page(7).encode("cp1252", "replace")))
    (root / "empty.html").write_bytes(b"")
    (root / "binary.html").write_bytes(bytes(range(256)) * 4)
    (root / "bad.html.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    (root / "nothing").mkdir()
    rows = [{"url": f"https://news.example/{i}", "html": page(20 + i, "news.example")} for i in range(2)]
    lines = [json.dumps(r) for r in rows] + ['{"url": "https://news.example/x", "ht']
    (root / "pages.jsonl").write_text("\n".join(lines), encoding="utf-8")
    return [str(folder), str(root / "empty.html"), str(root / "binary.html"), str(root / "bad.html.gz"),
            str(root / "nothing"), str(root / "pages.jsonl"), str(root / "missing.html")]


def test_command_writes_one_line_per_page_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = write_inputs(tmp_path)
    out = tmp_path / "out.jsonl"
    assert extract_main([*inputs, "-o", str(out), "--explain", "--engine", "lxml"]) == EXIT_SKIPPED
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    sources = [r["source"] for r in rows]
    assert sources[:4] == [str(tmp_path / "site" / n) for n in ("a0.html", "a1.html", "a2.html", "b.html.gz")]
    assert sources[8:10] == ["https://news.example/0", "https://news.example/1"]
    errors = {Path(r["source"]).name.split(":")[0]: r["error"] for r in rows if "error" in r}
    assert errors["empty.html"] == "empty file"
    assert "binary" in errors["binary.html"]
    assert "cannot read" in errors["bad.html.gz"]
    assert "no .html" in errors["nothing"]
    assert "truncated" in errors["pages.jsonl"]
    assert "no such file" in errors["missing.html"]
    good = [r for r in rows if "error" not in r]
    assert len(good) == 6 and all(r["text"] and r["title"] and "removed" in r for r in good)
    assert paragraph(70) in good[3]["text"]
    assert "\n\n" in good[0]["text"]
    assert "6 pages extracted" in capsys.readouterr().err


def test_command_without_explain_and_unwritable_output(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(page(1), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(tmp_path / "a.html"), "-o", str(out), "-q"]) == 0
    row = json.loads(out.read_text(encoding="utf-8"))
    assert set(row) == {"source", "title", "text"}
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert extract_main([str(tmp_path / "a.html"), "-o", str(blocker / "o.jsonl"), "-q"]) == 2


def test_every_extract_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("extract", "bench-extract"):
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        assert "Example:" in capsys.readouterr().out
