"""`wiredup bench` runs end to end on a tiny network and prints every figure beside its baseline.

Only that it works and what it reports is checked here; the speed itself lives in the
benchmark's output, never in a test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dedup.bench import STAGES, bench_main


def test_bench_prints_stages_baselines_and_ratios(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    figures_path = tmp_path / "bench.json"
    assert bench_main(["--sizes", "150,300", "--work", str(tmp_path / "work"), "--sample", "20", "--runs", "2", "--json", str(figures_path), "-q"]) == 0
    out = capsys.readouterr().out
    for stage in STAGES:
        assert f"\n{stage} " in out
    for baseline in ("lxml.html.fromstring", "MinHash.update loop", "MinHash.bulk", "trafilatura.extract"):
        assert baseline in out
    assert "wiredup / bulk" in out and "wiredup / trafilatura" in out and "growth from" in out
    figures = json.loads(figures_path.read_text())
    small, large = figures["results"]
    assert small["wiredup"]["scores"]["story_f1"] > 0.9 and large["wiredup"]["pages"] > small["wiredup"]["pages"]
    assert large["wiredup"]["peak_rss_mib"] > 0 and large["wiredup"]["cpu_seconds"] > 0
    # small networks run twice: the reported run is one of them, each lxml pass the median of two
    assert len(large["wiredup"]["runs_seconds"]) == 2 and large["wiredup"]["seconds"] in large["wiredup"]["runs_seconds"]
    assert "median of 2 runs" in out and len(large["wiredup"]["runs_lxml_ratios"]) == 2
