"""`wiredup generate`: write a network folder and/or crawl-format pages.jsonl."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .network import write_network, write_pages_jsonl
from .spec import NetworkSpec


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="wiredup generate",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Generate a deterministic offline syndication network with ground truth.",
        epilog="example: wiredup generate --seed 1 --pages 10000 --pages-jsonl bench/pages.jsonl",
    )
    p.add_argument("--seed", type=int, default=1, help="network seed (default 1)")
    p.add_argument("--pages", type=int, default=0, help="approximate article pages; 0 = default small network")
    p.add_argument("--outlets", type=int, default=8, help="minimum number of outlets (default 8)")
    p.add_argument("--templated", type=float, default=0.0,
                   help="share of paragraphs that also carry a sentence shared by unrelated stories, numbers differing (default 0)")
    p.add_argument("--prose", type=Path, metavar="DIR",
                   help="tell each story with the paragraphs of one real page of DIR (manifest.jsonl + gzipped pages); "
                        "the network must not need more stories than DIR has usable articles")
    p.add_argument("--inbody", action="store_true",
                   help="add realistic in-body boilerplate (teaser lines, related boxes, captions, credit lines) and "
                        "background paragraphs shared by stories of one topic; truth blocks carry their kind")
    p.add_argument("--language", choices=("de", "en"), default="de",
                   help="language of the outlets' chrome and boilerplate: de (German outlets, dpa copy; default) or "
                        "en (US/UK outlets, AP and Reuters copy); en needs --prose DIR with English pages")
    p.add_argument("--out", type=Path, help="write the network folder (network.json, truth.jsonl, sites/)")
    p.add_argument("--pages-jsonl", type=Path, help="write article pages as crawled pages.jsonl (+ truth.jsonl beside)")
    p.add_argument("--port", type=int, default=80, help="port in --pages-jsonl URLs (default 80)")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return p


def generate_main(argv: list[str] | None = None) -> int:
    """Entry point of `wiredup generate`; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.out is None and args.pages_jsonl is None:
        parser.error("give --out DIR and/or --pages-jsonl FILE")
    try:
        spec = NetworkSpec(seed=args.seed, pages=args.pages, outlets=args.outlets, templated=args.templated,
                           prose=args.prose, inbody=args.inbody, language=args.language)
    except (TypeError, ValueError) as err:
        parser.error(str(err))
    start = time.perf_counter()

    def progress(done: int) -> None:
        if not args.quiet:
            rate = done / max(1e-9, time.perf_counter() - start)
            print(f"\rwiredup generate: {done} pages ({rate:.0f}/s)", end="", file=sys.stderr, flush=True)

    try:
        if args.out is not None:
            write_network(spec, args.out, progress)
        if args.pages_jsonl is not None:
            start = time.perf_counter()
            write_pages_jsonl(spec, args.pages_jsonl, args.port, progress)
    except (OSError, ValueError) as err:
        print(f"wiredup generate: {err}", file=sys.stderr)
        return 1
    if not args.quiet:
        written = " and ".join(str(p) for p in (args.out, args.pages_jsonl) if p is not None)
        print(f"\rwiredup generate: wrote {written} in {time.perf_counter() - start:.1f}s".ljust(48), file=sys.stderr)
    return 0
