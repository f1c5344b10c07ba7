"""The `wiredup` command: run, eval, and the delegated generate, extract, bench, bench-extract."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, WiredupError
from .evaluate import evaluate
from .options import DedupOptions
from .pipeline import RunSummary, run_dedup
from .warc import warc_files

if TYPE_CHECKING:
    from .incremental import IncrementalSummary

#: Where the embedded network lives in a checkout.
NETWORK_DIR = Path(__file__).resolve().parents[1] / "seeds" / "network"
#: Sub-commands that parse their own arguments: (name, module, function, one-line help).
_DELEGATED = [
    ("generate", ".synth", "generate_main", "generate a syndication network (wiredup generate --help)"),
    ("extract", ".extract_cli", "extract_main", "article text of HTML files, folders, pages JSONL or WARC files (wiredup extract --help)"),
    ("bench", ".bench", "bench_main", "speed and memory beside lxml, datasketch and trafilatura (wiredup bench --help)"),
    ("bench-extract", ".bench_extract", "bench_extract_main", "score wiredup, trafilatura and jusText on real pages (wiredup bench-extract --help)"),
]
#: Exit status of a run that finished but had to skip some input lines.
EXIT_SKIPPED = 3


def _progress(quiet: bool) -> Callable[[int], None] | None:
    if quiet:
        return None

    shown = [0]
    terminal = sys.stderr.isatty()  # one line rewritten in place; in a log, a line each time

    def report(pages: int) -> None:  # called as pages are added, a range of the file at a time
        if pages // 1000 > shown[0] // 1000:
            shown[0] = pages
            print(f"{chr(13) if terminal else ''}wiredup: {pages:,} pages parsed", end="" if terminal else "\n", file=sys.stderr, flush=True)

    return report


def _positive(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def _cmd_run(args: argparse.Namespace) -> int:
    if args.no_learn and not args.rules:
        raise InputError("--no-learn applies only the rules of --rules: give --rules FILE (e.g. an earlier run's rules.tsv)")
    pages = Path(args.pages)
    if pages.is_dir() and ((pages / "pages.jsonl").is_file() or not warc_files(pages)):  # else its WARC files
        pages = pages / "pages.jsonl"
    progress = _progress(args.quiet)
    if args.state:
        return _run_state(args, pages, progress)
    if args.window:
        raise InputError("--window applies to runs with --state")
    summary = run_dedup(
        pages, Path(args.output), rules_path=Path(args.rules) if args.rules else None,
        options=DedupOptions(), learn_rules=not args.no_learn, progress=progress, workers=args.workers,
    )
    return _report_run(summary, progress is not None)


def _report_run(summary: RunSummary | IncrementalSummary, progressed: bool) -> int:
    """Print a run's skipped lines and summary; the exit status."""
    if progressed and summary.pages >= 1000 and sys.stderr.isatty():
        print("", file=sys.stderr)  # end the progress line
    for problem in summary.skipped:
        print(f"wiredup: skipped line {problem.line}: {problem.reason}", file=sys.stderr)
    for line in summary.lines():
        print(f"wiredup: {line}")
    return EXIT_SKIPPED if summary.skipped else 0


def _run_state(args: argparse.Namespace, pages: Path, progress: Callable[[int], None] | None) -> int:
    from .incremental import DEFAULT_WINDOW, run_incremental
    from .state import Window

    if args.rules or args.no_learn:
        raise InputError("--rules and --no-learn do not apply with --state (the state keeps its learned rules)")
    summary = run_incremental(pages, Path(args.output), args.state, window=Window.parse(args.window or DEFAULT_WINDOW),
                              progress=progress, workers=args.workers)
    return _report_run(summary, progress is not None)


def _cmd_stories(args: argparse.Namespace) -> int:
    from .incremental import write_state_stories

    totals = write_state_stories(args.state, Path(args.output))
    print(f"wiredup: {totals['pages']} pages -> {totals['stories']} stories ({totals['syndicated_stories']} carried by several outlets)"
          f" after {totals['runs']} runs; outputs in {args.output}: stories.jsonl cleaned.jsonl rules.tsv report.json")
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    scores = evaluate(Path(args.run), Path(args.truth))
    for line in scores.lines():
        print(line)
    result: dict = scores.as_dict()
    if args.examples:
        from .baseline import examples_lines

        for line in examples_lines("wiredup", scores.boilerplate_strings_examples):
            print(line)
    if args.baseline:
        from .baseline import NAME, BaselineUnavailable, examples_lines, score_baseline, side_by_side

        pages = Path(args.pages) if args.pages else Path(args.truth).parent / "pages.jsonl"
        if pages.is_dir():
            pages = pages / "pages.jsonl"
        print()
        try:
            base = score_baseline(pages, Path(args.truth))
        except BaselineUnavailable as err:
            print(f"baseline {NAME} not scored: {err}")
            base = None
        if base is not None:
            for line in side_by_side(scores, base):
                print(line)
            if args.examples:
                for line in examples_lines(NAME, base.boilerplate_strings_examples):
                    print(line)
            result = {"wiredup": result, "baseline": {"name": NAME, **base.as_dict()}}
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def _delegate(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    """A handler that passes the remaining arguments to a sub-command with its own parser."""

    def handler(args: argparse.Namespace) -> int:
        return getattr(importlib.import_module(module, __package__), function)(args.rest)

    return handler


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command (each with a one-line help and an example)."""
    parser = argparse.ArgumentParser(prog="wiredup", description="Group syndicated news pages into stories and strip learned boilerplate.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="dedup an earlier crawl's pages.jsonl", description="Dedup an earlier crawl. Example: wiredup run output/pages.jsonl -o output")
    run.add_argument("pages", help="pages JSONL written by `scrapy crawl wire` (or the folder holding it), or WARC files: a .warc / .warc.gz or a folder of them")
    run.add_argument("-o", "--output", default="output", help="output folder (default: output)")
    run.add_argument("--rules", help="rules file to apply on top of the learned ones (e.g. an edited rules.tsv)")
    run.add_argument("--no-learn", action="store_true", help="apply only the --rules file, learn no rules (stories are still clustered)")
    run.add_argument("--workers", type=_positive, default=None, help="processes that parse pages (default: one per core; 1: everything in one process)")
    run.add_argument("--state", help="persistent state (a folder, or redis://host:port/db): add these pages to it; outputs say what changed")
    run.add_argument("--window", help="with --state: stories last seen longer ago leave the candidate index: days (14d, default), hours (36h) or pages (50000)")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    run.set_defaults(func=_cmd_run)

    st = sub.add_parser("stories", help="write every story of a persistent state",
                        description="Write the full stories.jsonl, cleaned.jsonl, rules.tsv and report.json of a state. "
                                    "Example: wiredup stories --state state -o output")
    st.add_argument("--state", required=True, help="the state folder or redis://host:port/db")
    st.add_argument("-o", "--output", default="output", help="output folder (default: output)")
    st.set_defaults(func=_cmd_stories)

    ev = sub.add_parser("eval", help="score a run against ground truth", description="Score a run. Example: wiredup eval output")
    ev.add_argument("run", nargs="?", default="output", help="output folder of a run (default: output)")
    ev.add_argument("--truth", default=str(NETWORK_DIR / "truth.jsonl"), help="truth.jsonl of the network (default: the embedded one)")
    ev.add_argument("--json", help="also write the scores to this JSON file (with --baseline: {\"wiredup\": ..., \"baseline\": ...})")
    ev.add_argument("--baseline", action="store_true",
                    help="also score trafilatura + MinHash-LSH on the same pages and show both side by side")
    ev.add_argument("--pages", help="pages.jsonl the run read, for --baseline (default: pages.jsonl beside --truth)")
    ev.add_argument("--examples", action="store_true", help="list boilerplate strings left in canonical texts, a few per kind")
    ev.set_defaults(func=_cmd_eval)

    for name, module, function, summary in _DELEGATED:
        delegated = sub.add_parser(name, help=summary, add_help=False)
        delegated.set_defaults(func=_delegate(module, function), delegated=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `wiredup` console script."""
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if getattr(args, "delegated", False):
        args.rest = rest
    elif rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        return args.func(args)
    except WiredupError as err:
        print(f"wiredup: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("wiredup: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stdout = None  # the reader went away (`| head`): stop quietly
        return 0


if __name__ == "__main__":
    sys.exit(main())
