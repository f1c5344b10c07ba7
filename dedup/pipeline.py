"""`run_dedup`: pages JSONL in, stories, cleaned pages, rules and report out."""

from __future__ import annotations

import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .blocks import PageDoc, extract_blocks
from .canonical import Version, canonical_text, choose_canonical, diff_version
from .clean import Cleaned
from .learn import Learned, learn
from .options import DedupOptions
from .pages import LineProblem, Page, read_pages, write_jsonl
from .report import write_report_html, write_report_json
from .rules import Rule, read_rules, write_rules

log = logging.getLogger(__name__)

#: Output file names inside the output folder.
STORIES, CLEANED, RULES, REPORT_JSON, REPORT_HTML = "stories.jsonl", "cleaned.jsonl", "rules.tsv", "report.json", "report.html"


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


@dataclass(frozen=True)
class _Loaded:
    pages: list[Page]
    docs: list[PageDoc]
    problems: list[LineProblem]


def _load(pages_path: Path, progress: Callable[[int], None] | None) -> _Loaded:
    """Read and parse every page once; HTML is dropped as soon as its blocks are out."""
    problems: list[LineProblem] = []
    seen: set[str] = set()
    pages: list[Page] = []
    docs: list[PageDoc] = []
    for line, page in read_pages(pages_path, problems):
        if page.url in seen:
            problems.append(LineProblem(line, f"duplicate url: {page.url}"))
            continue
        seen.add(page.url)
        doc = extract_blocks(page.html)
        if not doc.blocks:
            problems.append(LineProblem(line, f"no text: {page.url}"))
            continue
        pages.append(Page(page.url, page.outlet, page.fetched_at, ""))
        docs.append(doc)
        if progress is not None:
            progress(len(pages))
    return _Loaded(pages, docs, problems)


def _story_id(urls: Sequence[str]) -> str:
    return "s" + hashlib.sha1(min(urls).encode("utf-8")).hexdigest()[:12]


def _rule_effects(cleaned: Sequence[Cleaned]) -> dict[Rule, tuple[int, int]]:
    effects: dict[Rule, list[int]] = defaultdict(lambda: [0, 0])
    for result in cleaned:
        for removal in result.removed:
            effect = effects[removal.rule]
            effect[0] += 1
            effect[1] += len(removal.block.text)
    return {rule: (n, chars) for rule, (n, chars) in effects.items()}


def run_dedup(
    pages_path: Path,
    out_dir: Path,
    *,
    rules_path: Path | None = None,
    options: DedupOptions | None = None,
    learn_rules: bool = True,
    progress: Callable[[int], None] | None = None,
) -> RunSummary:
    """Group the pages of a crawl into stories, learn and remove boilerplate, write every output."""
    options = options or DedupOptions()
    given = read_rules(rules_path) if rules_path else []
    loaded = _load(Path(pages_path), progress)
    pages, docs = loaded.pages, loaded.docs
    log.info("wiredup: %d pages parsed, learning stories and fragments", len(pages))
    learned = learn(docs, [p.outlet for p in pages], options, given, learn_rules)
    out_dir = Path(out_dir)
    stories = _write_stories(out_dir / STORIES, pages, docs, learned)
    story_ids = {page: sid for sid, members in stories.items() for page in members}
    write_jsonl(out_dir / CLEANED, (
        {
            "url": page.url,
            "outlet": page.outlet,
            "story": story_ids[i],
            "title": docs[i].title,
            "kept": [b.text for b in result.kept],
            "removed": [{"text": r.block.text, "rule": r.rule.describe()} for r in result.removed],
        }
        for i, (page, result) in enumerate(zip(pages, learned.cleaned))
    ))
    all_rules = list(dict.fromkeys([*given, *learned.rules]))
    write_rules(out_dir / RULES, all_rules)
    summary = RunSummary(
        out_dir=out_dir,
        pages=len(pages),
        stories=len(stories),
        syndicated=sum(1 for members in stories.values() if len({pages[i].outlet for i in members}) > 1),
        versions=sum(len(members) for members in stories.values() if len(members) > 1),
        fragments=len(learned.rules),
        chars_in=sum(len(b.text) for d in docs for b in d.blocks),
        chars_removed=sum(len(r.block.text) for c in learned.cleaned for r in c.removed),
        skipped=loaded.problems,
    )
    report = _report(summary, pages, docs, learned, stories, all_rules, options)
    write_report_json(out_dir / REPORT_JSON, report)
    write_report_html(out_dir / REPORT_HTML, report)
    return summary


def _write_stories(path: Path, pages: Sequence[Page], docs: Sequence[PageDoc], learned: Learned) -> dict[str, list[int]]:
    """Write stories.jsonl, most widely carried first; returns story id -> page indexes."""
    members: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(learned.story_of_page):
        members[int(label)].append(i)
    stories = {_story_id([pages[i].url for i in m]): m for m in members.values()}
    rows = []
    for sid, indexes in stories.items():
        versions = [
            Version(pages[i].url, pages[i].outlet, pages[i].fetched_at, docs[i].title, learned.cleaned[i].kept)
            for i in sorted(indexes, key=lambda i: (pages[i].fetched_at, pages[i].url))
        ]
        canonical = choose_canonical(versions)
        version_rows = []
        for v in versions:
            diff = diff_version(v, canonical)
            version_rows.append({
                "url": v.url, "outlet": v.outlet, "fetched_at": v.fetched_at, "title": v.title,
                "canonical": v is canonical, "similarity": diff.similarity, "added": list(diff.added), "missing": list(diff.missing),
            })
        rows.append({
            "id": sid,
            "title": canonical.title,
            "text": canonical_text(canonical),
            "outlets": sorted({v.outlet for v in versions}),
            "versions": version_rows,
        })
    rows.sort(key=lambda r: (-len(r["outlets"]), -len(r["versions"]), r["id"]))
    write_jsonl(path, rows)
    return stories


def _report(summary: RunSummary, pages: Sequence[Page], docs: Sequence[PageDoc], learned: Learned,
            stories: dict[str, list[int]], rules: list[Rule], options: DedupOptions) -> dict:
    effects = _rule_effects(learned.cleaned)
    per_outlet: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for page, doc, result in zip(pages, docs, learned.cleaned):
        row = per_outlet[page.outlet]
        row[0] += 1
        row[1] += sum(len(b.text) for b in doc.blocks)
        row[2] += sum(len(r.block.text) for r in result.removed)
    top_stories = sorted(stories.items(), key=lambda kv: (-len({pages[i].outlet for i in kv[1]}), kv[0]))[:50]
    return {
        "totals": {
            "pages": summary.pages, "stories": summary.stories, "syndicated_stories": summary.syndicated,
            "versions": summary.versions, "fragment_rules": summary.fragments, "chars_in": summary.chars_in,
            "chars_removed": summary.chars_removed, "skipped_lines": len(summary.skipped), "rounds": learned.rounds,
        },
        "options": options.as_dict(),
        "stories": [
            {"id": sid, "title": docs[m[0]].title, "outlets": len({pages[i].outlet for i in m}), "versions": len(m)}
            for sid, m in top_stories
        ],
        "rules": [
            {"kind": r.kind, "scope": r.scope, "pattern": r.pattern, "stories": r.stories, "outlets": r.outlets,
             "blocks_removed": effects.get(r, (0, 0))[0], "chars_removed": effects.get(r, (0, 0))[1]}
            for r in sorted(rules, key=lambda r: -effects.get(r, (0, 0))[1])[:100]
        ],
        "outlets": [{"outlet": o, "pages": v[0], "chars_in": v[1], "chars_removed": v[2]} for o, v in sorted(per_outlet.items())],
        "skipped": [{"line": p.line, "reason": p.reason} for p in summary.skipped],
    }
