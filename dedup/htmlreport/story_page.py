"""A story's page: its canonical text, and every version as a diff against it with each
removed block struck through in place and labelled with its rule."""

from __future__ import annotations

from collections import Counter
from html import escape

from ..rules import Rule
from .gather import Shown, StoryView, VersionView
from .shell import link, num, page, plural, table

#: Versions shown opened (the others open with a click; all are in the file).
OPEN_VERSIONS = 4
LEGEND = (
    '<p class="legend blocks muted"><span>In each version:</span><span class="tag add">added</span> a block beyond the canonical '
    'text <span class="tag miss">missing</span> a canonical block this version lacks <span><s>struck through</s></span> a block '
    "removed as boilerplate, labelled with its line in rules.tsv</p>"
)


def block_html(block: Shown, rules: dict[int, Rule], rule_href: str, rule_pages: set[int]) -> str:
    """One block as a paragraph; a removed one struck through with its rule's label (a link when
    the rule has a page; `rule_href` is the folder of rule pages, relative to this page)."""
    text = escape(block.text)
    if block.state == "removed":
        rule = rules[block.rule]
        label = f"rules.tsv:{block.rule} {rule.kind}"
        hover = escape(rule.describe(), quote=True)
        tag = (f'<a class="tag" href="{rule_href}{block.rule}.html" title="{hover}">{escape(label)}</a>' if block.rule in rule_pages
               else f'<span class="tag" title="{hover}">{escape(label)}</span>')
        return f'<p class="removed"><s>{text}</s>{tag}</p>'
    if block.state == "added":
        return f'<p class="added">{text}<span class="tag add">added</span></p>'
    if block.state == "missing":
        return f'<p class="missing">{text}<span class="tag miss">missing</span></p>'
    return f'<p class="same">{text}</p>'


def _version(n: int, version: VersionView, rules: dict[int, Rule], rule_pages: set[int]) -> str:
    states = Counter(b.state for b in version.blocks)
    head = (f"{n}. {escape(version.outlet)} · {escape(version.fetched_at)} · similarity {version.similarity:.2f}"
            + (' <span class="tag canon">canonical</span>' if version.canonical else "")
            + f' <span class="muted">{states["same"] + states["added"]} kept, {states["added"]} added, {states["missing"]} missing, '
            f'{states["removed"]} removed</span>')
    blocks = "".join(block_html(b, rules, "../rules/", rule_pages) for b in version.blocks)
    opened = " open" if n <= OPEN_VERSIONS else ""
    return (f'<details class="card" id="v{n}"{opened}><summary>{head}</summary>'
            f'<p>{escape(version.title)} — {link(version.url, version.url)}</p><div class="blocks">{blocks}</div></details>')


def render_story(story: StoryView, rules: dict[int, Rule], rule_pages: set[int]) -> str:
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
        + "".join(_version(i, v, rules, rule_pages) for i, v in enumerate(story.versions, start=1))
    )
    nav = [("../../report.html", "Overview"), ("../stories.html", "Stories"), ("../rules.html", "Rules")]
    return page(story.title or story.id, body, nav=nav)
