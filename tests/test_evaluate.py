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
