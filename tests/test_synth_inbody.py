"""`NetworkSpec(inbody=True)`: realistic in-body boilerplate and shared background paragraphs."""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from pathlib import Path

import lxml.html
import pytest

from dedup.synth import NetworkSpec, generate_main, iter_site_files, write_pages_jsonl
from dedup.synth import phrases as P
from dedup.synth.inbody import BACKGROUND_WORDS
from dedup.synth.network import Network

SPEC = NetworkSpec(seed=4, inbody=True)
NEW_KINDS = ("teaser_line", "related_box", "caption", "credit")


@cache
def truth(spec: NetworkSpec = SPEC) -> tuple[dict, ...]:
    return tuple(f.truth for f in iter_site_files(spec) if f.truth is not None)


def blocks(kind: str, spec: NetworkSpec = SPEC) -> list[dict]:
    return [b for page in truth(spec) for b in page["blocks"] if b.get("kind") == kind]


def test_inbody_network_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "pages.jsonl", tmp_path / "b" / "pages.jsonl"
    write_pages_jsonl(SPEC, a)
    assert generate_main(["--seed", "4", "--inbody", "--pages-jsonl", str(b), "--quiet"]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert (a.parent / "truth.jsonl").read_bytes() == (b.parent / "truth.jsonl").read_bytes()
    assert json.loads((a.parent / "truth.jsonl").read_text(encoding="utf-8").splitlines()[0])["blocks"][0]["kind"]


def test_inbody_off_adds_no_kinds() -> None:
    plain = truth(NetworkSpec(seed=4))
    assert not any("kind" in b or "shared" in b for page in plain for b in page["blocks"])
    # the same stories on the same pages: inbody only adds blocks
    assert [(p["path"], p["story"]) for p in plain] == [(p["path"], p["story"]) for p in truth()]


def test_every_boilerplate_block_has_a_kind_and_each_new_kind_is_present() -> None:
    kinds = defaultdict(int)
    for page in truth():
        for b in page["blocks"]:
            if b["label"] == "boilerplate":
                assert b.get("kind"), b
                kinds[b["kind"]] += 1
            else:
                assert "kind" not in b
    for kind in NEW_KINDS + ("read_also", "teaser", "video", "nav", "footer", "ad"):
        assert kinds[kind] > 0, kind


def test_teaser_slots_are_whole_headlines_in_and_outside_the_network() -> None:
    titles = {p["title"] for p in truth()}
    leads = sorted(P.TEASER_LEADS, key=len, reverse=True)
    inside = outside = 0
    for b in blocks("teaser_line"):
        lead = next(lead for lead in leads if b["text"].startswith(lead + " "))
        slot = b["text"][len(lead) + 1:]
        assert len(slot.split()) >= 3 and slot == slot.strip()
        if slot in titles:
            inside += 1
        else:
            outside += 1
    assert inside > outside > 0
    # related boxes: a lead heading, then whole headlines
    items = [b["text"] for b in blocks("related_box") if b["text"] not in P.RELATED_LEADS]
    assert items and any(t in titles for t in items) and any(t not in titles for t in items)


def test_teaser_lines_and_boxes_are_links_in_the_article_body() -> None:
    seen = set()
    for f in iter_site_files(SPEC):
        if f.truth is None:
            continue
        doc = lxml.html.fromstring(f.body)
        for p in doc.iter("p"):
            text = " ".join(p.text_content().split())
            link = p.find("a")
            if any(text.startswith(lead + " ") for lead in P.TEASER_LEADS) and link is not None:
                assert text.endswith(" ".join(link.text_content().split()))
                seen.add("teaser_line")
        for h3 in doc.iter("h3"):
            if h3.text_content() in P.RELATED_LEADS and h3.getnext() is not None and h3.getnext().tag == "ul":
                assert 2 <= len(h3.getnext().findall("li/a")) <= 5
                seen.add("related_box")
    assert seen == {"teaser_line", "related_box"}


def test_captions_and_credit_lines() -> None:
    captions = [b["text"] for b in blocks("caption")]
    assert any(c.startswith(tuple(P.VIDEO_PREFIX)) for c in captions)
    assert any("(Quelle: " in c and c.endswith(")") for c in captions)
    assert all(len(c.split()) >= 4 for c in captions)
    credits = {b["text"] for b in blocks("credit")}
    assert {"Quelle: dpa", "Quelle: AFP"} & credits


def test_some_outlets_use_their_lead_ins_in_few_stories() -> None:
    net = Network(SPEC)
    assert all(1 <= len(s.teaser_leads) <= 3 for s in net.styles)
    assert any(s.teaser_rate < 0.1 for s in net.styles) and any(s.teaser_rate > 0.3 for s in net.styles)


def test_shared_background_only_among_stories_of_one_topic() -> None:
    net = Network(SPEC)
    topic_of = {net.plan.slot(g).sid: net.plan.slot(g).topic_key for g in range(net.plan.n)}
    stories_of: dict[str, set[str]] = defaultdict(set)
    for page in truth():
        for b in page["blocks"]:
            if b.get("shared"):
                assert b["label"] == "article"
                stories_of[b["text"]].add(page["story"])
    assert stories_of
    for text, stories in stories_of.items():
        assert 2 <= len(stories) <= 4, stories
        assert len({topic_of[s] for s in stories}) == 1
        assert len(text.split()) >= BACKGROUND_WORDS and text.count(". ") >= 1
    # every page of a story carrying it has it
    for page in truth():
        texts = {b["text"] for b in page["blocks"] if b.get("shared")}
        for text, stories in stories_of.items():
            assert (text in texts) == (page["story"] in stories)


@pytest.mark.parametrize("extra", [{"templated": 0.3}])
def test_inbody_with_templated(extra: dict) -> None:
    pages = truth(NetworkSpec(seed=4, inbody=True, **extra))
    assert any(b.get("kind") == "teaser_line" for p in pages for b in p["blocks"])
    assert any(b.get("shared") for p in pages for b in p["blocks"])


def test_inbody_with_prose(tmp_path: Path) -> None:
    from tests.test_synth_prose import write_prose

    write_prose(tmp_path / "prose", 14)
    spec = NetworkSpec(seed=5, pages=20, outlets=3, prose=tmp_path / "prose", inbody=True)
    pages = truth(spec)
    kinds = {b.get("kind") for p in pages for b in p["blocks"] if b["label"] == "boilerplate"}
    assert None not in kinds and {"teaser_line", "credit"} <= kinds
    titles = {p["title"] for p in pages}
    assert any(b["text"].endswith(tuple(titles)) for b in blocks("teaser_line", spec))
