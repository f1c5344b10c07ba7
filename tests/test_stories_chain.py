"""Stories that cannot chain: every version is similar to its story's canonical text."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dedup.cohesion import cohesive_stories
from dedup.evaluate import evaluate
from dedup.options import DedupOptions
from dedup.pipeline import run_dedup
from dedup.stories import star_clusters
from dedup.synth import NetworkSpec, write_pages_jsonl


def _coherent(labels: np.ndarray, links: set[tuple[int, int]]) -> bool:
    """Every cluster has a node that each other node links to, or links to half the others."""
    def linked(x: int, y: int) -> bool:
        return (min(x, y), max(x, y)) in links

    for label in set(labels.tolist()):
        members = np.flatnonzero(labels == label).tolist()
        half = (len(members) - 1) / 2
        loose = [v for v in members if sum(linked(v, y) for y in members if y != v) < half]
        if not any(all(v == c or linked(v, c) for v in loose) for c in members):
            return False
    return True


edges = st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)).filter(lambda e: e[0] != e[1]), max_size=120)


@settings(max_examples=300, deadline=None)
@given(edges, st.randoms(use_true_random=False))
def test_star_clusters_are_coherent_and_ignore_node_order(pairs: list[tuple[int, int]], rnd) -> None:
    n = 30
    links = {(min(a, b), max(a, b)) for a, b in pairs}
    a = np.array([x for x, _ in sorted(links)], dtype=np.int64)
    b = np.array([y for _, y in sorted(links)], dtype=np.int64)
    strength = np.array([((x * 7 + y * 13) % 10) / 10 + 0.4 for x, y in zip(a, b)])
    rank = np.array([(i * 2654435761) % 1000 for i in range(n)], dtype=np.uint64)  # content, not position
    labels = star_clusters(n, a, b, strength, rank)
    assert _coherent(labels, links)
    # the same graph with its nodes renumbered gives the same clusters
    perm = list(range(n))
    rnd.shuffle(perm)
    perm_a = np.array([perm[x] for x in a], dtype=np.int64)
    perm_b = np.array([perm[y] for y in b], dtype=np.int64)
    perm_rank = np.empty(n, dtype=np.uint64)
    perm_rank[perm] = rank
    renumbered = star_clusters(n, perm_a, perm_b, strength, perm_rank)
    same = lambda lab, m: {frozenset(m[v] for v in np.flatnonzero(lab == x).tolist()) for x in set(lab.tolist())}  # noqa: E731
    assert same(labels, perm) == same(renumbered, list(range(n)))


def test_a_page_that_only_bridges_two_stories_joins_one_of_them() -> None:
    # two stories of four versions each, linked through node 8 only
    links = [(x, y) for s in (0, 4) for x in range(s, s + 4) for y in range(x + 1, s + 4)] + [(3, 8), (8, 4)]
    a, b = (np.array(v, dtype=np.int64) for v in zip(*links))
    labels = star_clusters(9, a, b, np.full(len(a), 0.5), np.arange(9, dtype=np.uint64))
    assert len({labels[0], labels[4]}) == 2
    assert labels[8] in (labels[3], labels[4])


def test_versions_dissimilar_to_the_canonical_version_leave_its_story() -> None:
    near = {(0, 1): 0.9, (0, 2): 0.2, (0, 3): 0.8, (2, 3): 0.1}
    score = lambda a, b: np.array([near.get((min(x, y), max(x, y)), 0.0) for x, y in zip(a, b)])  # noqa: E731
    groups, similarity = cohesive_stories([[0, 1, 2, 3], [4]], lambda members: min(members), score, 0.4, 5)
    assert sorted(map(sorted, groups)) == [[0, 1, 3], [2], [4]]
    assert similarity.tolist() == [1.0, 0.9, 1.0, 0.8, 1.0]


@pytest.fixture(scope="module")
def templated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,040 stories whose paragraphs share numbered template sentences."""
    folder = tmp_path_factory.mktemp("templated")
    write_pages_jsonl(NetworkSpec(seed=5, pages=2000, templated=1.0), folder / "pages.jsonl")
    run_dedup(folder / "pages.jsonl", folder / "out")
    return folder


def test_template_alike_stories_stay_apart(templated: Path) -> None:
    assert sum(1 for _ in (templated / "out" / "stories.jsonl").open(encoding="utf-8")) >= 1000
    scores = evaluate(templated / "out", templated / "truth.jsonl")
    assert scores.story_f1 >= 0.95, scores
    assert scores.article_openings_kept >= 0.97, scores


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.sampled_from([0.0, 0.5, 1.0]), st.integers(60, 300))
def test_no_version_is_less_similar_to_its_canonical_text_than_the_threshold_nor_fuller(
        tmp_path_factory: pytest.TempPathFactory, seed: int, share: float, pages: int) -> None:
    folder = tmp_path_factory.mktemp("property")
    write_pages_jsonl(NetworkSpec(seed=seed, pages=pages, templated=share), folder / "pages.jsonl")
    run_dedup(folder / "pages.jsonl", folder / "out", workers=1)
    threshold = DedupOptions().story_threshold
    for line in (folder / "out" / "stories.jsonl").open(encoding="utf-8"):
        story = json.loads(line)
        assert sum(v["canonical"] for v in story["versions"]) == 1
        for version in story["versions"]:
            assert version["similarity"] >= threshold, (story["id"], version["url"], version["similarity"])
            # the canonical text is never an abridged copy: no version holds all of it and more
            assert version["missing"] or not version["added"], (story["id"], version["url"])
