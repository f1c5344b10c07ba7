"""`python -m dedup.bench_warc FILE.warc.gz`: warcio and FastWARC read the same WARC file, timed.

Each library reads every record, parses the HTTP headers of responses and reads their whole
payload (de-chunked and decompressed, as a page reader needs it); the best of `--rounds` runs
counts (the readers take turns). A library that is not installed is left out. The figures are in docs/FORMATS.md.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path


def read_with_warcio(path: Path) -> tuple[int, int]:
    """(records, payload bytes of responses) read by warcio."""
    from warcio.archiveiterator import ArchiveIterator

    records = payload = 0
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            records += 1
            if record.rec_type == "response":
                record.http_headers.get_header("Content-Type")
                payload += len(record.content_stream().read())
    return records, payload


def read_with_fastwarc(path: Path) -> tuple[int, int]:
    """(records, payload bytes of responses) read by FastWARC."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = payload = 0
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh, parse_http=True, auto_decode="all"):
            records += 1
            if record.record_type == WarcRecordType.response:
                record.http_headers.get("Content-Type")
                payload += len(record.reader.read())
    return records, payload


def read_with_wiredup(path: Path) -> tuple[int, int]:
    """(records, HTML characters of pages) read by `dedup.warc` (decoding the pages too)."""
    from .warc import WarcRead, warc_pages

    read = WarcRead()
    chars = sum(len(row["html"]) for _, row in warc_pages([path], read))
    return read.records, chars


READERS: dict[str, Callable[[Path], tuple[int, int]]] = {
    "warcio": read_with_warcio, "fastwarc": read_with_fastwarc, "wiredup (dedup.warc)": read_with_wiredup,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dedup.bench_warc", description=__doc__.splitlines()[0])
    parser.add_argument("warc", help="a .warc or .warc.gz file (e.g. a crawl's pages.warc.gz)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per reader; the fastest counts (default 3)")
    args = parser.parse_args(argv)
    path = Path(args.warc)
    size = path.stat().st_size
    print(f"{path}: {size / 2**20:.1f} MiB")
    best: dict[str, float] = {}
    found: dict[str, tuple[int, int]] = {}
    missing: set[str] = set()
    for _ in range(args.rounds):  # the readers take turns, so a busy moment of the machine hits each alike
        for name, read in READERS.items():
            if name in missing:
                continue
            try:
                start = time.perf_counter()
                found[name] = read(path)
                best[name] = min(best.get(name, float("inf")), time.perf_counter() - start)
            except ImportError as err:
                missing.add(name)
                print(f"{name:22} not installed ({err.name})")
    for name, seconds in best.items():
        records, amount = found[name]
        print(f"{name:22} {seconds:7.2f} s  {records / seconds:9,.0f} records/s  {size / 2**20 / seconds:6.1f} MiB/s"
              f"  ({records:,} records, {amount:,} bytes or characters)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
