"""Crawls over real HTTP on 127.0.0.1 that meet a hostile network, or get killed and resumed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import (
    REPO,
    SEEDS_NETWORK,
    EmbeddedCrawls,
    assert_clean_crawl,
    crawl,
    read_lines,
    story_signature,
    url_key,
)

from dedup.synth.hostile import EXPECTED_REPAIRS, EXPECTED_SKIPS, HOSTILE_SLUG

pytestmark = pytest.mark.skipif(not (SEEDS_NETWORK / "network.json").is_file(), reason="seeds/network not generated")

QUIET = ["-s", "TELNETCONSOLE_ENABLED=0", "-s", f"WIREDUP_NETWORK_DIR={SEEDS_NETWORK}"]


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out_dir = tmp_path_factory.mktemp("hostile")
    return crawl(out_dir, *QUIET, "-s", "WIREDUP_HOSTILE=1"), out_dir


def test_hostile_network_crawl_ends_clean_with_the_same_stories(
    hostile_crawl: tuple[subprocess.CompletedProcess[str], Path], embedded_crawls: EmbeddedCrawls
) -> None:
    result, out_dir = hostile_crawl
    assert_clean_crawl(result, SEEDS_NETWORK, out_dir)  # exit 0, no traceback, every article once
    errors = [line for line in result.stderr.splitlines() if "] ERROR: " in line and "Gave up retrying" not in line]
    assert not errors, errors  # Scrapy logs its last retry of the 500 and the stalled page at ERROR
    plain = embedded_crawls.of(SEEDS_NETWORK).out_dir
    assert story_signature(out_dir) == story_signature(plain)


def test_hostile_pages_are_skipped_or_repaired_with_their_reason(
    hostile_crawl: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    result, out_dir = hostile_crawl
    for reason, count in EXPECTED_SKIPS.items():
        assert f"'wiredup/skipped/{reason}': {count}," in result.stderr, reason
    for reason, count in EXPECTED_REPAIRS.items():
        assert f"'wiredup/repaired/{reason}': {count}," in result.stderr, reason
    counts = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))["crawl"]["counts"]
    for event, expected in (("skipped", EXPECTED_SKIPS), ("repaired", EXPECTED_REPAIRS)):
        assert {reason: counts.get(f"{event}/{reason}") for reason in expected} == expected
    report_html = (out_dir / "report.html").read_text(encoding="utf-8")
    for event in read_lines(out_dir / "crawl.jsonl"):
        assert event["url"] in report_html
    assert not any(url_key(page["url"]).startswith(HOSTILE_SLUG) for page in read_lines(out_dir / "pages.jsonl"))


def test_repaired_pages_hold_the_text_the_server_meant(
    hostile_crawl: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, out_dir = hostile_crawl
    repaired = {e["url"] for e in read_lines(out_dir / "crawl.jsonl") if e["reason"] == "encoding"}
    pages = [p for p in read_lines(out_dir / "pages.jsonl") if p["url"] in repaired]
    assert len(pages) == EXPECTED_REPAIRS["encoding"]
    for page in pages:
        origin = page["url"].split("/", 3)
        served = (SEEDS_NETWORK / "sites" / url_key(page["url"])).read_text(encoding="utf-8")
        served = served.replace("__ORIGIN__", "/".join(origin[:3]))
        assert page["html"].split("<body", 1)[1] == served.split("<body", 1)[1]


def test_tracking_copies_are_fetched_once_under_their_plain_url(
    hostile_crawl: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    result, out_dir = hostile_crawl
    urls = [page["url"] for page in read_lines(out_dir / "pages.jsonl")]
    assert not [url for url in urls if "?" in url or "#" in url]
    assert "'wiredup/urls_canonicalised': " in result.stderr


def pages_written(out_dir: Path) -> int:
    """Complete lines in pages.jsonl."""
    path = out_dir / "pages.jsonl"
    return path.read_bytes().count(b"\n") if path.is_file() else 0


def kill_mid_crawl(out_dir: Path, jobdir: Path, after_pages: int) -> int:
    """Start a crawl with a JOBDIR and SIGKILL it once `after_pages` pages are written; returns how many were."""
    command = [sys.executable, "-m", "scrapy", "crawl", "wire", "-s", f"WIREDUP_OUTPUT_DIR={out_dir}",
               "-s", f"JOBDIR={jobdir}", *QUIET]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while pages_written(out_dir) < after_pages and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert process.poll() is None, "the crawl ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    return pages_written(out_dir)


def tear(jobdir: Path) -> None:
    """Leave the job as a kill mid-write can: every disk queue file cut short, pages.jsonl mid-line."""
    for queue_file in (jobdir / "requests.queue").rglob("*"):
        if queue_file.is_file() and queue_file.stat().st_size > 4:
            with queue_file.open("r+b") as fh:
                fh.truncate(queue_file.stat().st_size - 3)


def test_crawl_killed_mid_way_resumes_to_the_same_stories(tmp_path: Path, embedded_crawls: EmbeddedCrawls) -> None:
    out_dir, jobdir = tmp_path / "out", tmp_path / "job"
    stored = kill_mid_crawl(out_dir, jobdir, after_pages=20)
    tear(jobdir)
    with (out_dir / "pages.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"url": "http://torn.localhost/')  # a line the killed writer never finished
    resumed = crawl(out_dir, "-s", f"JOBDIR={jobdir}", "-s", "CLOSESPIDER_TIMEOUT=60", *QUIET)  # Scrapy alone hangs here
    assert_clean_crawl(resumed, SEEDS_NETWORK, out_dir)
    assert "the last crawl of this job was killed" in resumed.stderr
    assert "struct.error" not in resumed.stderr
    assert "wiredup/duplicates_dropped" not in resumed.stderr  # stored pages were not fetched again
    assert pages_written(out_dir) == stored + int(resumed.stderr.split("'wiredup/pages_written': ")[1].split(",")[0])
    assert story_signature(out_dir) == story_signature(embedded_crawls.of(SEEDS_NETWORK).out_dir)
    assert not (jobdir / "wiredup.running").exists()
