"""Incremental runs: a batch of pages against a persistent state (`wiredup run --state`).

A batch's pages whose URL and content the state knows are skipped. The rest are cleaned with
the state's rules and sketched; LSH over their signatures and those of the pages in the window
finds the stored stories they may belong to. Those stories' pages (re-read from the state) and
the batch are then learned as one corpus, with the state's rules given: stories, new rules,
cleaning and canonical texts as a batch run makes them. A story keeps the id it got when it was
first seen; two stored stories that merge keep the older one's. The state gets every change in
one commit; the output folder gets this run's stories and pages and `changes.json`.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .corpus import Corpus
from .errors import InputError
from .learn import learn_corpus
from .loading import load_corpus
from .options import DedupOptions
from .pages import LineProblem, atomic_writer
from .parallel import reap_children
from .pipeline import (
    CLEANED,
    FORK_MIN_PAGES,
    REPORT_HTML,
    REPORT_JSON,
    RULES,
    STORIES,
    _story_id,
    write_outputs,
)
from .related import MIN_PROSE_WORDS
from .rules import Rule, ordered_rules, parse_rule, write_ordered_rules
from .state import PageRecord, State, Window, fetched_time, inflated, packed
from .state_store import FORMAT_FILE, StateError, open_store
from .stories import candidates
from .timing import Stopwatch

log = logging.getLogger(__name__)

#: What changed in a run, beside its other outputs.
CHANGES = "changes.json"
#: Rules of these kinds are given to later runs; slot rules (prefix, suffix, lead, tail, closing),
#: which generalise from the slot values a corpus shows, are learned again by each run.
CARRIED_KINDS = frozenset({"text", "context"})
#: The window when none is given.
DEFAULT_WINDOW = "14d"


@contextmanager
def opened_state(spec: str, options: DedupOptions) -> Iterator[State]:
    """The state of `--state` (a folder or redis:// URL), locked while the block runs."""
    store = open_store(spec)
    try:
        yield State(store, options)
    finally:
        store.close()


@dataclass
class RunChanges:
    """What a run changed in the state (written to `changes.json`)."""

    pages_skipped: int = 0
    pages_added: int = 0
    pages_updated: list[str] = field(default_factory=list)
    new_stories: list[str] = field(default_factory=list)
    new_versions: dict[str, list[str]] = field(default_factory=dict)
    new_outlets: dict[str, list[str]] = field(default_factory=dict)
    canonical_changed: list[dict] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)
    rules_learned: list[str] = field(default_factory=list)
    rules_dropped: list[str] = field(default_factory=list)
    stories_left_window: int = 0
    pages_reread: int = 0
    #: Wall seconds per stage of the run.
    seconds: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class IncrementalSummary:
    """The figures an incremental run ends with."""

    out_dir: Path
    changes: RunChanges
    stories: int
    pages: int
    skipped: list[LineProblem]
    seconds: dict[str, float]

    def lines(self) -> list[str]:
        c = self.changes
        lines = [
            (f"{c.pages_added} new pages, {len(c.pages_updated)} updated, {c.pages_skipped} seen before (skipped);"
             f" {c.pages_reread} pages of known stories re-read"),
            (f"{len(c.new_stories)} new stories, {len(c.new_versions)} with new versions, {len(c.new_outlets)} with new outlets,"
             f" {len(c.canonical_changed)} canonical texts changed, {len(c.merged)} merged"),
            f"{len(c.rules_learned)} rules learned, {len(c.rules_dropped)} dropped; {c.stories_left_window} stories left the window",
            f"state: {self.pages} pages, {self.stories} stories",
        ]
        if self.skipped:
            lines.append(f"{len(self.skipped)} input lines skipped")
        written = [name for name in (STORIES, CLEANED, RULES, REPORT_JSON, REPORT_HTML, CHANGES) if (self.out_dir / name).exists()]
        lines.append(f"outputs in {self.out_dir}: {' '.join(written)} (this run's stories; all: wiredup stories --state)")
        return lines


def content_hashes(corpus: Corpus) -> list[str]:
    """Per page, a hash of what dedup reads of it: title and text blocks in order, with their contexts."""
    arrays = corpus.arrays()
    text_hash = _string_hashes(corpus.texts)
    context_hash = _string_hashes(corpus.contexts)
    codes = text_hash[arrays.text] ^ (context_hash[arrays.context] * np.uint64(0x9E3779B97F4A7C15))
    offsets = arrays.offsets.tolist()
    return [
        hashlib.blake2b(meta.title.encode("utf-8", "surrogatepass") + b"\0" + codes[offsets[i] : offsets[i + 1]].tobytes(),
                        digest_size=10).hexdigest()
        for i, meta in enumerate(corpus.pages)
    ]


def _string_hashes(strings: list[str]) -> np.ndarray:
    """A 64-bit hash of every string."""
    return np.fromiter((int.from_bytes(hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
                        for s in strings), dtype=np.uint64, count=len(strings))


def _copy_pages(source: Corpus, target: Corpus, pages: list[int]) -> None:
    """Append `pages` of `source` to `target`."""
    if not pages:
        return
    encoded, ends = source.text_json()
    keys, text_keys = source.keys, source.text_keys
    text_ids = np.asarray(target.text_ids(source.texts, [keys[k] for k in text_keys],
                                          [bytes(encoded[ends[t] : ends[t + 1]]) for t in range(len(source.texts))]), dtype=np.int64)
    context_ids = np.asarray(target.context_ids(source.contexts), dtype=np.int64)
    arrays = source.arrays()
    selected = np.zeros(len(source), dtype=bool)
    selected[pages] = True
    occurrences = selected[arrays.page]
    counts = np.diff(arrays.offsets)[pages]
    target.add_pages([source.pages[i] for i in pages], counts.tolist(),
                     text_ids[arrays.text[occurrences]], context_ids[arrays.context[occurrences]])


def _page_doc(corpus: Corpus, page: int) -> bytes:
    """A page's title and blocks as stored in `docs`."""
    arrays, meta = corpus.arrays(), corpus.pages[page]
    start, end = int(arrays.offsets[page]), int(arrays.offsets[page + 1])
    texts, contexts = corpus.texts, corpus.contexts
    blocks = [[texts[t], contexts[c]] for t, c in zip(arrays.text[start:end].tolist(), arrays.context[start:end].tolist())]
    return packed({"outlet": meta.outlet, "fetched_at": meta.fetched_at, "title": meta.title, "blocks": blocks})


def _linked_window(probe: np.ndarray, window: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """The LSH candidate pairs of a `probe` row and a `window` row, as (probe rows, window rows)."""
    if not len(probe) or not len(window):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    a, b = candidates(np.vstack([window, probe]), threshold)
    m = len(window)
    cross = (a < m) != (b < m)
    a, b = a[cross], b[cross]
    rows, hit = np.where(a < m, b, a) - m, np.where(a < m, a, b)
    if not len(rows):
        return rows, hit
    similar = (probe[rows] == window[hit]).mean(axis=1) >= threshold  # the candidates' estimated Jaccard similarity
    return rows[similar], hit[similar]


def _key_hash(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _short_kept(corpus: Corpus, verdicts: np.ndarray, label_of_page: np.ndarray) -> dict[int, set[int]]:
    """Fragment -> labels of the pages whose kept text holds it, for fragments of fewer than
    `MIN_PROSE_WORDS` words (names, headlines, credits: where boilerplate hides in short lines)."""
    arrays = corpus.arrays()
    short = np.fromiter((len(key.split()) < MIN_PROSE_WORDS for key in corpus.keys), dtype=bool, count=len(corpus.keys))
    chosen = (verdicts < 0) & short[arrays.fragment]
    fragments, labels = arrays.fragment[chosen], label_of_page[arrays.page[chosen]]
    found: dict[int, set[int]] = defaultdict(set)
    for f, label in set(zip(fragments.tolist(), labels.tolist())):
        found[f].add(label)
    return found


def _lines_by(path: Path, key: str) -> dict[str, bytes]:
    """The lines of a JSONL output by one of their fields."""
    found = {}
    with path.open("rb") as fh:
        for line in fh:
            line = line.rstrip(b"\n")
            if line:
                found[json.loads(line)[key]] = line
    return found


class _Namer:
    """Story ids of a run: a stored story's id stays with the group holding most of its pages
    (the oldest story wins a group); any other group gets a new id from its smallest URL."""

    def __init__(self, corpus: Corpus, old_story: list[str | None], first_run: dict[str, int], taken: Callable[[list[str]], set[str]]):
        self.corpus, self.old_story, self.first_run, self.taken = corpus, old_story, first_run, taken
        self.merged: dict[str, str] = {}

    def __call__(self, groups: list[list[int]]) -> list[str]:
        claims = []
        for g, members in enumerate(groups):
            for sid, n in Counter(self.old_story[p] for p in members if self.old_story[p]).items():
                claims.append((-n, self.first_run.get(sid, 0), sid, g))
        names: list[str | None] = [None] * len(groups)
        used: set[str] = set()
        for _, _, sid, g in sorted(claims):
            if names[g] is None and sid not in used:
                names[g] = sid
                used.add(sid)
        for _, _, sid, g in sorted(claims):
            if sid not in used:
                self.merged.setdefault(sid, names[g] or "")
        fresh = {g: _story_id([self.corpus.pages[p].url for p in members]) for g, members in enumerate(groups) if names[g] is None}
        stored = self.taken(list(fresh.values()))
        for g, sid in sorted(fresh.items()):
            base, n = sid, 1
            while sid in used or sid in stored:
                sid = f"{base}-{n}"
                n += 1
            names[g] = sid
            used.add(sid)
        self.merged = {old: new for old, new in self.merged.items() if old not in used}
        return [n or "" for n in names]


def run_incremental(pages_path: Path, out_dir: Path, state_spec: str, *, window: Window | None = None,
                    options: DedupOptions | None = None, workers: int | None = None,
                    progress: Callable[[int], None] | None = None, watch: Stopwatch | None = None) -> IncrementalSummary:
    """Add a batch of pages to the state at `state_spec` and write what changed to `out_dir`."""
    options = options or DedupOptions()
    window = window or Window.parse(DEFAULT_WINDOW)
    watch = watch or Stopwatch()
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"output folder {out_dir} is a file: give -o a folder (it is created if missing)")
    with opened_state(state_spec, options) as state:
        problems: list[LineProblem] = []
        with watch("blocks"):
            batch = load_corpus(Path(pages_path), problems, progress, workers)
        summary = _add_batch(state, batch, out_dir, window, options, workers, problems, watch, Path(pages_path).parent)
    reap_children()
    return summary


def _add_batch(state: State, batch: Corpus, out_dir: Path, window: Window, options: DedupOptions, workers: int | None,
               problems: list[LineProblem], watch: Stopwatch, crawl_dir: Path) -> IncrementalSummary:
    changes = RunChanges()
    run = state.run + 1
    with watch("state"):
        hashes = content_hashes(batch)
        urls = [meta.url for meta in batch.pages]
        known = state.pages(urls)
        fresh = [i for i, url in enumerate(urls) if url not in known or known[url].content != hashes[i]]
        changes.pages_skipped = len(urls) - len(fresh)
        changes.pages_updated = sorted(urls[i] for i in fresh if urls[i] in known)
        changes.pages_added = len(fresh) - len(changes.pages_updated)
        stored_rules = state.rules()
        given = [rule for rule in map(parse_rule, stored_rules) if rule.kind in CARRIED_KINDS]
    out_dir.mkdir(parents=True, exist_ok=True)
    if not fresh:
        state.set_meta(run, state.seq, state.newest)
        state.commit()
        _write_changes(out_dir, changes)
        return IncrementalSummary(out_dir, changes, state.store.count("stories"), state.store.count("pages"), problems, watch.seconds)
    fresh_corpus = Corpus()
    _copy_pages(batch, fresh_corpus, fresh)
    with watch("state"):
        in_window = state.window()
    window_stories = set(in_window.stories)
    # an update joins its story's other versions while they are in the window; after that it is matched like a new page
    touched: set[str] = {known[urls[i]].story for i in fresh if urls[i] in known} & window_stories
    if len(in_window.urls):
        with watch("probe"):
            probe = learn_corpus(fresh_corpus, options, given, learn_rules=False, fork=False)
            rows, hit = _linked_window(probe.signatures, in_window.signatures, options.story_candidates)
            touched.update(in_window.stories[i] for i in hit.tolist())
            linked: dict[int, set[str]] = defaultdict(set)
            for row, window_row in zip(rows.tolist(), hit.tolist()):
                linked[int(probe.story_of_page[row])].add(in_window.stories[window_row])
            evidence_rules, evidence_stories = _evidence_rules(state, fresh_corpus, probe, linked, options)
            log.info("wiredup: %d stored stories linked, %d more hold evidence", len(touched), len(evidence_stories))
        given += evidence_rules
        touched.update(sid for sid in evidence_stories if sid in window_stories)
    updated = set(changes.pages_updated)
    reread = [url for url, sid in zip(in_window.urls, in_window.stories) if sid in touched and url not in updated]
    with watch("state"):
        docs = state.docs(reread)
        reread_records = state.pages(reread)
        old_stories = state.stories(sorted(touched))
        old_lines = state.story_lines(sorted(touched))
    missing = [url for url in reread if url not in docs or url not in reread_records]
    if missing:
        raise StateError(f"state {state.where} is corrupt (window pages without their text, e.g. {missing[0]}); restore it from a backup")
    changes.pages_reread = len(reread)
    work = Corpus()
    for url in reread:
        work.add(*docs[url])
    _copy_pages(fresh_corpus, work, list(range(len(fresh_corpus))))
    n_old = len(reread)
    seq_of = [reread_records[url].seq for url in reread] + [state.seq + 1 + i for i in range(len(fresh))]
    content_of = [reread_records[url].content for url in reread] + [hashes[i] for i in fresh]
    old_story: list[str | None] = [reread_records[url].story for url in reread]
    old_story += [known[urls[i]].story if urls[i] in known and known[urls[i]].story in touched else None for i in fresh]
    first_run = {sid: int(record["first_run"]) for sid, record in old_stories.items()}
    namer = _Namer(work, old_story, first_run, lambda ids: set(state.stories(ids)))
    fork = workers != 1 and len(work) >= FORK_MIN_PAGES
    learned = learn_corpus(work, options, given, True, watch, fork=fork)
    write_outputs(work, learned, given, out_dir, options, problems, watch, fork, crawl_dir, namer)
    with watch("state"):
        story_lines = _lines_by(out_dir / STORIES, "id")
        cleaned_lines = _lines_by(out_dir / CLEANED, "url")
        seq = state.seq + len(fresh)
        newest = max([state.newest, *(m.fetched_at for m in fresh_corpus.pages if fetched_time(m.fetched_at))], key=_time_key)
        members: dict[str, list[int]] = defaultdict(list)
        for sid, line in story_lines.items():
            for version in json.loads(line)["versions"]:
                members[sid].append(version["url"])
        page_of = {meta.url: i for i, meta in enumerate(work.pages)}
        story_of_url = {url: sid for sid, page_urls in members.items() for url in page_urls}
        for page, meta in enumerate(work.pages):
            sid = story_of_url[meta.url]
            state.put_page(meta.url, PageRecord(content_of[page], sid, seq_of[page], meta.fetched_at), cleaned_lines[meta.url])
            state.put_window_page(meta.url, sid, learned.signatures[page], _page_doc(work, page) if page >= n_old else None)
        for sid, page_urls in members.items():
            pages = [page_of[u] for u in page_urls]
            record = {
                "first_run": first_run.get(sid, run),
                "urls": page_urls,
                "last_seq": max(seq_of[p] for p in pages),
                "last_fetched": max((work.pages[p].fetched_at for p in pages), key=_time_key),
                "outlets": len({work.pages[p].outlet for p in pages}),
                "versions": len(pages),
            }
            state.put_story(sid, record, story_lines[sid])
            _note_story(changes, sid, old_stories.get(sid), old_lines.get(sid), page_urls, work, page_of, story_lines[sid])
        loaded = {reread_records[url].story for url in reread}
        for sid in loaded - set(members):
            state.drop_story(sid)
        carried = np.array([rule.kind in CARRIED_KINDS for rule in learned.rules.rules] + [False])  # [-1]: kept
        _update_evidence(state, work, np.where(carried[learned.verdicts], learned.verdicts, -1), story_of_url, options, window, seq, newest)
        changes.merged = {old: new for old, new in namer.merged.items() if old in touched}
        changes.rules_learned, changes.rules_dropped = _next_rules(state, stored_rules, learned, given, window, run, seq, newest)
        changes.stories_left_window = _leave_window(state, in_window, members, window, seq, newest)
        state.set_meta(run, seq, newest)
        state.commit()
    changes.seconds = {stage: round(s, 3) for stage, s in watch.seconds.items()}
    _write_changes(out_dir, changes)
    return IncrementalSummary(out_dir, changes, state.store.count("stories"), state.store.count("pages"), problems, watch.seconds)


def _evidence_rules(state: State, corpus: Corpus, probe, linked: dict[int, set[str]],
                    options: DedupOptions) -> tuple[list[Rule], set[str]]:
    """Text rules for short fragments that the batch's stories (as the probe clustered them,
    a story linked to stored ones counted as those) bring to `min_stories` stories with the
    stored evidence; and the stored stories holding them, to be cleaned again."""
    found = _short_kept(corpus, probe.verdicts, probe.story_of_page)
    keys = corpus.keys
    hashes = {f: _key_hash(keys[f]) for f in found}
    stored = state.evidence(list(hashes.values()))
    rules, stories = [], set()
    for f, labels in found.items():
        before = stored.get(hashes[f])
        if before is None:
            continue
        seen = set(before[0])
        for label in labels:
            seen |= linked.get(label) or {f"new {label}"}
        if len(seen) >= options.min_stories:
            rules.append(Rule("text", "*", keys[f], len(seen), 0))
            stories.update(before[0])
    return rules, stories


def _update_evidence(state: State, corpus: Corpus, verdicts: np.ndarray, story_of_url: dict[str, str], options: DedupOptions,
                     window: Window, seq: int, newest: str) -> None:
    """Add the run's stories to the evidence of the short fragments they keep; forget the
    evidence last added outside the window, and that of fragments now removed. `verdicts`: the
    rules that removed each block, of the kinds later runs are given (a slot rule is learned
    again by each run, so what it removed still counts as kept)."""
    names = sorted(set(story_of_url.values()))
    number = {sid: i for i, sid in enumerate(names)}
    label_of_page = np.asarray([number[story_of_url[meta.url]] for meta in corpus.pages], dtype=np.int64)
    found = _short_kept(corpus, verdicts, label_of_page)
    keys = corpus.keys
    hashes = {f: _key_hash(keys[f]) for f in found}
    removed = {_key_hash(keys[f]) for f in np.unique(corpus.arrays().fragment[verdicts >= 0]).tolist()}
    kept = set(hashes.values())
    for h, (_, last) in state.all_evidence():
        if h in removed or (h not in kept and not window.keeps(int(last), newest, seq, newest)):
            state.drop_evidence(h)
    stored = state.evidence(list(hashes.values()))
    for f, labels in found.items():
        before = stored.get(hashes[f], [[], 0])[0]
        stories = sorted(set(before) | {names[label] for label in labels})[: options.min_stories]
        state.put_evidence(hashes[f], stories, seq)


def _time_key(text: str) -> tuple[int, str]:
    found = fetched_time(text)
    return (1, found.isoformat()) if found else (0, text)


def _note_story(changes: RunChanges, sid: str, before: dict | None, old_line: bytes | None, urls: list[str], work: Corpus,
                page_of: dict[str, int], line: bytes) -> None:
    """Record a written story's changes against its stored record."""
    if before is None:
        changes.new_stories.append(sid)
        return
    added = sorted(set(urls) - set(before["urls"]))
    if added:
        changes.new_versions[sid] = added
    old_outlets = set(json.loads(old_line)["outlets"]) if old_line else set()
    outlets = sorted({work.pages[page_of[u]].outlet for u in urls} - old_outlets)
    if outlets:
        changes.new_outlets[sid] = outlets
    old_text = json.loads(old_line)["text"] if old_line else ""
    new_text = json.loads(line)["text"]
    if old_text != new_text:
        changes.canonical_changed.append({"id": sid, "old": old_text, "new": new_text})


def _next_rules(state: State, stored: dict[str, list], learned, given: list[Rule], window: Window, run: int, seq: int,
                newest: str) -> tuple[list[str], list[str]]:
    """The state's rules after this run: those that removed a block or were learned now are
    renewed, the rest leave when their last use falls out of the window."""
    rules = learned.rules.rules
    used = {rules[i].line() for i in np.unique(learned.verdicts[learned.verdicts >= 0]).tolist()}
    learned_lines = {rule.line() for rule in learned.learned}
    after: dict[str, list] = {}
    for line, row in stored.items():
        if line in used or line in learned_lines:
            after[line] = [seq, newest, row[2]]
        elif window.keeps(int(row[0]), str(row[1]), seq, newest):
            after[line] = row
    for line in learned_lines - set(stored):
        after[line] = [seq, newest, run]
    state.set_rules(after, stored)
    return sorted(learned_lines - set(stored)), sorted(set(stored) - set(after))


def _leave_window(state: State, before, written: dict[str, list[str]], window: Window, seq: int, newest: str) -> int:
    """Drop the texts and signatures of the stories whose last version is out of the window."""
    records = state.stories(sorted(set(before.stories) - set(written)))
    records.update({sid: json.loads(state.changes.put["stories"][sid]) for sid in written})
    left = 0
    for record in records.values():
        if not window.keeps(int(record["last_seq"]), str(record["last_fetched"]), seq, newest):
            left += 1
            for url in record["urls"]:
                state.drop_window_page(url)
    return left


def _write_changes(out_dir: Path, changes: RunChanges) -> None:
    with atomic_writer(out_dir / CHANGES) as fh:
        fh.write(json.dumps(changes.as_dict(), indent=1, ensure_ascii=False) + "\n")


def write_state_stories(state_spec: str, out_dir: Path, options: DedupOptions | None = None) -> dict:
    """The full current stories.jsonl, cleaned.jsonl, rules.tsv and report.json of a state."""
    out_dir = Path(out_dir)
    if "://" not in state_spec and not (Path(state_spec) / FORMAT_FILE).is_file():
        raise InputError(f"no state in {state_spec}: give --state the folder (or redis:// URL) that runs with --state wrote")
    out_dir.mkdir(parents=True, exist_ok=True)
    with opened_state(state_spec, options or DedupOptions()) as state:
        records = {sid: json.loads(blob) for sid, blob in state.store.items("stories")}
        order = sorted(records, key=lambda sid: (-records[sid]["outlets"], -records[sid]["versions"], sid))
        with atomic_writer(out_dir / STORIES, binary=True) as fh:
            for part in range(0, len(order), 1000):
                lines = state.story_lines(order[part : part + 1000])
                fh.write(b"".join(lines[sid] + b"\n" for sid in order[part : part + 1000]))
        pages = 0
        with atomic_writer(out_dir / CLEANED, binary=True) as fh:
            for _, blob in state.store.items("cleaned"):
                fh.write(inflated(blob, state.where) + b"\n")
                pages += 1
        rules = ordered_rules([parse_rule(line) for line in state.rules()])
        write_ordered_rules(out_dir / RULES, rules)
        totals = {
            "pages": pages, "stories": len(records), "syndicated_stories": sum(1 for r in records.values() if r["outlets"] > 1),
            "versions": sum(r["versions"] for r in records.values() if r["versions"] > 1), "fragment_rules": len(rules),
            "runs": state.run, "window_pages": state.store.count("sigs"),
        }
        with atomic_writer(out_dir / REPORT_JSON) as fh:
            fh.write(json.dumps({"totals": totals, "state": state.where}, indent=1) + "\n")
    return totals
