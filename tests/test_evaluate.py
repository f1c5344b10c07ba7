"""The scoring functions against hand-computed figures."""

from __future__ import annotations

import pytest

from dedup.evaluate import pair_scores, page_key


def test_pair_scores_perfect_and_merged() -> None:
    assert pair_scores(["a", "a", "b"], ["x", "x", "y"]) == (1.0, 1.0, 1.0, 1.0)
    precision, recall, f1, ari = pair_scores(["a", "a", "a"], ["x", "x", "y"])
    assert precision == pytest.approx(1 / 3) and recall == 1.0 and f1 == pytest.approx(0.5)
    assert ari == pytest.approx(0.0)


def test_pair_scores_split() -> None:
    precision, recall, f1, _ = pair_scores(["a", "b", "c", "c"], ["x", "x", "x", "x"])
    assert precision == 1.0 and recall == pytest.approx(1 / 6) and f1 == pytest.approx(2 / 7)


def test_page_key_ignores_port_and_domain() -> None:
    assert page_key("http://rheinpost.localhost:8123/politik/a.html") == "rheinpost/politik/a.html"


# A hand-made run: two stories, a teaser line, a caption and a background paragraph both share.
import json  # noqa: E402
from pathlib import Path  # noqa: E402

from dedup.evaluate import boilerplate_strings, evaluate, openings_kept  # noqa: E402

BACKGROUND = "Der Streit um den Ausbau der Strecke schwelt seit Jahren und hat den Rat mehrfach beschäftigt."
A1 = "Der Rat hat am Montag den Ausbau der Strecke zwischen den beiden Orten endgültig beschlossen."
B1 = "Die Bauarbeiten an der Strecke sollen nach Angaben der Stadt im kommenden Frühjahr beginnen."
TEASER = "Lesen Sie auch: Neue Brücke für die Stadt"
CAPTION = "Video: Bagger rollen an der Strecke an (Quelle: dpa)"


def _truth_pages() -> list[dict]:
    def page(path: str, story: str, first: str, *extra: dict) -> dict:
        return {"outlet": "post", "path": path, "story": story, "kind": "local", "title": first[:20],
                "blocks": [{"text": "Menü", "label": "boilerplate", "kind": "nav"},
                           {"text": first[:20], "label": "title"},
                           {"text": first, "label": "article"},
                           {"text": BACKGROUND, "label": "article", "shared": True}, *extra]}

    return [page("/a.html", "l000", A1, {"text": TEASER, "label": "boilerplate", "kind": "teaser_line"}),
            page("/b.html", "l001", B1, {"text": CAPTION, "label": "boilerplate", "kind": "caption"})]


def _write_run(tmp: Path, kept_a: list[str], kept_b: list[str]) -> tuple[Path, Path]:
    pages = _truth_pages()
    truth = tmp / "truth.jsonl"
    truth.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
    out = tmp / "out"
    out.mkdir()
    rows = [("http://post.localhost/a.html", "s1", kept_a), ("http://post.localhost/b.html", "s2", kept_b)]
    (out / "cleaned.jsonl").write_text("".join(
        json.dumps({"url": u, "outlet": "post.localhost", "story": s, "title": "", "kept": k, "removed": []}) + "\n"
        for u, s, k in rows), encoding="utf-8")
    (out / "stories.jsonl").write_text("".join(
        json.dumps({"id": s, "title": "", "text": "\n\n".join(k), "outlets": ["post.localhost"],
                    "versions": [{"url": u, "outlet": "post.localhost", "canonical": True}]}) + "\n"
        for u, s, k in rows), encoding="utf-8")
    return out, truth


def test_clean_run_leaves_no_boilerplate_strings_and_keeps_background(tmp_path: Path) -> None:
    out, truth = _write_run(tmp_path, [A1, BACKGROUND], [B1, BACKGROUND])
    scores = evaluate(out, truth)
    assert scores.boilerplate_strings_left == 0
    assert scores.boilerplate_strings_total == 3  # nav, teaser line, caption
    assert scores.boilerplate_strings_by_kind == {}
    assert scores.background_shared == 2 and scores.background_removed == 0
    assert scores.background_removed_share == 0.0
    assert any(line.startswith("boilerplate strings left 0 of 3") for line in scores.lines())


def test_boilerplate_strings_in_canonical_texts_are_counted_by_kind(tmp_path: Path) -> None:
    out, truth = _write_run(tmp_path, [A1, TEASER, BACKGROUND, "Menü"], [B1, CAPTION])
    scores = evaluate(out, truth)
    assert scores.boilerplate_strings_left == 3
    assert scores.boilerplate_strings_by_kind == {"teaser_line": 1, "caption": 1, "nav": 1}
    assert scores.boilerplate_strings_examples["teaser_line"] == [TEASER]
    assert scores.background_removed == 1 and scores.background_removed_share == 0.5
    text = "\n".join(scores.lines())
    assert "teaser_line 1" in text and "1 of 2 page occurrences (50.00%)" in text
    assert scores.as_dict()["background_removed_share"] == 0.5


def test_boilerplate_string_must_be_a_whole_paragraph_and_never_article() -> None:
    pages = _truth_pages()
    assert boilerplate_strings([(f"{A1} {TEASER}", pages[0])], pages).left == 0  # inside a paragraph
    pages[0]["blocks"].append({"text": CAPTION, "label": "article"})  # the same text as article on the page
    left = boilerplate_strings([(f"{CAPTION}\n\n{TEASER}\n\n{A1[:20]}", pages[0])], pages)
    assert left.left == 1 and left.by_kind == {"teaser_line": 1} and left.total == 3  # the title is no string left
    assert boilerplate_strings([(CAPTION, pages[1])], pages).by_kind == {"caption": 1}  # judged by its own page


def test_openings_kept_takes_canonical_texts() -> None:
    pages = _truth_pages()
    assert openings_kept([f"{A1}\n\n{B1}\n\n{BACKGROUND}"], pages) == 1.0
    assert openings_kept([A1], pages) == pytest.approx(1 / 4)  # A1 of 4 (story, opening) pairs


def test_baseline_on_a_small_generated_network(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("trafilatura")
    pytest.importorskip("datasketch")
    from dedup.cli import main
    from dedup.pipeline import run_dedup
    from dedup.synth import NetworkSpec, write_pages_jsonl

    pages = tmp_path / "net" / "pages.jsonl"
    write_pages_jsonl(NetworkSpec(seed=3, inbody=True), pages)
    run_dedup(pages, tmp_path / "out")
    capsys.readouterr()
    scores = tmp_path / "scores.json"
    assert main(["eval", str(tmp_path / "out"), "--truth", str(pages.parent / "truth.jsonl"), "--baseline",
                 "--json", str(scores)]) == 0  # pages.jsonl found beside truth.jsonl
    shown = capsys.readouterr().out
    assert "trafilatura+MinHash-LSH" in shown and "shared background removed" in shown
    both = json.loads(scores.read_text(encoding="utf-8"))
    base = both["baseline"]
    assert base["pages_scored"] == both["wiredup"]["pages_scored"] > 50
    assert 0.0 < base["story_f1"] <= 1.0 and 0.0 < base["article_openings_kept"] <= 1.0
    assert base["boilerplate_strings_left"] > 0 and base["boilerplate_strings_by_kind"]
    assert base["background_shared"] == both["wiredup"]["background_shared"] > 0
