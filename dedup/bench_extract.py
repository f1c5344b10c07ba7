"""`wiredup bench-extract`: wiredup, trafilatura and jusText on the same annotated pages.

The dataset (default `../shared/eval/trafilatura-de`) holds `manifest.jsonl` (url, html path,
`with` and `without` segments) and the gzipped pages; it is read here, never copied. Scoring is
the dataset's protocol: a `with` segment found in the text is a true positive (else a false
negative), a `without` segment found is a false positive; precision, recall and F1 over all
segments. wiredup runs on all pages as one corpus, so its time includes corpus learning.
jusText gets the stoplist of each page's language (`page_language`), German or English.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .blocks import parse_html
from .errors import InputError, WiredupError
from .extract import ExtractOptions, PageInput, decode_html, extract_corpus
from .pages import outlet_of

DEFAULT_DATA = Path("../shared/eval/trafilatura-de")


@dataclass(frozen=True, slots=True)
class Case:
    """One annotated page."""

    url: str
    html: bytes
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Counts:
    """Segment counts of one page or a whole run."""

    tp: int = 0
    fn: int = 0
    fp: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fn + other.fn, self.fp + other.fp)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(case: Case, text: str) -> Counts:
    """The dataset's protocol on one page."""
    found = sum(s in text for s in case.with_)
    return Counts(found, len(case.with_) - found, sum(s in text for s in case.without))


def load_cases(data: Path, limit: int | None) -> list[Case]:
    """The annotated pages of the dataset, in manifest order."""
    manifest = data / "manifest.jsonl"
    if not manifest.is_file():
        raise InputError(f"no manifest.jsonl in {data}: pass the dataset folder with --data")
    cases = []
    with manifest.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            html = gzip.decompress((data / row["html"]).read_bytes())
            cases.append(Case(row["url"], html, tuple(row["with"]), tuple(row["without"])))
            if limit is not None and len(cases) >= limit:
                break
    return cases


def _wiredup(engine: str) -> Callable[[Sequence[Case]], list[str]]:
    def run(cases: Sequence[Case]) -> list[str]:
        pages = [PageInput(c.url, outlet_of(c.url), c.html) for c in cases]
        return [e.text for e in extract_corpus(pages, ExtractOptions(engine=engine))]  # type: ignore[arg-type]

    return run


def _trafilatura(cases: Sequence[Case]) -> list[str]:
    from trafilatura import extract

    return [extract(c.html) or "" for c in cases]


#: jusText's languages a page may be scored in, by the `<html lang>` codes that name them.
LANGUAGES = {"de": "German", "en": "English"}
#: The language of a page that gives no sign of either.
DEFAULT_LANGUAGE = "German"
_WORD = re.compile(r"\w+")
#: Only text runs of at least this many words are read for the language (menus, buttons and
#: captions of a German page are often English words).
_MIN_RUN_WORDS = 5


def _own_stopwords() -> dict[str, frozenset[str]]:
    """Per language, the words of jusText's stoplist that no other language's stoplist has
    (the German list holds "the", "and", "of" too)."""
    import justext

    lists = {name: frozenset(justext.get_stoplist(name)) for name in LANGUAGES.values()}
    return {name: words.difference(*(other for o, other in lists.items() if o != name)) for name, words in lists.items()}


def page_language(html: str, stopwords: dict[str, frozenset[str]]) -> str:
    """The language (a jusText stoplist name) of a page: the one whose own stopwords its runs
    of text of 5 words or more (scripts and styles left out) hold most often; a `<html lang>`
    naming German or English stands unless the other language's stopwords are more than twice
    as frequent (a CMS's default `lang` on a page in the other language)."""
    root = parse_html(html)
    if root is None:
        return DEFAULT_LANGUAGE
    declared = LANGUAGES.get((root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "")[:2].lower())
    for element in root.iter("script", "style", "noscript"):
        element.text = None
    runs = (_WORD.findall(text.lower()) for text in root.itertext())
    words = [word for run in runs if len(run) >= _MIN_RUN_WORDS for word in run]
    counts = {name: sum(map(own.__contains__, words)) for name, own in stopwords.items()}
    if declared is not None and all(n <= 2 * counts[declared] for n in counts.values()):
        return declared
    best = max(counts.values())
    if best == 0:
        return declared or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE if counts[DEFAULT_LANGUAGE] == best else min(name for name, n in counts.items() if n == best)


def _justext(cases: Sequence[Case]) -> list[str]:
    import justext

    stopwords = _own_stopwords()
    stoplists: dict[str, frozenset[str]] = {}
    texts = []
    for case in cases:
        html = decode_html(case.html)
        language = page_language(html, stopwords)
        stoplist = stoplists.setdefault(language, frozenset(justext.get_stoplist(language)))
        try:
            paragraphs = justext.justext(html, stoplist)
        except Exception:  # noqa: BLE001 - jusText fails on some pages; they score as empty
            paragraphs = []
        texts.append("\n".join(p.text for p in paragraphs if not p.is_boilerplate))
    return texts


#: Tool name -> runner over all cases (text per case, in order).
TOOLS: dict[str, Callable[[Sequence[Case]], list[str]]] = {
    "wiredup": _wiredup("auto"),
    "wiredup-lxml": _wiredup("lxml"),
    "trafilatura": _trafilatura,
    "justext": _justext,
}


@dataclass(frozen=True)
class ToolRun:
    """One tool's texts, per-page counts and time."""

    name: str
    per_page: list[Counts]
    seconds: float

    @property
    def total(self) -> Counts:
        return sum(self.per_page, Counts())


def run_tool(name: str, cases: Sequence[Case]) -> ToolRun:
    """Run one tool over all cases and score it."""
    start = time.perf_counter()
    texts = TOOLS[name](cases)
    seconds = time.perf_counter() - start
    return ToolRun(name, [score(c, t) for c, t in zip(cases, texts)], seconds)


def _table(runs: Sequence[ToolRun], pages: int) -> list[str]:
    lines = [f"{'tool':<14}{'precision':>10}{'recall':>8}{'F1':>8}{'pages/s':>9}"]
    for run in runs:
        t = run.total
        lines.append(f"{run.name:<14}{t.precision:>10.3f}{t.recall:>8.3f}{t.f1:>8.3f}{pages / run.seconds:>9.1f}")
    return lines


def _losses(cases: Sequence[Case], ours: ToolRun, theirs: ToolRun, worst: int) -> list[str]:
    """Pages where wiredup loses most to trafilatura: (their tp - fp) - (our tp - fp)."""
    gaps = [
        ((t.tp - t.fp) - (o.tp - o.fp), i)
        for i, (o, t) in enumerate(zip(ours.per_page, theirs.per_page))
    ]
    lines = []
    for gap, i in sorted(gaps, key=lambda g: (-g[0], g[1]))[:worst]:
        if gap <= 0:
            break
        o, t = ours.per_page[i], theirs.per_page[i]
        lines.append(f"  -{gap} {cases[i].url}  {ours.name}: {o.tp} kept, {o.fp} boilerplate; {theirs.name}: {t.tp} kept, {t.fp} boilerplate")
    return lines


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wiredup bench-extract",
        description="Score extractors on annotated real pages. Example: wiredup bench-extract --data ../shared/eval/trafilatura-de",
    )
    parser.add_argument("--data", default=str(DEFAULT_DATA), help=f"dataset folder with manifest.jsonl (default: {DEFAULT_DATA})")
    parser.add_argument("--tools", default="wiredup,wiredup-lxml,trafilatura,justext", help="comma-separated: " + ",".join(TOOLS))
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--worst", type=int, default=10, help="pages where wiredup loses most to trafilatura to list (default: 10)")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    return parser


def bench_extract_main(argv: list[str] | None = None) -> int:
    """Entry point of `wiredup bench-extract` and `python -m dedup.bench_extract`."""
    args = _parser().parse_args(argv)
    names = [n.strip() for n in args.tools.split(",") if n.strip()]
    unknown = [n for n in names if n not in TOOLS]
    if unknown or not names:
        print(f"wiredup bench-extract: error: unknown tools {unknown}; choose from {', '.join(TOOLS)}", file=sys.stderr)
        return 2
    try:
        cases = load_cases(Path(args.data), args.limit)
        runs = [run_tool(name, cases) for name in names]
    except WiredupError as err:
        print(f"wiredup bench-extract: error: {err}", file=sys.stderr)
        return 2
    except ImportError as err:
        print(f"wiredup bench-extract: error: {err.name} is not installed (pip install -e '.[dev]')", file=sys.stderr)
        return 2
    print(f"{len(cases)} pages, {sum(len(c.with_) + len(c.without) for c in cases)} segments, {args.data}")
    for line in _table(runs, len(cases)):
        print(line)
    by_name = {r.name: r for r in runs}
    if "wiredup" in by_name and "trafilatura" in by_name and args.worst:
        print("pages where wiredup loses most to trafilatura (gap in kept minus boilerplate segments):")
        for line in _losses(cases, by_name["wiredup"], by_name["trafilatura"], args.worst) or ["  none"]:
            print(line)
    if args.json:
        figures = {r.name: {"precision": r.total.precision, "recall": r.total.recall, "f1": r.total.f1, "pages_per_second": len(cases) / r.seconds} for r in runs}
        Path(args.json).write_text(json.dumps({"pages": len(cases), "tools": figures}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(bench_extract_main())
