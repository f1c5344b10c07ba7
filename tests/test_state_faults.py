"""A state on a real redis-server equals the folder state; runs killed mid-way leave the last completed state."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from redis_server import RedisServer
from test_state_incremental import split_by_fetch_time

from dedup.incremental import run_incremental, write_state_stories
from dedup.state_store import DATABASE, REDIS_PREFIX, RedisStore, StateError
from dedup.synth import NetworkSpec, write_pages_jsonl

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("fault-network")
    write_pages_jsonl(NetworkSpec(seed=4, pages=1500), folder / "pages.jsonl")
    return split_by_fetch_time(folder / "pages.jsonl", folder, 3)


@pytest.fixture(scope="module")
def folder_result(batches: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Per number of batches fed, the stories.jsonl of a folder state fed that many."""
    work = tmp_path_factory.mktemp("folder-state")
    found = {}
    for i, batch in enumerate(batches):
        run_incremental(batch, work / f"run{i}", str(work / "state"), workers=1)
        write_state_stories(str(work / "state"), work / f"all{i}")
        found[i + 1] = work / f"all{i}" / "stories.jsonl"
    return found


def _wiredup(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dedup.cli", *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_redis_equals_folder(batches: list[Path], folder_result: dict[str, Path], redis_url: str, tmp_path: Path) -> None:
    for i, batch in enumerate(batches):
        run_incremental(batch, tmp_path / f"run{i}", redis_url, workers=1)
    write_state_stories(redis_url, tmp_path / "all")
    assert (tmp_path / "all" / "stories.jsonl").read_bytes() == folder_result[len(batches)].read_bytes()


def test_a_second_run_on_a_redis_state_is_refused(redis_url: str) -> None:
    first = RedisStore(redis_url)
    try:
        with pytest.raises(StateError, match="in use by another run"):
            RedisStore(redis_url)
    finally:
        first.close()
    RedisStore(redis_url).close()


def test_a_foreign_redis_state_is_refused(redis_url: str) -> None:
    redis.Redis.from_url(redis_url).hset(REDIS_PREFIX + "meta", "format", json.dumps("wiredup-state 99"))
    with pytest.raises(StateError, match="another format"):
        RedisStore(redis_url)


def test_redis_killed_mid_run(batches: list[Path], folder_result: dict[str, Path], tmp_path: Path) -> None:
    with RedisServer(tmp_path / "redis", persist=True) as server:
        redis.Redis.from_url(server.url).config_set("appendfsync", "always")
        run_incremental(batches[0], tmp_path / "run0", server.url, workers=1)
        run = _wiredup("run", str(batches[1]), "--state", server.url, "-o", str(tmp_path / "run1"), "-q", "--workers", "1")
        client = redis.Redis.from_url(server.url)
        while not client.exists(REDIS_PREFIX + "lock") and run.poll() is None:
            time.sleep(0.01)
        server.kill()
        _, err = run.communicate(timeout=120)
        assert run.returncode != 0
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "Redis at" in lines[0] and "last completed run" in lines[0], err
        server.start()
        write_state_stories(server.url, tmp_path / "after")
        assert (tmp_path / "after" / "stories.jsonl").read_bytes() == folder_result[1].read_bytes()
        for i, batch in enumerate(batches[1:], start=1):
            run_incremental(batch, tmp_path / f"again{i}", server.url, workers=1)
        write_state_stories(server.url, tmp_path / "end")
        assert (tmp_path / "end" / "stories.jsonl").read_bytes() == folder_result[len(batches)].read_bytes()


def test_folder_state_killed_mid_write(batches: list[Path], folder_result: dict[str, Path], tmp_path: Path) -> None:
    state = tmp_path / "state"
    run_incremental(batches[0], tmp_path / "run0", str(state), workers=1)
    journal = state / (DATABASE + "-journal")
    run = _wiredup("run", str(batches[1]), "--state", str(state), "-o", str(tmp_path / "run1"), "-q", "--workers", "1")
    while not journal.exists() and run.poll() is None:  # the commit has begun writing
        time.sleep(0.001)
    assert run.poll() is None, "the run ended before it was seen writing"
    os.kill(run.pid, signal.SIGKILL)
    run.communicate(timeout=60)
    write_state_stories(str(state), tmp_path / "after")
    assert (tmp_path / "after" / "stories.jsonl").read_bytes() == folder_result[1].read_bytes()
    for i, batch in enumerate(batches[1:], start=1):
        run_incremental(batch, tmp_path / f"again{i}", str(state), workers=1)
    write_state_stories(str(state), tmp_path / "end")
    assert (tmp_path / "end" / "stories.jsonl").read_bytes() == folder_result[len(batches)].read_bytes()
