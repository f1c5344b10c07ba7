"""Orchestration: stream every file of every outlet, and write them in the FORMATS.md layouts.

Two passes keep memory flat in the number of pages. Pass 1 walks the timeline story by story and
renders each copy of each story. Pass 2 walks it again for a batch of outlets at a time and
writes their robots.txt, sitemap, feed, home and section pages from page metadata only.
"""

from __future__ import annotations

import json
import shutil
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import lru_cache, partial
from pathlib import Path

from . import feeds, inbody, pages, videos
from .phrases import EN
from .markup import PageBuilder
from .outlets import Outlet, make_outlets, slugify
from .plan import Plan, Slot
from .rand import mix, pick, rng
from .spec import NetworkSpec, sizes
from .prose import story_articles
from .stories import (Story, Version, copy_paragraphs, english_kicker, headlines, prose_headlines, prose_story, story,
                      topic, version)
from .templates import ArticleContext, PageMeta, article_page, chrome
from .text import Topic

GENERATOR = "wiredup.synth"
VERSION = 1
OUTLET_BATCH = 8  # outlets whose page lists pass 2 holds at once
RECENT = 12  # earlier stories per outlet that teasers pick from
_ID_MOD = 9_999_991  # prime: article ids are a bijection of the story index per outlet
_PAGE, _SECTION, _GAP, _WIRE_REPORTER, _PLACE = (mix(s) for s in ("page", "section", "gap", "wire-reporter", "place-en"))
Progress = Callable[[int], None]


@dataclass(frozen=True)
class SiteFile:
    """One file of one outlet; `truth` is set on article pages (a truth.jsonl line)."""

    outlet: str
    path: str
    body: str
    truth: dict | None


@dataclass(frozen=True)
class Article:
    """One rendered article page of pass 1."""

    outlet: Outlet
    meta: PageMeta
    story: Story
    page: PageBuilder

    def truth(self) -> dict:
        """The truth.jsonl record of the page."""
        return self._head() | {"blocks": self.page.blocks}

    def truth_line(self) -> str:
        """`json.dumps(self.truth(), ensure_ascii=False)`, faster (template blocks encoded once)."""
        head = json.dumps(self._head(), ensure_ascii=False)
        return f'{head[:-1]}, "blocks": {self.page.blocks_json()}}}'

    def _head(self) -> dict:
        o, m, s = self.outlet, self.meta, self.story
        return {"outlet": o.slug, "path": m.path, "story": s.slot.sid, "kind": "wire" if s.slot.wire else "local",
                "title": m.title}


class Network:
    """A generated network: outlets, timeline, and the page metadata of every copy."""

    def __init__(self, spec: NetworkSpec) -> None:
        self.spec = spec
        self.sizes = sizes(spec)
        self.plan = Plan(spec.seed, self.sizes)
        self.language = spec.language
        self.outlets = make_outlets(spec.seed, self.sizes.outlets, spec.language)
        self.prose = story_articles(spec) if spec.prose is not None else ()
        self.styles = inbody.make_styles(spec.seed, self.outlets) if spec.inbody else []
        # Real articles of a prose network share no topic: background shared among them would be a
        # paragraph repeated over unrelated stories, which is what boilerplate looks like.
        self.backgrounds = (inbody.Backgrounds(spec.seed, [self.plan.slot(g).topic_key for g in range(self.plan.n)])
                            if spec.inbody and spec.prose is None else None)

    def background_of(self, slot: Slot, tp: Topic) -> str:
        """The background paragraph story `slot` shares with stories of its topic, or ""."""
        key = self.backgrounds.key_of.get(slot.g) if self.backgrounds is not None else None
        return inbody.background_text(self.spec.seed, key, tp) if key is not None else ""

    def headlines_of(self, slot: Slot, tp: Topic) -> tuple[str, ...]:
        """Headline variants of a story: generated, or its real article's."""
        if self.prose:
            kicker = english_kicker(self.spec.seed, slot) if self.language == "en" else None
            return prose_headlines(self.prose[slot.g], slot.wire, kicker)
        return headlines(self.spec.seed, slot, tp)

    def story_of(self, slot: Slot) -> Story:
        """The text of a story: generated, or its real article's."""
        tp, seed, templated = self.topic_of(slot), self.spec.seed, self.spec.templated
        if self.prose:
            return prose_story(seed, slot, tp, self.prose[slot.g], templated, self.language)
        return story(seed, slot, tp, templated)

    def topic_of(self, slot: Slot) -> Topic:
        """The topic of a story (local topics are set in their outlet's city)."""
        key = slot.topic_key
        tp = topic(self.spec.seed, key, self.outlets[key[2]].city if key[2] >= 0 else "")
        if self.language == "en" and key[2] < 0:  # wire datelines of English desks
            return replace(tp, place=pick(rng(self.spec.seed, _PLACE, *key), EN.CAPITALS))
        return tp

    def meta(self, slot: Slot, category: str, heads: tuple[str, ...], o: Outlet, t: int,
             v: Version | None = None) -> PageMeta:
        """Title, path and times of copy `t` (version `v`) of `slot`, a `category` story, in `o`."""
        seed, g = self.spec.seed, slot.g
        if v is None:
            v = version(seed, g, o.index, t, slot.wire, len(heads), o.update_on_top)
        title = heads[v.headline]
        h = mix(seed, _SECTION, g, o.index)
        if not slot.wire and h % 10 < 6:
            section = o.local_section
        else:
            section = o.category_section[category]
        name = o.path_form.format(slug=slugify(title), id=(o.id_mul * (g + 1) + o.id_add) % _ID_MOD)
        published = slot.published + t * (900 + mix(seed, _GAP, g) % 5400)
        modified = published + ((1800 + h % 14400) if v.update else 60 + h % 600)
        return PageMeta(g, o.index, title, f"/{o.sections[section][0]}/{name}", section, published, modified)

    def _meta_of(self, g: int, o: Outlet, t: int) -> PageMeta:
        slot = self.plan.slot(g)
        tp = self.topic_of(slot)
        return self.meta(slot, tp.category, self.headlines_of(slot, tp), o, t)

    def _most_read(self, o: Outlet) -> tuple[PageMeta, ...]:
        """The outlet's sidebar at crawl time: five of its newest copies."""
        found: list[PageMeta] = []
        for g in range(self.plan.n - 1, -1, -1):
            t = self.plan.copy_number(g, o.index)
            if t is not None:
                found.append(self._meta_of(g, o, t))
                if len(found) == 8:
                    break
        return tuple(rng(self.spec.seed, "most-read", o.index).sample(found, min(5, len(found))))

    def articles(self) -> Iterator[Article]:
        """Pass 1: every article page, story by story."""
        seed = self.spec.seed
        most_read = [self._most_read(o) for o in self.outlets]
        kinds = self.spec.inbody
        parts = [chrome(o, most_read[o.index], kinds) for o in self.outlets]
        recent: list[deque[PageMeta]] = [deque(maxlen=RECENT) for _ in self.outlets]
        caption = lru_cache(maxsize=64)(partial(videos.caption, seed, language=self.language))  # videos follow the timeline
        n_stories = self.plan.n
        for g in range(n_stories):
            slot = self.plan.slot(g)
            s = self.story_of(slot)
            category = s.topic.category
            shared = self.background_of(slot, s.topic)
            for t, oi in enumerate(self.plan.carriers(g)):
                o = self.outlets[oi]
                v = version(seed, g, oi, t, slot.wire, len(s.headlines), o.update_on_top)
                m = self.meta(slot, category, s.headlines, o, t, v)
                r = rng(seed, _PAGE, g, oi)
                pool = tuple(recent[oi]) or tuple(x for x in most_read[oi] if x.g != g)
                k = int(r.random() * len(pool)) if pool else 0
                teasers = pool[k:] + pool[:k]
                paras = copy_paragraphs(s, v, o.dateline_form)
                if shared:
                    paras.insert(self.backgrounds.position(seed, g, len(paras)), ("p", shared))
                ctx = ArticleContext(
                    outlet=o, meta=m, story=s, paragraphs=paras,
                    teasers=teasers,
                    video=caption(videos.choose(seed, g, oi, n_stories)),
                    reporter=pick(r, o.reporters),
                    wire_reporter=self._wire_reporter(slot),
                    inbody=(self.styles[oi], inbody.page_rng(seed, g, oi)) if kinds else None,
                    shared=shared,
                )
                yield Article(o, m, s, article_page(ctx, parts[oi], r))
                recent[oi].append(m)

    def _wire_reporter(self, slot: Slot) -> str:
        """English wire stories: the agency reporter whose byline every copy may carry."""
        if self.language != "en" or not slot.wire:
            return ""
        r = rng(self.spec.seed, _WIRE_REPORTER, slot.g)
        return f"{pick(r, EN.FIRST)} {pick(r, EN.SURNAMES)}"

    def site_pages(self) -> Iterator[SiteFile]:
        """Pass 2: robots, sitemap, feed, home, section and preview pages of each outlet."""
        for start in range(0, len(self.outlets), OUTLET_BATCH):
            batch = self.outlets[start:start + OUTLET_BATCH]
            lists: dict[int, list[PageMeta]] = {o.index: [] for o in batch}
            for g in range(self.plan.n):
                carriers = self.plan.carriers(g)
                if not any(oi in lists for oi in carriers):
                    continue
                slot = self.plan.slot(g)
                tp = self.topic_of(slot)
                heads = self.headlines_of(slot, tp)
                for t, oi in enumerate(carriers):
                    if oi in lists:
                        lists[oi].append(self.meta(slot, tp.category, heads, self.outlets[oi], t))
            for o in batch:
                yield from self._outlet_files(o, lists.pop(o.index))

    def _outlet_files(self, o: Outlet, metas: list[PageMeta]) -> Iterator[SiteFile]:
        newest = sorted(metas, key=lambda m: (-m.published, m.path))
        yield SiteFile(o.slug, "/robots.txt", feeds.robots(o), None)
        yield SiteFile(o.slug, "/sitemap.xml", feeds.sitemap(metas), None)
        yield SiteFile(o.slug, "/feed.xml", feeds.rss(o, newest), None)
        yield SiteFile(o.slug, "/index.html", pages.home(o, newest), None)
        for i, (slug, _) in enumerate(o.sections):
            yield SiteFile(o.slug, f"/{slug}/index.html", pages.section(o, i, newest), None)
        yield SiteFile(o.slug, f"/{o.disallowed}/index.html", pages.preview(o, self.spec.seed), None)

    def info(self, article_pages: int) -> dict:
        """The network.json document."""
        return {
            "generator": GENERATOR, "version": VERSION, "seed": self.spec.seed,
            "size": {"pages": article_pages, "stories": self.plan.n, "wire_stories": self.sizes.wire,
                     "local_stories": self.sizes.local, "outlets": len(self.outlets)},
            "outlets": [{"slug": o.slug, "name": o.name, "sections": [s for s, _ in o.sections]}
                        for o in self.outlets],
            **({"templated": self.spec.templated} if self.spec.templated else {}),
            **({"inbody": True} if self.spec.inbody else {}),
            **({"language": self.language} if self.language != "de" else {}),
            **({"prose": {"folder": Path(self.spec.prose).name, "articles": [a.source for a in self.prose]}}
               if self.prose else {}),
        }


def iter_site_files(spec: NetworkSpec) -> Iterator[SiteFile]:
    """Every file of every outlet, articles first (story by story), in a fixed order."""
    net = Network(spec)
    for art in net.articles():
        yield SiteFile(art.outlet.slug, art.meta.path, art.page.html(), art.truth())
    yield from net.site_pages()


def _write(target: Path, body: str, made: set[Path]) -> None:
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    target.write_text(body, encoding="utf-8", newline="\n")


def write_network(spec: NetworkSpec, out_dir: Path, progress: Progress | None = None) -> None:
    """Write network.json, truth.jsonl and sites/<slug>/... into `out_dir`.

    An existing network in `out_dir` is replaced; any other non-empty folder is refused.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / "network.json").exists():
        raise FileExistsError(f"{out_dir} is not empty and holds no network.json; choose an empty folder")
    shutil.rmtree(out_dir / "sites", ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    net = Network(spec)
    sites = out_dir / "sites"
    made: set[Path] = set()
    count = 0
    with open(out_dir / "truth.jsonl", "w", encoding="utf-8", newline="\n") as truth:
        for art in net.articles():
            _write(sites / art.outlet.slug / art.meta.path.lstrip("/"), art.page.html(), made)
            truth.write(art.truth_line() + "\n")
            count += 1
            if progress and count % 1000 == 0:
                progress(count)
    for f in net.site_pages():
        _write(sites / f.outlet / f.path.lstrip("/"), f.body, made)
    info = net.info(count)
    (out_dir / "network.json").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_pages_jsonl(spec: NetworkSpec, path: Path, port: int = 80, progress: Progress | None = None) -> int:
    """Write the article pages as a crawl would (pages.jsonl) and truth.jsonl beside it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    net = Network(spec)
    fetched = datetime.fromtimestamp(net.plan.slot(net.plan.n - 1).published + 86400, timezone.utc)
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out, \
            open(path.parent / "truth.jsonl", "w", encoding="utf-8", newline="\n") as truth:
        for art in net.articles():
            origin = f"http://{art.outlet.slug}.localhost:{port}"
            page = {"url": origin + art.meta.path, "outlet": f"{art.outlet.slug}.localhost",
                    "fetched_at": datetime.fromtimestamp(fetched.timestamp() + count, timezone.utc).isoformat(),
                    "status": 200, "encoding": "utf-8", "html": art.page.html().replace("__ORIGIN__", origin)}
            out.write(json.dumps(page, ensure_ascii=False) + "\n")
            truth.write(art.truth_line() + "\n")
            count += 1
            if progress and count % 1000 == 0:
                progress(count)
    return count
