"""Pages a sitemap or feed lists: articles told by their prose when markup says nothing, and every
listed URL accounted for, in pages.jsonl or crawl.jsonl."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.articlelike import MIN_CHARS, MIN_SENTENCES, MIN_WORDS, Prose, prose_of
from dedup.blocks import parse_html

# --- the article-likeness rule ------------------------------------------------------------------

WORDS = st.text("abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=10)
SENTENCES = st.builds(
    lambda words, end, closer: " ".join(words) + end + closer,
    st.lists(WORDS, min_size=MIN_WORDS, max_size=14), st.sampled_from([".", "!", "?", "…", "?!"]),
    st.sampled_from(["", "“", "»", '"', ")"]),
)
PARAGRAPHS = st.lists(SENTENCES, min_size=1, max_size=4)
#: Text that is no prose sentence: too few words, or no sentence end.
FRAGMENTS = st.one_of(
    st.lists(WORDS, min_size=1, max_size=MIN_WORDS - 1).map(lambda words: " ".join(words) + "."),
    st.lists(WORDS, min_size=1, max_size=12).map(" ".join),
)
#: Places where sentences are never prose: links, dialogs, scripts.
HIDDEN = st.sampled_from([
    '<ul><li><a href="/x">{}</a></li></ul>', '<div role="dialog"><p>{}</p></div>', "<dialog><p>{}</p></dialog>",
    "<script>var s = '{}';</script>", "<p><a href='/y'>{}</a></p>", '<noscript><a href="/z">{}</a></noscript>',
])


def page(body: str) -> Prose:
    root = parse_html(f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>")
    assert root is not None
    return prose_of(root)


def render(paragraphs: list[list[str]], style: str) -> str:
    """The article text in one container: paragraphs as `<p>`, each in a wrapper, or `<br>`-separated."""
    texts = [" ".join(sentences) for sentences in paragraphs]
    if style == "br":
        return '<div class="text">' + "<br><br>".join(texts) + "</div>"
    wrap = "<div class='para'><p>{}</p></div>" if style == "wrapped" else "<p>{}</p>"
    return '<div class="text">' + "".join(wrap.format(t) for t in texts) + "</div>"


@settings(max_examples=200, deadline=None)
@given(
    paragraphs=st.lists(PARAGRAPHS, min_size=1, max_size=12),
    style=st.sampled_from(["p", "wrapped", "br"]),
    chrome=st.lists(st.tuples(HIDDEN, st.one_of(SENTENCES, FRAGMENTS)), max_size=8),
    fragments=st.lists(FRAGMENTS, max_size=5),
)
def test_prose_counts_every_sentence_of_the_text_whatever_its_markup(
    paragraphs: list[list[str]], style: str, chrome: list[tuple[str, str]], fragments: list[str]
) -> None:
    """Sentences in links, dialogs and scripts, and short or unfinished lines, never count."""
    sentences = [s for p in paragraphs for s in p]
    around = "".join(template.format(text) for template, text in chrome)
    short = "".join(f"<h2>{f}</h2>" for f in fragments)
    prose = page(f"<header>{around}</header><h2 class='headline'>Titel</h2>{short}{render(paragraphs, style)}<footer>{around}</footer>")
    assert prose == Prose(len(sentences), sum(map(len, sentences)))
    assert prose.article_like == (len(sentences) >= MIN_SENTENCES and prose.chars >= MIN_CHARS)


@settings(max_examples=100, deadline=None)
@given(chrome=st.lists(st.tuples(HIDDEN, st.lists(SENTENCES, min_size=1, max_size=8).map(" ".join)), max_size=20))
def test_text_in_links_dialogs_and_scripts_is_never_prose(chrome: list[tuple[str, str]]) -> None:
    assert page("".join(template.format(text) for template, text in chrome)) == Prose(0, 0)


@settings(max_examples=100, deadline=None)
@given(
    teasers=st.lists(st.tuples(SENTENCES, st.lists(SENTENCES, max_size=MIN_SENTENCES - 1)), max_size=40),
    item=st.sampled_from(["<li><h3><a href='/a'>{}</a></h3><p>{}</p></li>", "<li><a href='/a'>{}</a><p>{}</p></li>",
                          "<article><a href='/a'><h2>{}</h2></a><div>{}</div></article>"]),
)
def test_a_list_of_teasers_is_no_article_however_long(teasers: list[tuple[str, list[str]]], item: str) -> None:
    """Each teaser holds its headline and summary; no summary of under MIN_SENTENCES makes an article."""
    prose = page("<ul>" + "".join(item.format(headline, " ".join(summary)) for headline, summary in teasers) + "</ul>")
    assert prose.sentences < MIN_SENTENCES and not prose.article_like
