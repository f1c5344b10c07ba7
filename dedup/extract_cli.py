"""`wiredup extract`: article text of HTML files, folders or crawls, one JSON line per page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import WiredupError
from .extract import ENGINES, ExtractOptions, Extraction, PageInput, extract_corpus
from .extract_inputs import InputProblem, read_inputs
from .pages import write_jsonl

#: Exit status when some pages could not be read (each has an `error` line in the output).
EXIT_SKIPPED = 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wiredup extract",
        description="Extract the article text of pages, learning boilerplate across all of them. "
        "Example: wiredup extract saved/ crawl/pages.jsonl -o articles.jsonl --explain",
    )
    parser.add_argument("inputs", nargs="+", help="HTML files (plain or .gz), folders of them, pages JSONL files, or WARC files (.warc, .warc.gz)")
    parser.add_argument("-o", "--output", required=True, help="output JSONL file, one line per page in input order")
    parser.add_argument("--explain", action="store_true", help="also list each removed block with the rule or reason")
    parser.add_argument("--engine", choices=ENGINES, default="auto", help="auto: trafilatura when installed, else lxml (default: auto)")
    parser.add_argument("--no-learn", action="store_true", help="single-page extraction only, learn nothing across pages")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    return parser


def _row(result: Extraction, explain: bool) -> dict:
    row: dict = {"source": result.source, "title": result.title, "text": result.text}
    if explain:
        row["removed"] = [{"text": r.text, "reason": r.reason} for r in result.removed]
    return row


def run_extract(inputs: list[Path], output: Path, options: ExtractOptions, explain: bool) -> tuple[int, int]:
    """Extract every input page into `output`; returns (pages extracted, pages with an error)."""
    items = list(read_inputs(inputs))
    pages = [item for item in items if isinstance(item, PageInput)]
    results = iter(extract_corpus(pages, options))
    rows = []
    for item in items:
        if isinstance(item, InputProblem):
            rows.append({"source": item.source, "error": item.error})
        else:
            rows.append(_row(next(results), explain))
    write_jsonl(output, rows)
    return len(pages), len(items) - len(pages)


def extract_main(argv: list[str] | None = None) -> int:
    """Entry point of `wiredup extract`."""
    args = _parser().parse_args(argv)
    try:
        options = ExtractOptions(engine=args.engine, learn=not args.no_learn)
        done, failed = run_extract([Path(p) for p in args.inputs], Path(args.output), options, args.explain)
    except WiredupError as err:
        print(f"wiredup extract: error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"wiredup extract: error: cannot write {args.output}: {err.strerror or err}", file=sys.stderr)
        return 2
    if not args.quiet:
        engine = "trafilatura + wiredup" if options.uses_trafilatura() else "wiredup lxml"
        print(f"wiredup extract: {done} page{'s' if done != 1 else ''} extracted ({engine}), {failed} unreadable -> {args.output}", file=sys.stderr)
    return EXIT_SKIPPED if failed else 0


if __name__ == "__main__":
    sys.exit(extract_main())
