"""`wiredup bench --state`: generated pages fed as batches through one persistent state.

Each batch is a run of its own (`wiredup run BATCH --state STATE`, a child process, as an hourly
crawl would start it); the table gives its wall seconds, the peak memory of its processes and
the state's size after it, so the cost of the last batch can be set beside the first.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from .incremental import CHANGES


def _state_bytes(state: str) -> int:
    """The size of a state: its files, or the memory Redis uses."""
    if state.startswith(("redis://", "rediss://", "unix://")):
        import redis

        return int(redis.Redis.from_url(state).info("memory")["used_memory"])
    return sum(f.stat().st_size for f in Path(state).iterdir() if f.is_file())


def _timed_run(command: list[str]) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (of the run and its helper processes), peak resident memory in
    bytes (the largest of the run's processes) and exit status. On a machine shared with other
    work the CPU seconds are the steadier measure."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, child.returncode


def bench_state(pages: Path, state: str, work: Path, total: int, batch: int, window: str, quiet: bool) -> dict:
    """Feed the first `total` lines of `pages` in batches of `batch` through `state`."""
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    batch_file, out = work / "batch.jsonl", work / "out"
    with pages.open("rb") as source:
        for number in range(-(-total // batch)):
            size = 0
            with batch_file.open("wb") as fh:
                for line in source:
                    fh.write(line)
                    size += 1
                    if size == min(batch, total - number * batch):
                        break
            if not size:
                break
            seconds, cpu, peak, status = _timed_run([sys.executable, "-m", "dedup.cli", "run", str(batch_file), "--state", state,
                                                "--window", window, "-o", str(out), "-q"])
            if status not in (0, 3):
                raise SystemExit(f"wiredup bench: batch {number + 1} failed (exit {status})")
            changes = json.loads((out / CHANGES).read_text(encoding="utf-8"))
            row = {"batch": number + 1, "pages": size, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "peak_bytes": peak,
                   "state_bytes": _state_bytes(state), "reread": changes["pages_reread"], "new_stories": len(changes["new_stories"]),
                   "stages": changes.get("seconds", {})}
            rows.append(row)
            if not quiet:
                print(_row_line(row), file=sys.stderr, flush=True)
    return {"pages": pages.name, "state": state, "batch": batch, "window": window, "batches": rows}


def _row_line(row: dict) -> str:
    return (f"{row['batch']:>5} {row['pages']:>7,} {row['seconds']:>8.2f} {row['cpu_seconds']:>8.2f} {row['peak_bytes'] / 2**20:>9.0f}"
            f" {row['state_bytes'] / 2**20:>9.0f} {row['reread']:>7,} {row['new_stories']:>7,}")


def print_state_table(figures: dict) -> None:
    """The per-batch table and the first/last comparison."""
    rows = figures["batches"]
    print(f"state {figures['state']}: {len(rows)} batches of {figures['batch']:,} pages, window {figures['window']}")
    print("batch   pages  seconds  cpu sec  peak MiB state MiB  reread new stories")
    for row in rows:
        print(_row_line(row))
    if rows:
        wall, cpu = rows[-1]["seconds"] / rows[0]["seconds"], rows[-1]["cpu_seconds"] / rows[0]["cpu_seconds"]
        print(f"last batch / first batch: {wall:.2f}x wall, {cpu:.2f}x CPU; peak memory of any run {max(r['peak_bytes'] for r in rows) / 2**20:,.0f} MiB;"
              f" state {rows[-1]['state_bytes'] / 2**20:,.0f} MiB after {sum(r['pages'] for r in rows):,} pages")
