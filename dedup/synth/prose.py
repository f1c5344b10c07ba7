"""Real article prose for generated stories: one extracted page of a prose folder per story.

A prose folder holds `manifest.jsonl` (one page a line: `html`, the path of a gzipped raw page;
optionally `with` and `without`, substrings its main text must keep and must not) and the
pages. Each page is reduced to its article paragraphs by wiredup's own lxml extractor (no
trafilatura, so the result does not depend on what is installed), minus paragraphs holding a
`without` segment or a `©`, paragraphs closing in brackets (a photo credit) and paragraphs two
pages share; a page is usable when it keeps
`MIN_PARAGRAPHS` paragraphs of prose. Pages whose text keeps all their `with` segments come first.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..blocks import parse_html
from ..extract import ExtractOptions, extract_page
from .rand import rng
from .spec import NetworkSpec, sizes

MIN_PARAGRAPHS = 5  # four for the story (a cut copy keeps four) and one for the update
MAX_PARAGRAPHS = 16  # longer articles keep their first paragraphs and their last one
MIN_WORDS = 8  # a paragraph of prose: shorter blocks are captions, labels, dates
MAX_HEADLINE_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?…:;\"'“”»«)\]]$")
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[\"„“«»A-ZÄÖÜ0-9])")
_SITE_PARTS = re.compile(r"\s+[|–—›»:-]{1,2}\s+")
_PUNCT = ".,;:!?\"'„“”«»()[]–-…"
_OPTIONS = ExtractOptions(engine="lxml", learn=False)


@dataclass(frozen=True)
class ProseArticle:
    """The usable text of one page: headline and paragraphs of prose."""

    source: str  # the manifest's `html` path
    title: str
    paragraphs: tuple[str, ...]


def sentences(text: str) -> list[str]:
    """`text` split after sentence ends followed by a capital, digit or quote."""
    return _SENTENCES.split(text)


def shorten(text: str, words: int = MAX_HEADLINE_WORDS) -> str:
    """The first `words` words of `text`, without trailing sentence punctuation."""
    return " ".join(text.split()[:words]).rstrip(".,;:!?")


def _prose(paragraph: str) -> bool:
    """At least MIN_WORDS words of letters, ending like a sentence (not a date line or label),
    not in brackets (a photo caption's credit: `(AP Photo/<name>)`, `(Foto: dpa)`)."""
    words = sum(w.strip(_PUNCT).isalpha() for w in paragraph.split())
    return words >= MIN_WORDS and bool(_SENTENCE_END.search(paragraph)) and not paragraph.rstrip().endswith(")")


def _headline(text: str) -> str:
    """The longest part of a page title split at ` | `, ` - `, ` » `...: the site name goes."""
    part = max(_SITE_PARTS.split(text), key=len)
    return part if len(part.split()) >= 3 else text


def _titles(html: bytes, given: object) -> list[str]:
    """Headline candidates: the manifest's title, `og:title`, `<title>`, `h1`, site names cut."""
    root = parse_html(html)
    found = [_headline(given)] if isinstance(given, str) else []
    if root is not None:
        for path in (".//meta[@property='og:title']", ".//title", ".//h1"):
            el = root.find(path)
            if el is not None:
                text = " ".join(((el.get("content") or "") if el.tag == "meta" else "".join(el.itertext())).split())
                found.append(_headline(text))
    return found


def _title(candidates: list[str], lead: str) -> str:
    """The first candidate of three words or more, else the lead's first sentence shortened."""
    return next((t for t in candidates if len(t.split()) >= 3), shorten(sentences(lead)[0]))


def _read(folder: Path) -> list[tuple[str, list[str], tuple[str, ...], bool]]:
    """(source, headline candidates, prose paragraphs, keeps all `with` segments) of every manifest page."""
    manifest = folder / "manifest.jsonl"
    found = []
    for n, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        entry = json.loads(line)
        if not isinstance(entry, dict) or not isinstance(entry.get("html"), str):
            raise ValueError(f"{manifest}:{n}: each line needs an 'html' path")
        page = folder / entry["html"]
        if not page.is_file():
            continue
        data = page.read_bytes()
        html = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
        ex = extract_page(html, entry["html"], _OPTIONS)
        text = "\n".join(ex.kept)
        keeps = all(s in text for s in entry.get("with") or ())
        without = entry.get("without") or ()
        paras = tuple(p for p in ex.kept if _prose(p) and "©" not in p and not any(s in p for s in without))
        found.append((entry["html"], _titles(html, entry.get("title")), paras, keeps))
    return found


@lru_cache(maxsize=4)
def _load(folder: Path, stamp: tuple[int, int]) -> tuple[ProseArticle, ...]:
    """Usable articles of `folder`, cached per manifest `stamp` (mtime, size): `--out` and
    `--pages-jsonl` of one run extract the pages once."""
    pages = _read(folder)
    seen: dict[str, int] = {}
    for _, _, paras, _ in pages:
        for p in set(paras):
            seen[p] = seen.get(p, 0) + 1
    usable = []
    for source, titles, paras, keeps in pages:
        own = [p for p in dict.fromkeys(paras) if seen[p] == 1 and p not in titles]  # no text shared by pages
        if len(own) >= MIN_PARAGRAPHS:
            own = own[:MAX_PARAGRAPHS - 1] + own[-1:] if len(own) > MAX_PARAGRAPHS else own
            usable.append((not keeps, ProseArticle(source, _title(titles, own[0]), tuple(own))))
    return tuple(a for _, a in sorted(usable, key=lambda x: x[0]))  # stable: manifest order within


def load_articles(folder: Path | str) -> tuple[ProseArticle, ...]:
    """The usable articles of a prose folder, pages keeping their `with` segments first.

    Raises FileNotFoundError for a missing folder or manifest, ValueError when no page is usable.
    """
    folder = Path(folder).resolve()
    manifest = folder / "manifest.jsonl"
    if not manifest.is_file():
        raise FileNotFoundError(f"prose folder {folder} does not exist or has no manifest.jsonl")
    stat = manifest.stat()
    articles = _load(folder, (stat.st_mtime_ns, stat.st_size))
    if not articles:
        raise ValueError(f"prose folder {folder} has no page with {MIN_PARAGRAPHS} paragraphs of prose")
    return articles


def story_articles(spec: NetworkSpec) -> tuple[ProseArticle, ...]:
    """The article of each story of `spec` (index: story number), a seeded shuffle of the first
    usable ones; ValueError when the folder has fewer usable articles than the network stories."""
    assert spec.prose is not None
    articles = load_articles(spec.prose)
    need = sizes(spec).stories
    if need > len(articles):
        fits = [p for p in range(20, 4 * len(articles) + 20)
                if sizes(NetworkSpec(seed=spec.seed, pages=p, outlets=spec.outlets)).stories <= len(articles)]
        hint = f"use --pages {fits[-1]} or fewer" if fits else "add pages to the folder"
        raise ValueError(f"prose folder {spec.prose} has {len(articles)} usable articles but the network "
                         f"needs {need} stories (one article each): {hint}")
    chosen = list(articles[:need])
    rng(spec.seed, "prose").shuffle(chosen)
    return tuple(chosen)
