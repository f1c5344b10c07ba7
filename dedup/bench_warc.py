"""`python -m dedup.bench_warc FILE.warc.gz`: warcio and FastWARC read the same WARC file, timed.

Each library reads every record, parses the HTTP headers of responses and reads their whole
payload (de-chunked and decompressed, as a page reader needs it); the best of `--rounds` runs
counts. A library that is not installed is left out. The figures are in docs/FORMATS.md.
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
    for name, read in READERS.items():
        try:
            best = float("inf")
            for _ in range(args.rounds):
                start = time.perf_counter()
                records, amount = read(path)
                best = min(best, time.perf_counter() - start)
        except ImportError as err:
            print(f"{name:22} not installed ({err.name})")
            continue
        print(f"{name:22} {best:7.2f} s  {records / best:9,.0f} records/s  {size / 2**20 / best:6.1f} MiB/s  ({records:,} records, {amount:,} bytes or characters)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
