"""A baseline scored beside wiredup: trafilatura + MinHash-LSH on the same pages.

Each page's main text is `trafilatura.extract`; pages whose word 3-gram MinHash signatures
(datasketch, 128 permutations) meet in a `MinHashLSH` at threshold 0.5 are linked, connected
components are stories, and a story's canonical text is its longest extraction. The figures are
those of `dedup.evaluate` that need no cleaned.jsonl: story pairs, boilerplate strings left,
article openings kept and shared background paragraphs removed.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .evaluate import (
    Scores,
    SharedFigures,
    _jsonl,
    background_line,
    boilerplate_strings,
    openings_kept,
    page_key,
    pair_scores,
    strings_lines,
)

NAME = "trafilatura+MinHash-LSH"
NUM_PERM = 128
THRESHOLD = 0.5
SHINGLE = 3
_WORDS = re.compile(r"\w+")
_BULLET = re.compile(r"^[-*•]\s+")


class BaselineUnavailable(InputError):
    """trafilatura or datasketch is not installed."""


@dataclass(frozen=True)
class BaselineScores(SharedFigures):
    """The baseline's figures on the truth pages it found in the pages file."""

    pages_scored: int
    story_precision: float
    story_recall: float
    story_f1: float
    adjusted_rand: float
    article_openings_kept: float
    boilerplate_strings_left: int
    boilerplate_strings_total: int
    boilerplate_strings_by_kind: dict[str, int] = field(default_factory=dict)
    boilerplate_strings_examples: dict[str, list[str]] = field(default_factory=dict)
    background_shared: int = 0
    background_removed: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"pages scored            {self.pages_scored} ({self.seconds:.1f}s)",
            f"story pairwise P/R/F1   {self.story_precision:.4f} / {self.story_recall:.4f} / {self.story_f1:.4f}",
            f"adjusted Rand index     {self.adjusted_rand:.4f}",
            f"article openings kept   {100 * self.article_openings_kept:.2f}% of each story's article paragraphs",
            *strings_lines(self.boilerplate_strings_left, self.boilerplate_strings_total, self.boilerplate_strings_by_kind),
            background_line(self.background_removed, self.background_shared),
        ]


def _libraries():
    try:
        import trafilatura
    except ImportError as err:
        raise BaselineUnavailable(f"the baseline needs trafilatura, which is not installed ({err}); "
                                  "pip install -e '.[dev]'") from None
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError as err:
        raise BaselineUnavailable(f"the baseline needs datasketch, which is not installed ({err})") from None
    return trafilatura, MinHash, MinHashLSH


def paragraphs(text: str | None) -> list[str]:
    """trafilatura's text as whitespace-folded lines, list bullets dropped."""
    out = []
    for line in (text or "").split("\n"):
        line = _BULLET.sub("", " ".join(line.split()))
        if line:
            out.append(line)
    return out


def _shingles(text: str) -> set[bytes]:
    words = _WORDS.findall(text.casefold())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def cluster(texts: list[str]) -> list[int]:
    """Story number of each text: connected components of the MinHash-LSH candidate pairs."""
    _, MinHash, MinHashLSH = _libraries()
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    signatures = {}
    for i, text in enumerate(texts):
        shingles = _shingles(text)
        if not shingles:
            continue
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch(list(shingles))
        signatures[i] = m
        lsh.insert(i, m)
    for i, m in signatures.items():
        for j in lsh.query(m):
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return [find(i) for i in range(len(texts))]


def score_baseline(pages_path: Path, truth_path: Path) -> BaselineScores:
    """Run the baseline on the pages of `pages_path` that `truth_path` knows, and score it."""
    trafilatura, _, _ = _libraries()
    if not Path(pages_path).is_file():
        raise InputError(f"{pages_path} not found: the baseline reads the crawled pages (give --pages)")
    start = time.perf_counter()
    truth = {f"{t['outlet']}{t['path']}": t for t in _jsonl(Path(truth_path))}
    keys: list[str] = []
    extracted: list[list[str]] = []
    seen: set[str] = set()
    for row in _jsonl(Path(pages_path)):
        key = page_key(row.get("url", ""))
        if key not in truth or key in seen or not row.get("html"):
            continue
        seen.add(key)
        keys.append(key)
        extracted.append(paragraphs(trafilatura.extract(row["html"], url=row["url"])))
    if not keys:
        raise InputError(f"no page of {pages_path} is in {truth_path}: give the pages of the network that was scored")
    texts = ["\n\n".join(p) for p in extracted]
    stories = cluster(texts)
    longest: dict[int, int] = {}
    for i, story in enumerate(stories):
        if story not in longest or len(texts[i]) > len(texts[longest[story]]):
            longest[story] = i
    pages = [truth[k] for k in keys]
    precision, recall, f1, ari = pair_scores([str(s) for s in stories], [p["story"] for p in pages])
    canonical = [texts[i] for i in longest.values()]
    strings = boilerplate_strings(((texts[i], pages[i]) for i in longest.values()), pages)
    shared = removed = 0
    for page, lines in zip(pages, extracted):
        have = set(lines)
        for b in page["blocks"]:
            if b.get("shared"):
                shared += 1
                removed += b["text"] not in have
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return BaselineScores(
        pages_scored=len(keys), story_precision=precision, story_recall=recall, story_f1=f1, adjusted_rand=ari,
        article_openings_kept=openings_kept(canonical, [pages[i] for i in order]),
        boilerplate_strings_left=strings.left, boilerplate_strings_total=strings.total,
        boilerplate_strings_by_kind=strings.by_kind, boilerplate_strings_examples=strings.examples,
        background_shared=shared, background_removed=removed, seconds=time.perf_counter() - start,
    )


def side_by_side(ours: Scores, base: BaselineScores) -> list[str]:
    """The figures both have, wiredup beside the baseline."""
    def pct(x: float) -> str:
        return f"{100 * x:.2f}%"

    def strings(s) -> str:
        return f"{s.boilerplate_strings_left} of {s.boilerplate_strings_total}"

    def background(s) -> str:
        return f"{s.background_removed} of {s.background_shared}" + (
            f" ({pct(s.background_removed_share)})" if s.background_shared else "")

    rows = [
        ("pages scored", str(ours.pages_scored), str(base.pages_scored)),
        ("story precision", f"{ours.story_precision:.4f}", f"{base.story_precision:.4f}"),
        ("story recall", f"{ours.story_recall:.4f}", f"{base.story_recall:.4f}"),
        ("story F1", f"{ours.story_f1:.4f}", f"{base.story_f1:.4f}"),
        ("adjusted Rand index", f"{ours.adjusted_rand:.4f}", f"{base.adjusted_rand:.4f}"),
        ("article openings kept", pct(ours.article_openings_kept), pct(base.article_openings_kept)),
        ("boilerplate strings left", strings(ours), strings(base)),
    ]
    for kind in sorted(set(ours.boilerplate_strings_by_kind) | set(base.boilerplate_strings_by_kind)):
        rows.append((f"  {kind}", str(ours.boilerplate_strings_by_kind.get(kind, 0)),
                     str(base.boilerplate_strings_by_kind.get(kind, 0))))
    rows.append(("shared background removed", background(ours), background(base)))
    width = max(len(r[1]) for r in rows) + 2
    out = [f"{'':26}{'wiredup':<{width}}{NAME}"]
    out += [f"{name:26}{a:<{width}}{b}" for name, a, b in rows]
    return out


def examples_lines(title: str, examples: dict[str, list[str]]) -> list[str]:
    """Boilerplate strings left, a few per kind."""
    if not any(examples.values()):
        return [f"{title}: no boilerplate string left"]
    out = [f"{title}: boilerplate strings left, by kind"]
    for kind in sorted(examples):
        out += [f"  [{kind}] {json.dumps(t, ensure_ascii=False)}" for t in examples[kind]]
    return out
