"""End to end on generated networks: figures hold on other seeds, outlets and boilerplate."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from dedup.cli import main
from dedup.evaluate import evaluate
from dedup.pipeline import run_dedup
from dedup.synth import NetworkSpec, write_pages_jsonl


@pytest.fixture(scope="module", params=[(5, 9), (11, 8)], ids=["seed5-9outlets", "seed11-8outlets"])
def network(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    seed, outlets = request.param
    folder = tmp_path_factory.mktemp(f"net{seed}")
    write_pages_jsonl(NetworkSpec(seed=seed, outlets=outlets), folder / "pages.jsonl")
    return folder


def test_figures_hold_on_a_regenerated_network(network: Path) -> None:
    run_dedup(network / "pages.jsonl", network / "out")
    scores = evaluate(network / "out", network / "truth.jsonl")
    assert scores.pages_missing == 0
    assert scores.story_f1 >= 0.95, scores
    assert scores.boilerplate_left <= 0.01, scores
    assert scores.article_lost <= 0.01, scores


def test_page_order_does_not_change_stories_rules_or_texts(network: Path, tmp_path: Path) -> None:
    lines = (network / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    random.Random(3).shuffle(lines)
    (tmp_path / "shuffled.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_dedup(network / "pages.jsonl", tmp_path / "a")
    run_dedup(tmp_path / "shuffled.jsonl", tmp_path / "b")
    for name in ("stories.jsonl", "rules.tsv"):
        assert (tmp_path / "a" / name).read_text(encoding="utf-8") == (tmp_path / "b" / name).read_text(encoding="utf-8"), name


def test_rules_file_passed_back_reproduces_the_cleaning(network: Path, tmp_path: Path) -> None:
    run_dedup(network / "pages.jsonl", tmp_path / "learned")
    run_dedup(network / "pages.jsonl", tmp_path / "replayed", rules_path=tmp_path / "learned" / "rules.tsv", learn_rules=False)
    learned = [json.loads(line)["kept"] for line in (tmp_path / "learned" / "cleaned.jsonl").open(encoding="utf-8")]
    replayed = [json.loads(line)["kept"] for line in (tmp_path / "replayed" / "cleaned.jsonl").open(encoding="utf-8")]
    assert learned == replayed


def test_cli_run_and_eval(network: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(network / "pages.jsonl"), "-o", str(tmp_path), "--quiet"]) == 0
    summary = capsys.readouterr().out
    assert "pages ->" in summary and "fragment rules learned" in summary
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["pages"] == sum(1 for _ in (network / "pages.jsonl").open(encoding="utf-8"))
    assert main(["eval", str(tmp_path), "--truth", str(network / "truth.jsonl"), "--json", str(tmp_path / "scores.json")]) == 0
    assert json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))["story_f1"] >= 0.95


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("run", "eval", "generate"):
        with pytest.raises(SystemExit) as done:
            main([command, "--help"])
        assert done.value.code == 0
        assert "Example" in capsys.readouterr().out or command == "generate"


def test_report_lists_the_crawl_skips_beside_the_pages(network: Path, tmp_path: Path) -> None:
    """`wiredup run` on an earlier crawl keeps its crawl.jsonl (skips, repairs) in the report."""
    (tmp_path / "pages.jsonl").write_bytes((network / "pages.jsonl").read_bytes())
    (tmp_path / "crawl.jsonl").write_text(
        '{"event": "skipped", "reason": "binary", "url": "http://a.localhost/x.pdf", "detail": "PDF document"}\n'
        '{"event": "repaired", "reason": "encoding", "url": "http://a.localhost/y.html", "detail": "declared utf-8"}\n',
        encoding="utf-8",
    )
    run_dedup(tmp_path / "pages.jsonl", tmp_path / "out")
    crawl = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["crawl"]
    assert crawl["counts"] == {"repaired/encoding": 1, "skipped/binary": 1}
    assert "http://a.localhost/x.pdf" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


def test_fetch_times_do_not_change_canonical_texts(network: Path, tmp_path: Path) -> None:
    """Crawl timing is no content: other fetch times give the same stories and canonical texts."""
    rows = [json.loads(line) for line in (network / "pages.jsonl").open(encoding="utf-8")]
    shuffled_times = [row["fetched_at"] for row in rows]
    random.Random(5).shuffle(shuffled_times)
    with (tmp_path / "retimed.jsonl").open("w", encoding="utf-8") as fh:
        for row, fetched_at in zip(rows, shuffled_times):
            fh.write(json.dumps(row | {"fetched_at": fetched_at}) + "\n")
    run_dedup(network / "pages.jsonl", tmp_path / "a")
    run_dedup(tmp_path / "retimed.jsonl", tmp_path / "b")

    def texts(folder: Path) -> list[tuple[str, str, str]]:
        return sorted((s["id"], s["title"], s["text"]) for s in map(json.loads, (folder / "stories.jsonl").open(encoding="utf-8")))

    assert texts(tmp_path / "a") == texts(tmp_path / "b")


def test_progress_is_shown_each_time_another_thousand_pages_is_parsed(capsys: pytest.CaptureFixture[str]) -> None:
    from dedup.cli import _progress

    report = _progress(quiet=False)
    assert report is not None and _progress(quiet=True) is None
    for pages in (250, 999, 1127, 1900, 2001, 4500):  # counts arrive a range of the file at a time
        report(pages)
    shown = [line for line in capsys.readouterr().err.replace("\r", "\n").split("\n") if line]  # (a line each in a log)
    assert shown == ["wiredup: 1,127 pages parsed", "wiredup: 2,001 pages parsed", "wiredup: 4,500 pages parsed"]
