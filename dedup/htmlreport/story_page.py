"""A story's page: its canonical text, and every version as a diff against it with each
removed block struck through in place and labelled with its rule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from html import escape

from ..rules import Rule
from .gather import Shown, StoryView, VersionView
from .shell import link, num, page, plural, table

#: Versions shown opened (the others open with a click; all are in the file).
OPEN_VERSIONS = 4
#: Blocks as in the canonical text shown on either side of a difference in a version that is not
#: canonical; the others are counted in place (the canonical version shows every block).
CONTEXT = 1
LEGEND = (
    '<p class="legend blocks muted"><span>In each version:</span><span class="t a">added</span> a block beyond the canonical '
    'text <span class="t m">missing</span> a canonical block this version lacks <span><s>struck through</s></span> a block '
    "removed as boilerplate, labelled with its line in rules.tsv (a link to the rule's page)</p>"
)


class BlockHtml:
    """Blocks as paragraphs: a removed one struck through and labelled with its rule's line and
    kind, a link when the rule has a page (`rule_href`: the folder of rule pages, relative to the
    page). A removed block's paragraph is made once per text and rule: boilerplate repeats."""

    def __init__(self, rule_at: Callable[[int], Rule], rule_pages: frozenset[int], rule_href: str) -> None:
        self.rule_at, self.rule_pages, self.rule_href = rule_at, rule_pages, rule_href
        self._removed: dict[tuple[str, int], str] = {}

    def __call__(self, block: Shown) -> str:
        if block.state == "removed":
            key = (block.text, block.rule)
            made = self._removed.get(key)
            if made is None:
                made = self._removed[key] = f'<p class="r"><s>{escape(block.text)}</s>{self.rule_tag(block.rule)}</p>'
            return made
        if block.state == "added":
            return f'<p class="a">{escape(block.text)}<span class="t a">added</span></p>'
        if block.state == "missing":
            return f'<p class="m">{escape(block.text)}<span class="t m">missing</span></p>'
        return f'<p class="s">{escape(block.text)}</p>'

    def rule_tag(self, line: int) -> str:
        rule = self.rule_at(line)
        label = f"rules.tsv:{line} {rule.kind}"
        if line in self.rule_pages:
            return f'<a class="t" href="{self.rule_href}{line}.html">{label}</a>'
        return f'<span class="t" title="{escape(rule.describe(), quote=True)}">{label}</span>'


def _shown_blocks(blocks: list[Shown], canonical: bool, html: BlockHtml) -> str:
    """A version's blocks in order; in a version that is not canonical, blocks as in the canonical
    text far from any difference are counted, not repeated (removed blocks are always shown)."""
    if canonical:
        return "".join(map(html, blocks))
    text_blocks = [i for i, b in enumerate(blocks) if b.state != "removed"]
    changed = [j for j, i in enumerate(text_blocks) if blocks[i].state != "same"]
    near = {text_blocks[k] for j in changed for k in range(max(0, j - CONTEXT), min(len(text_blocks), j + CONTEXT + 1))}
    out, hidden = [], 0
    for i, block in enumerate(blocks):
        if block.state == "same" and i not in near:
            hidden += 1
            continue
        if hidden:
            out.append(_gap(hidden))
            hidden = 0
        out.append(html(block))
    if hidden:
        out.append(_gap(hidden))
    return "".join(out)


def _gap(n: int) -> str:
    return f'<p class="g">… {plural(n, "block")} as in the canonical text</p>'


def _version(n: int, version: VersionView, html: BlockHtml) -> str:
    states = Counter(b.state for b in version.blocks)
    head = (f"{n}. {escape(version.outlet)} · {escape(version.fetched_at)} · similarity {version.similarity:.2f}"
            + (' <span class="t canon">canonical</span>' if version.canonical else "")
            + f' <span class="muted">{states["same"] + states["added"]} kept, {states["added"]} added, {states["missing"]} missing, '
            f'{states["removed"]} removed</span>')
    opened = " open" if n <= OPEN_VERSIONS else ""
    return (f'<details class="card" id="v{n}"{opened}><summary>{head}</summary>'
            f'<p>{escape(version.title)} — {link(version.url, version.url)}</p>'
            f'<div class="blocks">{_shown_blocks(version.blocks, version.canonical, html)}</div></details>')


def render_story(story: StoryView, html: BlockHtml) -> str:
    """The whole page of one story (links relative to report/stories/)."""
    canonical = next(v for v in story.versions if v.canonical)
    rows = [
        [i, f'<a href="#v{i}">{escape(v.outlet)}</a>', v.fetched_at, v.similarity, "yes" if v.canonical else "", link(v.url, v.url)]
        for i, v in enumerate(story.versions, start=1)
    ]
    body = (
        f'<p class="muted">Story {escape(story.id)}: {plural(len(story.outlets), "outlet")}, {plural(len(story.versions), "version")} '
        f"in order of fetching. The canonical text is the version of {escape(canonical.outlet)}.</p>"
        "<h2>Versions</h2>"
        + table(["#", "outlet", "fetched at", "similarity", "canonical", "link"], rows, html_columns=frozenset({1, 5}))
        + '<details class="card"><summary>Canonical text (' + num(sum(map(len, story.text))) + " characters)</summary>"
        + "".join(f"<p>{escape(t)}</p>" for t in story.text) + "</details>"
        + "<h2>Each version against the canonical text</h2>" + LEGEND
        + "".join(_version(i, v, html) for i, v in enumerate(story.versions, start=1))
    )
    nav = [("../../report.html", "Overview"), ("../stories.html", "Stories"), ("../rules.html", "Rules")]
    return page(story.title or story.id, body, nav=nav)
