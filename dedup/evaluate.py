"""Score a run against ground truth: story clustering and boilerplate removal.

Besides the block figures, two figures read the truth's optional marks (`wiredup generate
--inbody`): boilerplate strings left (distinct boilerplate block texts that are a paragraph of
some canonical text, per `kind`) and shared background paragraphs removed (article paragraphs
marked `shared`, which the learner must not take for boilerplate although several stories carry
them). `dedup.baseline` scores a trafilatura + MinHash-LSH pipeline on the same figures.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .errors import InputError
from .pages import LineProblem


class SharedFigures:
    """What every kind of scores derives from its background counts (for dataclasses holding
    `background_shared` and `background_removed`)."""

    background_shared: int
    background_removed: int

    @property
    def background_removed_share(self) -> float:
        return self.background_removed / self.background_shared if self.background_shared else 0.0

    def as_dict(self) -> dict:
        return asdict(self) | {"background_removed_share": self.background_removed_share}  # type: ignore[call-overload]


@dataclass(frozen=True)
class Scores(SharedFigures):
    """Figures of one run against one truth file (shares are fractions, not percent)."""

    pages_scored: int
    pages_missing: int
    story_precision: float
    story_recall: float
    story_f1: float
    adjusted_rand: float
    removal_precision: float
    removal_recall: float
    boilerplate_left: float
    article_lost: float
    canonical_boilerplate_left: float
    article_openings_kept: float
    boilerplate_strings_left: int = 0
    boilerplate_strings_total: int = 0
    boilerplate_strings_by_kind: dict[str, int] = field(default_factory=dict)
    boilerplate_strings_examples: dict[str, list[str]] = field(default_factory=dict)
    background_shared: int = 0  # page occurrences of paragraphs marked shared
    background_removed: int = 0

    def lines(self) -> list[str]:
        """The scores as aligned text lines."""
        return [
            f"pages scored            {self.pages_scored} ({self.pages_missing} truth pages not in the run)",
            f"story pairwise P/R/F1   {self.story_precision:.4f} / {self.story_recall:.4f} / {self.story_f1:.4f}",
            f"adjusted Rand index     {self.adjusted_rand:.4f}",
            f"boilerplate removal P/R {self.removal_precision:.4f} / {self.removal_recall:.4f}",
            f"boilerplate left        {100 * self.boilerplate_left:.2f}% of output characters",
            f"article text lost       {100 * self.article_lost:.2f}% of article characters",
            f"canonical texts         {100 * self.canonical_boilerplate_left:.2f}% boilerplate characters",
            f"article openings kept   {100 * self.article_openings_kept:.2f}% of each story's article paragraphs",
            *strings_lines(self.boilerplate_strings_left, self.boilerplate_strings_total, self.boilerplate_strings_by_kind),
            background_line(self.background_removed, self.background_shared),
        ]


def strings_lines(left: int, total: int, by_kind: dict[str, int]) -> list[str]:
    """The boilerplate-strings figure and its per-kind breakdown as text lines."""
    out = [f"boilerplate strings left {left} of {total} distinct boilerplate texts are canonical paragraphs"]
    if set(by_kind) - {"-"}:  # a truth without kinds has no breakdown
        out.append("  by kind               " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items(), key=lambda x: (-x[1], x[0]))))
    return out


def background_line(removed: int, shared: int) -> str:
    share = f" ({100 * removed / shared:.2f}%)" if shared else ""
    return f"shared background gone  {removed} of {shared} page occurrences{share}"


def page_key(url: str) -> str:
    """A crawled URL as a truth key: first label of the host name plus the path."""
    parts = urlsplit(url)
    return (parts.hostname or "").split(".")[0] + (parts.path or "/")


def _jsonl(path: Path) -> Iterable[dict]:
    if not path.is_file():
        raise InputError(f"{path} not found: run `wiredup run` or `scrapy crawl wire` first")
    problems: list[LineProblem] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as err:
                    problems.append(LineProblem(number, err.msg))
    if problems:
        raise InputError(f"{path}: {len(problems)} unreadable lines, first at line {problems[0].line}")


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pair_scores(predicted: list[str], truth: list[str]) -> tuple[float, float, float, float]:
    """Pairwise precision, recall, F1 and adjusted Rand index of two labelings of the same items."""
    both = sum(_pairs(n) for n in Counter(zip(predicted, truth)).values())
    pred = sum(_pairs(n) for n in Counter(predicted).values())
    true = sum(_pairs(n) for n in Counter(truth).values())
    precision = both / pred if pred else 1.0
    recall = both / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    expected = pred * true / _pairs(len(truth)) if len(truth) > 1 else 0.0
    top = (pred + true) / 2 - expected
    ari = (both - expected) / top if top else 1.0
    return precision, recall, f1, ari


def evaluate(out_dir: Path, truth_path: Path) -> Scores:
    """Compare `cleaned.jsonl` in a run's folder with a network's `truth.jsonl`."""
    truth = {f"{t['outlet']}{t['path']}": t for t in _jsonl(truth_path)}
    predicted: list[str] = []
    labels: list[str] = []
    removed = {"boilerplate": 0, "article": 0}
    kept_chars = {"boilerplate": 0, "article": 0}
    total = {"boilerplate": 0, "article": 0}
    scored: set[str] = set()
    shared = {"pages": 0, "removed": 0}
    for row in _jsonl(Path(out_dir) / "cleaned.jsonl"):
        key = page_key(row["url"])
        page = truth.get(key)
        if page is None or key in scored:
            continue
        scored.add(key)
        predicted.append(row["story"])
        labels.append(page["story"])
        kept = Counter(row["kept"])
        for block in page["blocks"]:
            label = block["label"]
            if label not in total:
                continue
            total[label] += len(block["text"])
            if kept[block["text"]] > 0:
                kept[block["text"]] -= 1
                kept_chars[label] += len(block["text"])
                gone = False
            else:
                removed[label] += 1
                gone = True
            if block.get("shared"):
                shared["pages"] += 1
                shared["removed"] += gone
    if not scored:
        raise InputError(
            f"no page of the run in {out_dir} is in {truth_path}: give --truth the truth.jsonl of the network that was crawled"
        )
    precision, recall, f1, ari = pair_scores(predicted, labels)
    bp_blocks = sum(1 for key in scored for b in truth[key]["blocks"] if b["label"] == "boilerplate")
    out_chars = kept_chars["boilerplate"] + kept_chars["article"]
    stories_path = Path(out_dir) / "stories.jsonl"
    pages = [truth[key] for key in sorted(scored)]
    sources = canonical_sources(stories_path)
    texts = [text for text, _ in sources]
    strings = boilerplate_strings(((text, truth.get(key)) for text, key in sources), pages)
    return Scores(
        pages_scored=len(scored),
        pages_missing=len(truth) - len(scored),
        story_precision=precision,
        story_recall=recall,
        story_f1=f1,
        adjusted_rand=ari,
        removal_precision=removed["boilerplate"] / (removed["boilerplate"] + removed["article"]) if any(removed.values()) else 1.0,
        removal_recall=removed["boilerplate"] / bp_blocks if bp_blocks else 1.0,
        boilerplate_left=kept_chars["boilerplate"] / out_chars if out_chars else 0.0,
        article_lost=1 - kept_chars["article"] / total["article"] if total["article"] else 0.0,
        canonical_boilerplate_left=_canonical_boilerplate(stories_path, truth),
        article_openings_kept=openings_kept(texts, pages),
        boilerplate_strings_left=strings.left,
        boilerplate_strings_total=strings.total,
        boilerplate_strings_by_kind=strings.by_kind,
        boilerplate_strings_examples=strings.examples,
        background_shared=shared["pages"],
        background_removed=shared["removed"],
    )


def canonical_texts(stories_path: Path) -> list[str]:
    """The canonical text of every story of a run's stories.jsonl."""
    return [text for text, _ in canonical_sources(stories_path)]


def canonical_sources(stories_path: Path) -> list[tuple[str, str]]:
    """(canonical text, truth key of its source page) of every story of a run's stories.jsonl."""
    out = []
    for story in _jsonl(stories_path):
        source = next((v for v in story["versions"] if v["canonical"]), None)
        out.append((story["text"], page_key(source["url"]) if source else ""))
    return out


@dataclass(frozen=True)
class StringsLeft:
    """Distinct boilerplate block texts found as whole paragraphs of canonical texts."""

    left: int
    total: int
    by_kind: dict[str, int]  # kind -> strings left ("-" when the truth has no kinds)
    examples: dict[str, list[str]]  # kind -> up to EXAMPLES strings left, shortest first


EXAMPLES = 5


def boilerplate_strings(canonical: Iterable[tuple[str, dict | None]], pages: Iterable[dict]) -> StringsLeft:
    """Count the distinct texts labelled boilerplate that are a paragraph (blank-line separated)
    of a canonical text, judged by the truth of the text's source page (`canonical` holds pairs
    of text and truth page): a headline is boilerplate in a teaser of one page and the title of
    another. `total` is the number of distinct boilerplate texts on `pages`."""
    kinds: dict[str, str] = {}
    for page in pages:
        for b in page["blocks"]:
            if b["label"] == "boilerplate":
                kinds.setdefault(b["text"], b.get("kind", "-"))
    found: dict[str, str] = {}
    for text, page in canonical:
        if page is None or not text:
            continue
        labels: dict[str, str] = {}
        for b in page["blocks"]:
            if b["label"] != "boilerplate":  # article text or the headline on its page: never a string left
                labels[b["text"]] = ""
            elif labels.get(b["text"]) is None:
                labels[b["text"]] = b.get("kind", "-")
        for paragraph in text.split("\n\n"):
            kind = labels.get(" ".join(paragraph.split()))
            if kind:
                found.setdefault(" ".join(paragraph.split()), kind)
    by_kind = Counter(found.values())
    examples: dict[str, list[str]] = {}
    for t in sorted(found, key=lambda t: (len(t), t)):
        shown = examples.setdefault(found[t], [])
        if len(shown) < EXAMPLES:
            shown.append(t)
    return StringsLeft(len(found), len(kinds), dict(by_kind), examples)


def _canonical_boilerplate(stories_path: Path, truth: dict[str, dict]) -> float:
    """Share of boilerplate characters in the canonical texts, judged by their source pages."""
    chars = {"boilerplate": 0, "article": 0}
    for story in _jsonl(stories_path):
        source = next((v for v in story["versions"] if v["canonical"]), None)
        page = truth.get(page_key(source["url"])) if source else None
        if page is None:
            continue
        labels = {b["text"]: b["label"] for b in page["blocks"]}
        for paragraph in story["text"].split("\n\n") if story["text"] else []:
            label = labels.get(paragraph)
            if label in chars:
                chars[label] += len(paragraph)
    total = chars["boilerplate"] + chars["article"]
    return chars["boilerplate"] / total if total else 0.0


#: An article paragraph's opening: this many words, after the first `OPENING_SKIP` of a
#: paragraph long enough (a dateline such as `Berlin (dpa) -` differs between outlets).
OPENING_WORDS = 8
OPENING_SKIP = 4
_WORDS = re.compile(r"\w+")


def _opening(paragraph: str) -> tuple[str, ...]:
    tokens = _WORDS.findall(paragraph.casefold())
    skip = OPENING_SKIP if len(tokens) >= OPENING_SKIP + OPENING_WORDS else 0
    return tuple(tokens[skip : skip + OPENING_WORDS])


def _openings_kept(stories_path: Path, pages: list[dict]) -> float:
    """`openings_kept` of the canonical texts of a run's stories.jsonl."""
    return openings_kept(canonical_texts(stories_path), pages)


def openings_kept(texts: Iterable[str], pages: list[dict]) -> float:
    """Share of each true story's article paragraphs (those on at least half of its pages, by
    their openings) whose opening words appear in some canonical text: what chaining (one
    canonical text for several stories) and over-removal lose."""
    pages_of: dict[str, int] = Counter(page["story"] for page in pages)
    carried: Counter[tuple[str, tuple[str, ...]]] = Counter()
    for page in pages:
        for opening in {_opening(b["text"]) for b in page["blocks"] if b["label"] == "article"}:
            if opening:
                carried[page["story"], opening] += 1
    wanted = [opening for (story, opening), n in carried.items() if 2 * n >= pages_of[story]]
    if not wanted:
        return 1.0
    missing = set(wanted)
    lengths = {len(w) for w in wanted}
    for text in texts:
        tokens = _WORDS.findall(text.casefold())
        for n in lengths:
            missing.difference_update(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return sum(w not in missing for w in wanted) / len(wanted)
