"""A rule's page: what it is, what it removed (examples in context), and how to keep such blocks."""

from __future__ import annotations

from html import escape

from .gather import Example, RuleView
from .shell import link, num, page
from .story_page import BlockHtml


def render_rule(view: RuleView, html: BlockHtml, story_pages: frozenset[str]) -> str:
    """The whole page of one rule (links relative to report/rules/)."""
    figures, rule = view.figures, view.figures.rule
    cards = "".join(
        f"<div><strong>{value}</strong><span>{label}</span></div>"
        for value, label in [
            (escape(rule.kind), "kind"), (escape(rule.scope if rule.scope != "*" else "every outlet"), "scope"),
            (num(rule.stories), "stories it was learned from"), (num(rule.outlets), "outlets it was learned from"),
            (num(figures.blocks), "blocks removed"), (num(figures.chars), "characters removed"), (num(figures.texts), "distinct texts removed"),
        ]
    )
    examples = "".join(_example(e, view, html, story_pages) for e in view.examples)
    if rule.kind == "text":
        keep_note = "This keep line protects the one text this rule removes, on every outlet:"
    else:
        keep_note = (f"A keep line protects one text. These {len(view.keep_lines):,} lines keep the texts this rule removed most often"
                     f"{'' if len(view.keep_lines) == figures.texts else f' (of {figures.texts:,})'}; keep the ones that are content:")
    body = (
        f'<div class="cards">{cards}</div>'
        f'<p>{escape(rule.describe())}. Pattern: <code class="pattern">{escape(rule.pattern)}</code></p>'
        f"<h2>Line {figures.line} of rules.tsv</h2><pre>{escape(rule.line())}</pre>"
        f'<p class="muted">Show it with <code>sed -n {figures.line}p rules.tsv</code> in the run folder (<a href="../../rules.tsv">rules.tsv</a>); cleaned.jsonl names this line for every block it removed.</p>'
        f"<h2>Removed blocks in context</h2><p class=\"muted\">The texts it removed most often, each on one page with the blocks around it.</p>"
        f"{examples}"
        "<h2>To keep such blocks</h2>"
        f"<p>{keep_note} add {'it' if len(view.keep_lines) == 1 else 'them'} to a rules file (tab-separated, as rules.tsv) and run again with "
        "<code>wiredup run pages.jsonl --rules my-rules.tsv</code> (or <code>scrapy crawl wire -s WIREDUP_RULES=my-rules.tsv</code>). "
        "A keep rule overrides every other rule, except that a list right under a removed heading goes with it once one of its items is removed.</p>"
        f'<pre class="keep">{escape(chr(10).join(view.keep_lines))}</pre>'
    )
    nav = [("../../report.html", "Overview"), ("../stories.html", "Stories"), ("../rules.html", "Rules")]
    return page(f"Rule {figures.line}: {rule.kind} {rule.pattern}", body, nav=nav)


def _example(example: Example, view: RuleView, html: BlockHtml, story_pages: frozenset[str]) -> str:
    here = f'<p class="r here"><s>{escape(example.text)}</s>{html.rule_tag(view.figures.line)}</p>'
    blocks = "".join([*map(html, example.before), here, *map(html, example.after)])
    story = (f' · story <a href="../stories/{escape(example.story)}.html">{escape(example.story)}</a>' if example.story in story_pages
             else "")
    return (f'<section class="card"><p>Removed {example.times:,} {"time" if example.times == 1 else "times"}; '
            f"here on {escape(example.outlet)}, {link(example.url, example.url)}{story}</p>"
            f'<div class="blocks">{blocks}</div></section>')
