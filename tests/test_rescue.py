"""No article page is emptied by learned rules; the report lists the pages the guard kept."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.pipeline import run_dedup
from dedup.rescue import rescue_emptied
from dedup.synth import NetworkSpec, write_pages_jsonl

_TEXTS = ["startseite", "politik", "der rat hat am montag den haushalt beschlossen.", "anzeige",
          "die kosten steigen weiter, sagte die ministerin.", "wetter"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(-1, 3), st.integers(0, 5), st.integers(1, 9)), max_size=6), min_size=1, max_size=8),
       st.integers(0, 4))
def test_rescue_only_gives_back_blocks_of_pages_the_learned_rules_emptied(pages: list[list[tuple[int, int, int]]], n_given: int) -> None:
    verdicts = np.array([v for page in pages for v, _, _ in page], dtype=np.int64)
    offsets = np.r_[0, np.cumsum([len(p) for p in pages])].astype(np.int64)
    support = np.array([s for page in pages for _, _, s in page], dtype=np.int64)
    keys = [_TEXTS[t] for page in pages for _, t, _ in page]
    learned_rule = np.r_[np.arange(4) >= n_given, False]
    after, rescued = rescue_emptied(verdicts, offsets, support, 3, learned_rule, keys, ["Haushalt beschlossen"] * len(pages))
    changed = np.flatnonzero(after != verdicts)
    assert (verdicts[changed] >= 0).all() and (after[changed] == -1).all()
    assert learned_rule[verdicts[changed]].all()  # given rules are never undone
    emptied = {p for p in range(len(pages)) if pages[p] and all(v >= 0 for v, _, _ in pages[p])}
    assert {r.page for r in rescued} == emptied
    for page in emptied:
        start, stop = offsets[page], offsets[page + 1]
        content = [learned_rule[verdicts[i]] and (support[i] < 3 or keys[i] in (_TEXTS[2], _TEXTS[4])) for i in range(start, stop)]
        assert (after[start:stop] == -1).any() == any(content)
    page_of = np.repeat(np.arange(len(pages)), np.diff(offsets))
    assert set(page_of[changed].tolist()) <= emptied


def _article_texts(truth: Path) -> dict[str, set[str]]:
    found = {}
    for line in truth.open(encoding="utf-8"):
        page = json.loads(line)
        found[page["outlet"] + page["path"]] = {b["text"] for b in page["blocks"] if b["label"] == "article"}
    return found


@pytest.mark.parametrize("spec", [NetworkSpec(seed=1), NetworkSpec(seed=7, outlets=9), NetworkSpec(seed=12, pages=600, templated=0.5)],
                         ids=["embedded", "seed7", "seed12-templated"])
def test_no_article_page_loses_all_its_text(spec: NetworkSpec, tmp_path: Path) -> None:
    from dedup.evaluate import page_key

    write_pages_jsonl(spec, tmp_path / "pages.jsonl")
    run_dedup(tmp_path / "pages.jsonl", tmp_path / "out")
    article = _article_texts(tmp_path / "truth.jsonl")
    for line in (tmp_path / "out" / "cleaned.jsonl").open(encoding="utf-8"):
        page = json.loads(line)
        assert article[page_key(page["url"])] & set(page["kept"]), page["url"]


def test_sites_merged_into_one_outlet_keep_their_article_text(tmp_path: Path) -> None:
    write_pages_jsonl(NetworkSpec(seed=3), tmp_path / "net.jsonl")
    with (tmp_path / "net.jsonl").open(encoding="utf-8") as src, (tmp_path / "pages.jsonl").open("w", encoding="utf-8") as out:
        for line in src:
            out.write(json.dumps(json.loads(line) | {"outlet": "one-outlet"}) + "\n")
    run_dedup(tmp_path / "pages.jsonl", tmp_path / "out")
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [o["outlet"] for o in report["outlets"]] == ["one-outlet"]
    assert report["rescued_pages"], "the merged outlet's rules should have emptied pages"
    assert all(r["rules"] and r["blocks_kept"] > 0 for r in report["rescued_pages"])
    for line in (tmp_path / "out" / "cleaned.jsonl").open(encoding="utf-8"):
        assert json.loads(line)["kept"]
    assert "would have emptied" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
