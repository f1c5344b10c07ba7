"""HTML to blocks: block boundaries, context, headline, broken input."""

from __future__ import annotations

from dedup.blocks import extract_blocks

PAGE = """<!doctype html><html><head><title>Tab title</title><style>p{}</style></head><body>
<nav class="main-nav"><ul><li><a href="/">Start</a></li><li><a href="/politik/">Politik</a></li></ul></nav>
<article class="story"><h1>Die <em>Schlagzeile</em></h1>
<p>Erster <a href="#">Absatz</a> mit<br>Umbruch.</p><script>var x = "no";</script>
<div class="ad-slot">Anzeige<p>Innen</p>danach</div><!-- comment -->
</article><footer>Impressum</footer></body></html>"""


def test_blocks_in_document_order_with_context() -> None:
    doc = extract_blocks(PAGE)
    assert doc.title == "Die Schlagzeile"
    assert [b.text for b in doc.blocks] == ["Start", "Politik", "Erster Absatz mit Umbruch.", "Anzeige", "Innen", "danach", "Impressum"]
    assert doc.blocks[0].context == "nav.main-nav>ul>li"
    assert doc.blocks[3].context == "body>article.story>div.ad-slot"


def test_bytes_and_str_agree_and_xml_declaration_is_accepted() -> None:
    assert extract_blocks(PAGE) == extract_blocks(PAGE.encode("utf-8"))
    assert extract_blocks('<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>').blocks[0].text == "x"


def test_empty_and_tag_soup_do_not_raise() -> None:
    assert extract_blocks("").blocks == ()
    assert extract_blocks("   ").blocks == ()
    soup = extract_blocks("<p>one<p>two<div><span>three</div></td></table>")
    assert [b.text for b in soup.blocks] == ["one", "two", "three"]


def test_deep_nesting_keeps_the_end_of_the_page() -> None:
    html = "<html><body>" + "<div>" * 400 + "<p>deep</p>" + "</div>" * 400 + "<p>after</p></body></html>"
    assert [b.text for b in extract_blocks(html).blocks] == ["deep", "after"]


def test_title_falls_back_to_og_title() -> None:
    doc = extract_blocks('<html><head><meta property="og:title" content="OG  Titel"></head><body><p>x</p></body></html>')
    assert doc.title == "OG Titel"
