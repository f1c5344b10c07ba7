"""`run_dedup`: pages JSONL in, stories, cleaned pages, rules and report out."""

from __future__ import annotations

import functools
import gc
import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .corpus import Corpus
from .errors import InputError
from .cohesion import cohesive_stories, suspect_stories
from .learn import Learned, learn_corpus
from .lines import Outcome, canonical_page, cleaned_lines, fetch_ranks, story_lines, story_versions
from .loading import load_corpus
from .options import DedupOptions
from .pages import LineProblem, json_objects, url_without_port, write_lines_file
from .parallel import reap_children
from .htmlreport import RunState
from .report import with_crawl_events, write_report_html, write_report_json
from .rules import Rule, ordered_rules, read_rules, write_ordered_rules
from .stories import story_similarity
from .timing import Stopwatch
from .warc import WarcRead

log = logging.getLogger(__name__)

#: Output file names inside the output folder.
STORIES, CLEANED, RULES, REPORT_JSON, REPORT_HTML = "stories.jsonl", "cleaned.jsonl", "rules.tsv", "report.json", "report.html"
#: Stories and rules listed in the report (all of them are in stories.jsonl and rules.tsv).
REPORT_STORIES, REPORT_RULES = 50, 100
#: Characters of a story's canonical text shown in the report.
REPORT_TEXT_CHARS = 600
#: Below this many pages, learning and writing stay in this process: forking helpers would cost
#: more than they save.
FORK_MIN_PAGES = 500
#: Stories that look merged are logged one by one up to this many, then counted.
WARNINGS_LISTED = 20
#: What the crawl skipped or repaired, beside the pages file (written by the crawler; optional).
CRAWL_EVENTS = "crawl.jsonl"


@dataclass(frozen=True)
class RunSummary:
    """The figures a run ends with."""

    out_dir: Path
    pages: int
    stories: int
    syndicated: int
    versions: int
    fragments: int
    chars_in: int
    chars_removed: int
    skipped: list[LineProblem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """A short human summary, one line per fact."""
        share = 100.0 * self.chars_removed / self.chars_in if self.chars_in else 0.0
        lines = [
            f"{self.pages} pages -> {self.stories} stories ({self.syndicated} carried by several outlets, {self.versions} versions)",
            f"{self.fragments} fragment rules learned; {self.chars_removed:,} of {self.chars_in:,} characters removed ({share:.1f}%)",
        ]
        if self.skipped:
            reasons = Counter(p.reason.split(":")[0] for p in self.skipped)
            lines.append(f"{len(self.skipped)} input lines skipped: " + ", ".join(f"{n} {r}" for r, n in reasons.most_common()))
        lines.append(f"outputs in {self.out_dir}: {STORIES} {CLEANED} {RULES} {REPORT_JSON} {REPORT_HTML}")
        return lines


def _story_id(urls: list[str]) -> str:
    """A story's id: a hash of its smallest URL without the port, so a re-crawl keeps it."""
    return "s" + hashlib.sha1(min(url_without_port(u) for u in urls).encode("utf-8")).hexdigest()[:12]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while it runs, as it was before after: its full passes walk
    every object of a large corpus (3.3 s of a 100,000-page run) and a run makes no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_collector_paused()
def run_dedup(
    pages_path: Path,
    out_dir: Path,
    *,
    rules_path: Path | None = None,
    options: DedupOptions | None = None,
    learn_rules: bool = True,
    progress: Callable[[int], None] | None = None,
    watch: Stopwatch | None = None,
    workers: int | None = None,
) -> RunSummary:
    """Group the pages of a crawl into stories, learn and remove boilerplate, write every output.

    `workers`: processes that parse pages (default: one per core); 1 keeps every step in this
    process. Results do not depend on it.
    """
    options = options or DedupOptions()
    watch = watch or Stopwatch()
    if Path(out_dir).exists() and not Path(out_dir).is_dir():
        raise InputError(f"output folder {out_dir} is a file: give -o a folder (it is created if missing)")
    given = read_rules(rules_path) if rules_path else []
    problems: list[LineProblem] = []
    warc = WarcRead()
    with watch("blocks"):
        corpus = load_corpus(Path(pages_path), problems, progress, workers, warc)
    log.info("wiredup: %d pages parsed, learning stories and fragments", len(corpus))
    fork = workers != 1 and len(corpus) >= FORK_MIN_PAGES
    learned = learn_corpus(corpus, options, given, learn_rules, watch, fork=fork)
    return write_outputs(corpus, learned, given, Path(out_dir), options, problems, watch, fork, Path(pages_path).parent,
                         warc=warc.section() if warc.records else None)


#: Names the stories of a run: the pages of every story in, their ids out (default: `_story_id` of their URLs).
StoryNamer = Callable[[list[list[int]]], list[str]]


def write_outputs(corpus: Corpus, learned: Learned, given: list[Rule], out_dir: Path, options: DedupOptions,
                  problems: list[LineProblem], watch: Stopwatch, fork: bool, crawl_dir: Path | None = None,
                  name_stories: StoryNamer | None = None, warc: dict | None = None) -> RunSummary:
    """Every output of a learned corpus in `out_dir` (`crawl_dir`: where the crawl's events may lie;
    `warc`: the report's section on the WARC records read, when the pages came from WARC files)."""
    with watch("canonical"):
        text_lengths = np.fromiter(map(len, corpus.texts), dtype=np.int64, count=len(corpus.texts))
        outcome = Outcome.of(corpus, learned, text_lengths)
        stories, similarity = _stories(corpus, learned, outcome, options, name_stories)
        outlets_of = {sid: {corpus.pages[i].outlet for i in members} for sid, members in stories.items()}
        order = _most_carried_first(stories, outlets_of)
        rank = fetch_ranks(corpus)
        written = write_lines_file(out_dir / STORIES, functools.partial(story_lines, corpus, outcome, stories, order, rank, similarity), fork)
        ordered = ordered_rules([*given, *learned.learned])
        line_of = {rule: line for line, rule in enumerate(ordered, start=2)}  # as write_ordered_rules numbers them
        why = [str(line_of[rule]).encode() for rule in learned.rules.rules]  # once, not in the writer
        story_of = [""] * len(corpus)
        for sid, members in stories.items():
            for page in members:
                story_of[page] = sid
        cleaned = write_lines_file(out_dir / CLEANED, functools.partial(cleaned_lines, corpus, outcome, story_of, why), fork)
        # while the children write: the rules file, the summary and the report
        write_ordered_rules(out_dir / RULES, ordered)
        top_rows = _top_stories(corpus, outcome, stories, order[:REPORT_STORIES], rank, similarity)
        lengths = text_lengths[corpus.arrays().text]
        summary = RunSummary(
            out_dir=out_dir,
            pages=len(corpus),
            stories=len(stories),
            syndicated=sum(1 for outlets in outlets_of.values() if len(outlets) > 1),
            versions=sum(len(members) for members in stories.values() if len(members) > 1),
            fragments=len(learned.learned),
            chars_in=int(lengths.sum()),
            chars_removed=int(lengths[learned.verdicts >= 0].sum()),
            skipped=problems,
            seconds=watch.seconds,
        )
        suspects = suspect_stories(stories, outlets_of, similarity, options.story_threshold)
        for row in suspects[:WARNINGS_LISTED]:
            log.warning("wiredup: story %s looks merged: %s", row["id"], row["why"])
        if learned.rescued:
            log.warning("wiredup: the learned rules would remove every block of %d pages (first: %s); they keep their content blocks",
                        len(learned.rescued), corpus.pages[learned.rescued[0].page].url)
        if len(suspects) > WARNINGS_LISTED:
            log.warning("wiredup: %d more stories look merged", len(suspects) - WARNINGS_LISTED)
        if suspects or learned.rescued:
            log.warning("wiredup: report.json lists them all (suspect_stories, rescued_pages)")
        report = _report(summary, corpus, learned, top_rows, lengths, options, suspects)
        events = crawl_dir / CRAWL_EVENTS if crawl_dir is not None else None
        if events is not None and events.is_file():
            report = with_crawl_events(report, json_objects(events))
        if warc is not None:
            report["warc"] = warc
        with watch("report"):  # part of the canonical stage's time, also shown on its own
            write_report_html(out_dir / REPORT_HTML, report, RunState(corpus, learned, outcome, stories, order, rank, similarity, ordered, why))
        cleaned()
        written()
    report["seconds"] = {stage: round(s, 3) for stage, s in watch.seconds.items()}
    write_report_json(out_dir / REPORT_JSON, report)
    reap_children()
    return summary


def _stories(corpus: Corpus, learned: Learned, outcome: Outcome, options: DedupOptions,
             name_stories: StoryNamer | None = None) -> tuple[dict[str, list[int]], list[float]]:
    """Story id -> its pages, from the learned labels with every version similar to its
    story's canonical version (`cohesive_stories`); and each page's similarity to it."""
    members: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(learned.story_of_page.tolist()):
        members[label].append(i)
    offsets = outcome.kept_offsets.tolist()
    groups, similarity = cohesive_stories(
        list(members.values()),
        lambda pages: canonical_page(corpus, outcome, offsets, pages),
        lambda a, b: story_similarity(learned.signatures, learned.sizes, a, b),
        options.story_threshold,
        len(corpus),
    )
    groups = [sorted(m) for m in groups]
    names = name_stories(groups) if name_stories else [_story_id([corpus.pages[i].url for i in m]) for m in groups]
    return dict(zip(names, groups)), np.round(similarity, 4).tolist()


def _most_carried_first(stories: dict[str, list[int]], outlets_of: dict[str, set[str]]) -> list[str]:
    """Story ids, most widely carried first: by outlets, then versions, then id."""
    def rank(sid: str) -> tuple[int, int, str]:
        return -len(outlets_of[sid]), -len(stories[sid]), sid

    return sorted(stories, key=rank)


def _top_stories(corpus: Corpus, outcome: Outcome, stories: dict[str, list[int]], order: list[str], rank: list[int],
                 similarity: list[float]) -> list[dict]:
    """The report's rows of the stories in `order`: the start of the canonical text, every URL."""
    offsets = outcome.kept_offsets.tolist()
    rows = []
    for sid in order:
        pages, versions, canonical, _ = story_versions(corpus, outcome, offsets, stories[sid], rank)
        rows.append({
            "id": sid, "title": canonical.title, "outlets": len({v.outlet for v in versions}), "versions": len(versions),
            "text": "\n\n".join(corpus.texts[t] for t in canonical.texts)[:REPORT_TEXT_CHARS],
            "urls": [{"url": v.url, "outlet": v.outlet, "similarity": similarity[p], "canonical": v is canonical} for p, v in zip(pages, versions)],
        })
    return rows


def _report(summary: RunSummary, corpus: Corpus, learned: Learned, top_rows: list[dict],
            lengths: np.ndarray, options: DedupOptions, suspects: list[dict]) -> dict:
    arrays = corpus.arrays()
    removed = learned.verdicts >= 0
    n_rules = len(learned.rules.rules)
    blocks_by_rule = np.bincount(learned.verdicts[removed], minlength=n_rules)
    chars_by_rule = np.bincount(learned.verdicts[removed], weights=lengths[removed], minlength=n_rules)
    outlet_names = sorted({meta.outlet for meta in corpus.pages})
    position = {name: i for i, name in enumerate(outlet_names)}
    outlet_of_page = np.fromiter((position[meta.outlet] for meta in corpus.pages), dtype=np.int64, count=len(corpus))
    pages_in = np.bincount(outlet_of_page, minlength=len(outlet_names))
    outlet = outlet_of_page[arrays.page]
    chars_in = np.bincount(outlet, weights=lengths, minlength=len(outlet_names))
    chars_removed = np.bincount(outlet[removed], weights=lengths[removed], minlength=len(outlet_names))
    by_effect = np.argsort(-chars_by_rule, kind="stable")[:REPORT_RULES].tolist()  # positions in learned.rules.rules
    return {
        "totals": {
            "pages": summary.pages, "stories": summary.stories, "syndicated_stories": summary.syndicated,
            "versions": summary.versions, "fragment_rules": summary.fragments, "chars_in": summary.chars_in,
            "chars_removed": summary.chars_removed, "skipped_lines": len(summary.skipped), "rounds": learned.rounds,
        },
        "options": options.as_dict(),
        "stories": top_rows,
        "rules": [
            {"kind": r.kind, "scope": r.scope, "pattern": r.pattern, "stories": r.stories, "outlets": r.outlets,
             "blocks_removed": int(blocks_by_rule[i]), "chars_removed": int(chars_by_rule[i])}
            for i, r in zip(by_effect, map(learned.rules.rules.__getitem__, by_effect))
        ],
        "listed": {"stories": len(top_rows), "rules": len(by_effect)},
        "outlets": [{"outlet": o, "pages": int(pages_in[i]), "chars_in": int(chars_in[i]), "chars_removed": int(chars_removed[i])}
                    for i, o in enumerate(outlet_names)],
        "skipped": [{"line": p.line, "reason": p.reason} for p in summary.skipped],
        "rescued_pages": [
            {"url": corpus.pages[r.page].url, "blocks_kept": r.kept,
             "rules": [learned.rules.rules[i].line() for i in r.rules if i >= 0]}
            for r in learned.rescued
        ],
        "suspect_stories": suspects,
    }
