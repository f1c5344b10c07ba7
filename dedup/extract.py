"""Article text of many pages at once: a single-page extractor per page, then corpus learning.

Per page, a candidate text: trafilatura's paragraphs when it is installed (`engine="auto"`),
with the blocks wiredup's DOM heuristics see as link lists vetoed, or wiredup's own lxml
heuristics alone (`engine="lxml"`). Across the corpus, `learn.learn` finds the fragments
repeated over distinct stories and the per-site templates (DESIGN.md), and their rules
remove what the single-page step kept. Every removed block carries its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from w3lib.encoding import html_to_unicode

from . import extract_traf
from .blocks import Block, PageDoc, parse_html
from .clean import RuleSet
from .errors import OptionsError
from .extract_dom import DomBlock, context_of, dom_blocks, page_title
from .extract_page import Verdict, judge_blocks
from .learn import learn
from .options import DedupOptions

Engine = Literal["auto", "lxml", "trafilatura"]
ENGINES: tuple[Engine, ...] = ("auto", "lxml", "trafilatura")
#: Reason given for a block the candidate extractor left out while wiredup's heuristics kept it.
LEFT_OUT = "left out by trafilatura"


@dataclass(frozen=True, kw_only=True)
class ExtractOptions:
    """How `extract_corpus` works; validated on creation."""

    #: `auto`: trafilatura when installed, else lxml; `lxml`: wiredup's heuristics only.
    engine: Engine = "auto"
    #: Learn repeated fragments and site templates across the pages given together.
    learn: bool = True
    dedup: DedupOptions = field(default_factory=DedupOptions)

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise OptionsError(f"unknown engine {self.engine!r}; use one of {', '.join(ENGINES)}")
        if self.engine == "trafilatura" and not extract_traf.available():
            raise OptionsError("engine 'trafilatura' needs trafilatura: pip install trafilatura (or use --engine lxml)")

    def uses_trafilatura(self) -> bool:
        """Whether this run extracts candidates with trafilatura."""
        return self.engine == "trafilatura" or (self.engine == "auto" and extract_traf.available())


@dataclass(frozen=True, slots=True)
class PageInput:
    """One page to extract: where it came from, its site (outlet) and its HTML."""

    source: str
    outlet: str
    html: str | bytes


@dataclass(frozen=True, slots=True)
class Removed:
    """A block left out of the text, and why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """The article of one page: title, kept paragraphs, removed blocks with reasons."""

    source: str
    title: str
    kept: tuple[str, ...]
    removed: tuple[Removed, ...]

    @property
    def text(self) -> str:
        """The kept paragraphs separated by a blank line."""
        return "\n\n".join(self.kept)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """The single-page result: kept blocks with their DOM context, and removed ones."""

    title: str
    kept: list[Block]
    removed: list[Removed]
    doc: PageDoc


def _utf8_or_cp1252(data: bytes) -> str:
    """The encoding of a page that declares none: UTF-8 when it decodes, else Windows-1252."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode_html(html: str | bytes) -> str:
    """Text of a page: bytes decoded as browsers do (BOM, meta charset, then UTF-8/cp1252 guess)."""
    if isinstance(html, str):
        return html
    return html_to_unicode(None, html, auto_detect_fun=_utf8_or_cp1252)[1]


def _candidate(html: str, with_trafilatura: bool) -> _Candidate:
    root = parse_html(html)
    if root is None:
        return _Candidate("", [], [], PageDoc("", ()))
    body = root.find("body")
    blocks = dom_blocks(body if body is not None else root)
    contexts = [context_of(b.element) for b in blocks]
    verdicts = judge_blocks(blocks)
    title = page_title(root)
    doc = PageDoc(title, tuple(Block(b.text, c) for b, c in zip(blocks, contexts)))
    lines = extract_traf.trafilatura_lines(html) if with_trafilatura else None
    if lines is not None:
        kept, removed = _veto(lines, blocks, contexts, verdicts)
    else:
        kept = [Block(b.text, c) for b, c, v in zip(blocks, contexts, verdicts) if v.keep]
        removed = [Removed(b.text, v.reason) for b, v in zip(blocks, verdicts) if not v.keep]
    return _Candidate(title, kept, removed, doc)


def _veto(lines: list[str], blocks: list[DomBlock], contexts: list[str], verdicts: list[Verdict]) -> tuple[list[Block], list[Removed]]:
    """trafilatura's paragraphs, minus those wiredup's heuristics see as link text."""
    own = {}
    for block, context, verdict in zip(blocks, contexts, verdicts):
        own.setdefault(block.text, (context, verdict))
    kept: list[Block] = []
    removed: list[Removed] = []
    for line in lines:
        context, verdict = own.get(line, ("", Verdict(True)))
        if verdict.reason.startswith("link text"):
            removed.append(Removed(line, verdict.reason))
        else:
            kept.append(Block(line, context))
    taken = set(lines)
    removed += [Removed(b.text, v.reason or LEFT_OUT) for b, v in zip(blocks, verdicts) if b.text not in taken]
    return kept, removed


def extract_corpus(pages: Sequence[PageInput], options: ExtractOptions | None = None) -> list[Extraction]:
    """The article text of every page, in input order, learning boilerplate across all of them."""
    options = options or ExtractOptions()
    with_trafilatura = options.uses_trafilatura()
    candidates = [_candidate(decode_html(p.html), with_trafilatura) for p in pages]
    rules = RuleSet([])
    if options.learn and len(pages) > 1:
        rules = RuleSet(learn([c.doc for c in candidates], [p.outlet for p in pages], options.dedup).rules)
    results = []
    for page, cand in zip(pages, candidates):
        kept: list[str] = []
        removed = list(cand.removed)
        for block in cand.kept:
            rule = rules.match(block, page.outlet)
            if rule is None:
                kept.append(block.text)
            else:
                removed.append(Removed(block.text, rule.describe()))
        results.append(Extraction(page.source, cand.title, tuple(kept), tuple(removed)))
    return results


def extract_page(html: str | bytes, source: str = "", options: ExtractOptions | None = None) -> Extraction:
    """The article text of one page on its own (no corpus to learn from)."""
    return extract_corpus([PageInput(source, source, html)], options)[0]
