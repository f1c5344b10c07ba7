"""Parallel work changes nothing but speed: forked parsing workers and background steps give
the same bytes as one process, and a failure in a child surfaces in the parent.

The parallel runs happen in a fresh interpreter: forking is used only while a process has a
single thread, which a pytest process that started test servers cannot promise.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dedup.loading import FORK_MIN_BYTES
from dedup.normalize import normalize
from dedup.pipeline import CLEANED, RULES, STORIES, run_dedup
from dedup.synth import NetworkSpec, write_pages_jsonl

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("parallel") / "pages.jsonl"
    write_pages_jsonl(NetworkSpec(seed=4, pages=400), path)
    assert path.stat().st_size > FORK_MIN_BYTES, "the file must be large enough for parsing workers"
    return path


def test_workers_and_forked_steps_write_the_same_outputs(pages: Path, tmp_path: Path) -> None:
    serial = run_dedup(pages, tmp_path / "serial", workers=1)
    done = _python(
        "from pathlib import Path; import threading; from dedup import learn, pipeline; "
        "pipeline.FORK_MIN_PAGES = learn.SLOT_RULES_CHILD_MIN_PAGES = 0; "  # fork the background steps even for this small network
        f"assert threading.active_count() == 1; pipeline.run_dedup(Path({str(pages)!r}), Path({str(tmp_path / 'forked')!r}), workers=2)"
    )
    assert done.returncode == 0, done.stderr
    assert serial.pages > 300
    for name in (STORIES, CLEANED, RULES):
        assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "forked" / name).read_bytes(), name


def test_a_failure_in_a_forked_step_is_raised_in_the_parent() -> None:
    done = _python(
        "from dedup.parallel import Background\n"
        "def fail():\n    raise ValueError('broken on purpose')\n"
        "try:\n    Background(fail).result()\nexcept RuntimeError as err:\n    print(err)\n"
    )
    assert done.returncode == 0, done.stderr
    assert "background work failed" in done.stdout and "ValueError: broken on purpose" in done.stdout


def test_a_removed_block_names_its_line_in_rules_tsv(pages: Path, tmp_path: Path) -> None:
    run_dedup(pages, tmp_path, workers=1)
    lines = (tmp_path / RULES).read_text(encoding="utf-8").splitlines()
    checked = 0
    for row in map(json.loads, (tmp_path / CLEANED).read_text(encoding="utf-8").splitlines()):
        for removed in row["removed"]:
            kind, _, _, _, pattern = lines[removed["rule"] - 1].split("\t")
            if kind == "text" and normalize(removed["text"]) != pattern:  # a list item goes with its heading
                assert any(normalize(r["text"]) == pattern for r in row["removed"]), removed
            elif kind == "text":
                checked += 1
    assert checked > 100


def test_spawned_workers_inside_a_threaded_host_parse_the_same(pages: Path, tmp_path: Path) -> None:
    serial = tmp_path / "serial"
    run_dedup(pages, serial, workers=1)
    done = _python(
        "import threading, time; from pathlib import Path; import dedup.loading as loading; from dedup.pipeline import run_dedup; "
        "threading.Thread(target=time.sleep, args=(30,), daemon=True).start(); "  # a host with threads: no fork
        "loading.SPAWN_MIN_BYTES = 0; "
        f"run_dedup(Path({str(pages)!r}), Path({str(tmp_path / 'spawned')!r}), workers=2)"
    )
    assert done.returncode == 0, done.stderr
    for name in (STORIES, CLEANED, RULES):
        assert (serial / name).read_bytes() == (tmp_path / "spawned" / name).read_bytes(), name


@pytest.mark.parametrize(("failure", "message"), [
    ("raise ValueError('broken on purpose')", "a parsing worker failed"),
    ("os._exit(3)", "a parsing worker died (exit code 3)"),
])
def test_a_parsing_worker_that_fails_or_dies_stops_the_run_with_a_clear_error(pages: Path, failure: str, message: str) -> None:
    done = _python(  # the reading process parses too: only the worker's ranges break
        "import os\nfrom pathlib import Path\nimport dedup.loading as loading\n"
        "reader, parse = os.getpid(), loading.parse_range\n"
        f"def broken(*args):\n    if os.getpid() != reader:\n        {failure}\n    return parse(*args)\n"
        "loading.parse_range = broken\n"
        f"try:\n    loading.load_corpus(Path({str(pages)!r}), [], workers=2)\nexcept RuntimeError as err:\n    print(err)\n"
    )
    assert done.returncode == 0, done.stderr
    assert message in done.stdout


def test_a_run_pauses_the_cycle_collector_and_gives_it_back(pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from dedup import pipeline

    seen: list[bool] = []
    load = pipeline.load_corpus
    monkeypatch.setattr(pipeline, "load_corpus", lambda *args: seen.append(gc.isenabled()) or load(*args))
    enabled = gc.isenabled()
    try:
        for before in (True, False):
            gc.enable() if before else gc.disable()
            run_dedup(pages, tmp_path, workers=1)
            assert gc.isenabled() == before
        assert seen == [False, False]
    finally:
        gc.enable() if enabled else gc.disable()
