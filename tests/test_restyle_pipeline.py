"""Restyling a version's quotes, apostrophes and dashes changes neither the stories nor which
version is canonical, end to end."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dedup.pipeline import run_dedup
from dedup.synth import NetworkSpec, write_pages_jsonl

STYLES = [
    {"\u201e": "\u00bb", "\u201c": "\u00ab", "\u2013": "\u2014"},
    {"\u201e": '"', "\u201c": '"', "\u2019": "'", " \u2013 ": " - "},
    {"\u201e": "\u201c", "\u201c": "\u201d", "'": "\u2019", " \u2013 ": "\u2014"},
]


def _outcome(out: Path) -> tuple[set[frozenset[str]], set[str]]:
    stories, canonical = set(), set()
    for line in (out / "stories.jsonl").open(encoding="utf-8"):
        story = json.loads(line)
        stories.add(frozenset(v["url"] for v in story["versions"]))
        canonical |= {v["url"] for v in story["versions"] if v["canonical"]}
    return stories, canonical


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("restyle")
    write_pages_jsonl(NetworkSpec(seed=8), folder / "pages.jsonl")
    run_dedup(folder / "pages.jsonl", folder / "out", workers=1)
    return folder


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10**6), st.sampled_from(STYLES))
def test_restyled_versions_change_neither_stories_nor_canonical_texts(network: Path, tmp_path: Path, seed: int,
                                                                     style: dict[str, str]) -> None:
    lines = (network / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    r = random.Random(seed)
    chosen = set(r.sample(range(len(lines)), len(lines) // 3))
    restyled = []
    for i, line in enumerate(lines):
        page = json.loads(line)
        if i in chosen:
            for old, new in style.items():
                page["html"] = page["html"].replace(old, new)
        restyled.append(json.dumps(page, ensure_ascii=False))
    (tmp_path / "pages.jsonl").write_text("\n".join(restyled) + "\n", encoding="utf-8")
    run_dedup(tmp_path / "pages.jsonl", tmp_path / "out", workers=1)
    assert _outcome(tmp_path / "out") == _outcome(network / "out")
