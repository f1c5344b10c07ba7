"""Writing the report: report.html, and beside it a folder of story pages, rule pages and their indexes."""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import threading
from pathlib import Path

from ..pages import atomic_writer
from .gather import Gatherer, RunState
from .indexes import rules_index, stories_index
from .overview import SiteLinks, render_overview
from .rule_page import render_rule
from .story_page import BlockHtml, render_story

log = logging.getLogger(__name__)

#: Stories of several versions (most widely carried first) and rules (most characters removed
#: first) that get a page: at 100k pages the folder holds 703 files, 37 MB, written in 2.6-4.0 s
#: while the forked writers write cleaned.jsonl and stories.jsonl (the canonical stage took as
#: long without the pages: 7.9-11.8 s against 9.5-10.8 s, paired runs on a loaded 2-core machine).
#: Every story and rule is in stories.jsonl and rules.tsv.
STORY_PAGES, RULE_PAGES = 500, 200
_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")


def write_site(path: Path, report: dict, state: RunState | None = None) -> None:
    """report.html at `path`; with a run's `state`, also the folder `path` without its suffix
    (report/) holding a page per story and per rule, written into a new folder that then
    replaces the old one (a page of an earlier run never stays)."""
    if state is None:
        _write_text(path, render_overview(report))
        return
    gatherer = Gatherer(state, RULE_PAGES)
    figures = gatherer.figures()
    folder = path.with_suffix("")
    several = [sid for sid in state.order[:STORY_PAGES] if len(state.stories[sid]) > 1]  # a story of one version has no diff
    story_ids = [sid for sid in several if _SAFE_NAME.fullmatch(sid)]
    if len(story_ids) < len(several):
        log.warning("wiredup: %d story ids are no safe file names; those stories get no page", len(several) - len(story_ids))
    story_pages, rule_pages = frozenset(story_ids), frozenset(r.line for r in figures.rules)
    story_html = BlockHtml(gatherer.rule_at, rule_pages, "../rules/")
    rule_html = BlockHtml(gatherer.rule_at, rule_pages, "")
    path.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=path.parent))
    try:
        os.chmod(new, 0o755)  # mkdtemp makes the folder private; outputs are meant to be shared
        (new / "stories").mkdir()
        (new / "rules").mkdir()
        rows = []
        for view in gatherer.stories(story_ids):
            _write(new / "stories" / f"{view.id}.html", render_story(view, story_html))
            rows.append((view.id, view.title, len(view.outlets), len(view.versions), ", ".join(view.outlets)))
        for rule in gatherer.rule_views([r.line for r in figures.rules]):
            _write(new / "rules" / f"{rule.figures.line}.html", render_rule(rule, rule_html, story_pages))
        _write(new / "stories.html", stories_index(rows, len(state.stories)))
        _write(new / "rules.html", rules_index(figures.rules, figures.removing))
        _replace(folder, new)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    lines = {(r.rule.kind, r.rule.scope, r.rule.pattern): r.line for r in figures.rules}
    _write_text(path, render_overview(report, figures, SiteLinks(folder.name, story_pages, rule_pages, lines)))


def _write(path: Path, html: str) -> None:
    path.write_bytes(html.encode("utf-8", "replace"))  # a lone surrogate of a broken page becomes '?'


def _write_text(path: Path, html: str) -> None:
    with atomic_writer(path, binary=True) as fh:
        fh.write(html.encode("utf-8", "replace"))


def _replace(folder: Path, new: Path) -> None:
    """Put the folder `new` in the place of `folder`: the old one is renamed aside, then removed
    by a thread while the run goes on (the interpreter waits for it before it exits). Removing
    is the slow part: on a disk mounted with online discard each unlink of a file already on
    disk takes about 3 ms, 2.7 s for the 800 pages of a report."""
    if not (folder.exists() or folder.is_symlink()):
        new.rename(folder)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
    folder.rename(aside / folder.name)
    new.rename(folder)
    threading.Thread(target=shutil.rmtree, args=(aside,), kwargs={"ignore_errors": True}, name="wiredup-old-report").start()
