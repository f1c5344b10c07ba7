"""Typography is folded wherever texts are compared (the normalised key), never in outputs."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dedup import normalize as normalize_module
from dedup.loading import load_corpus
from dedup.normalize import DASHES, INVISIBLE, QUOTES, _native_fold, normalize, normalize_python, words

try:
    from dedup import _ckernels
except ImportError:  # not compiled
    _ckernels = None

native = pytest.mark.skipif(_native_fold is None, reason="the compiled kernels were not built (no C compiler at install time)")

#: Quotation marks and apostrophes as copy desks and CMSes set them.
QUOTE_STYLES = ["\"", "'", "`", "\u00b4", "\u201c", "\u201d", "\u201e", "\u201f", "\u2018", "\u2019", "\u201a", "\u201b",
                "\u00ab", "\u00bb", "\u2039", "\u203a", "\u02bc", "\u2032", "\uff02", "\uff07", "''", "\u2033"]
#: A dash between two words, as copy desks and CMSes set it.
DASH_STYLES = ["-", " - ", "--", " -- ", "\u2013", " \u2013 ", "\u2014", " \u2014 ", "\u00a0\u2013 ", "\u2009\u2014\u2009",
               "\u2012", "\u2015", "\u2212", "\u2010", "\u2011", "\ufe58", "\uff0d", " \u2e3a "]
SPACE_STYLES = [" ", "\u00a0", "\u2009", "\u202f", "\u2002", "\u3000", " \u200b", "\u2060 "]
INVISIBLE_STYLES = ["", "\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff", "\u200e"]


@pytest.mark.parametrize("style", QUOTE_STYLES)
def test_every_quotation_mark_and_apostrophe_folds_to_one(style: str) -> None:
    assert normalize(f"Er sagte {style}Nein{style} und ging{style}s") == "er sagte 'nein' und ging's"


@pytest.mark.parametrize("style", DASH_STYLES)
def test_every_dash_folds_to_a_hyphen_without_spaces(style: str) -> None:
    assert normalize(f"Berlin{style}Die Regierung{style}so heißt es") == "berlin-die regierung-so heisst es"


@pytest.mark.parametrize("style", SPACE_STYLES)
def test_every_space_folds_to_one(style: str) -> None:
    assert normalize(f"1{style}000 Euro{style}{style}mehr") == "0 000 euro mehr"


@pytest.mark.parametrize("style", INVISIBLE_STYLES)
def test_soft_hyphens_and_zero_width_characters_are_dropped(style: str) -> None:
    text = f"Wirt{style}schafts{style}minister"
    assert normalize(text) == "wirtschaftsminister" and words(normalize(text)) == ["wirtschaftsminister"]


def test_ellipses_and_compatibility_forms_fold() -> None:
    assert normalize("Und dann \u2026 [\u2026]") == normalize("Und dann ... [...]") == "und dann ... [...]"
    assert normalize("\ufb01nal \uff21\uff22 \u2460") == normalize("final AB 1").replace("1", "0")


def test_a_reset_paragraph_has_the_key_and_word_tokens_of_the_wire_copy() -> None:
    wire = 'BERLIN (dpa) - "Wir sind bereit", sagte der Minister\'s Sprecher -- am 3. Mai... bis 2026.'
    reset = "BERLIN\u00a0(dpa)\u00a0\u2013 \u201eWir sind be\u00adreit\u201c, sagte der Minister\u2019s Sprecher\u2009\u2014\u2009am 3.\u202fMai\u2026 bis 2026."
    assert normalize(reset) == normalize(wire)
    assert words(normalize(reset)) == words(normalize(wire))  # story shingles come from these tokens


def test_character_sets_of_the_compiled_loop_are_the_python_ones() -> None:
    if _ckernels is None:
        pytest.skip("compiled kernels not built")
    assert (_ckernels.QUOTES, _ckernels.DASHES, _ckernels.INVISIBLE) == (QUOTES, DASHES, INVISIBLE)
    assert not set(QUOTES) & set(DASHES) and not (set(QUOTES) | set(DASHES)) & set(INVISIBLE)
    assert not any(c.isspace() or c.isdecimal() or c.isalnum() and c != "\u02bc" for c in QUOTES + DASHES + INVISIBLE)


@native
def test_compiled_key_classifies_every_code_point_as_the_python_one() -> None:
    # every code point between two letters and beside each kind of character it folds with
    points = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    for neighbour in ("x", " ", "-", "'"):
        text = neighbour.join(points)
        assert normalize(text) == normalize_python(text), neighbour


typographic = st.sampled_from(list(QUOTES + DASHES + INVISIBLE) + ["\u00b4", "\u2026", "\u00a0", "\u2009", "\u2033", "\u0149",
                                                                   "\u00df", "\u00b5", "\u00c4", "\u0130", "\ufb01", "\uff0d"])
typo_texts = st.text(alphabet=typographic | st.sampled_from(" \t\nab1\u0663") | st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@native
@given(typo_texts)
@example("a \u2014 \u00ad- b '' \u201c\u00ad\u201d \u00b4 x -\u200b- ''\u00a0'")
@example("\u00ab\u00c4\u00bb \u00ad")  # Latin-1 quotes and soft hyphen in a Latin-1 text
@example("\u00b5 \u00ab-\u00bb")  # the micro sign sends a Latin-1 text to the general path
def test_compiled_typography_folding_equals_the_python_one(text: str) -> None:
    assert normalize(text) == normalize_python(text)


plain_typo_texts = st.text(alphabet=typographic | st.sampled_from(" \tabcäöß19.,:;!?()"), max_size=40)


@given(plain_typo_texts)
def test_a_key_is_its_own_key(text: str) -> None:
    # text rules hold keys and are matched by the key of their pattern
    key = normalize_python(text)
    assert normalize_python(key) == key and normalize(key) == key


@given(st.lists(st.sampled_from(["wort", "Wort", "2026", ",", "."]), max_size=8),
       st.lists(st.tuples(st.sampled_from(QUOTE_STYLES), st.sampled_from(DASH_STYLES), st.sampled_from(SPACE_STYLES)), min_size=1, max_size=3))
def test_restyled_text_has_the_same_key(pieces: list[str], styles: list[tuple[str, str, str]]) -> None:
    def styled(quote: str, dash: str, space: str) -> str:
        return space.join(f"{quote}{p}{quote}" if i % 3 == 0 else p for i, p in enumerate(pieces)) + dash + "ende"

    keys = {normalize(styled(*s)) for s in styles} | {normalize_python(styled(*s)) for s in styles}
    assert len(keys) == 1


def test_corpus_keys_fold_typography_but_texts_keep_it(tmp_path: Path) -> None:
    straight = 'Der Minister sagte: "Wir sind bereit" - und ging.'
    curly = "Der Minister sagte: \u201eWir sind bereit\u201c \u2013 und ging."
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(
        json.dumps({"url": f"http://{host}.test/1", "html": f"<html><body><h1>Titel</h1><p>{text}</p></body></html>"}) + "\n"
        for host, text in (("a", straight), ("b", curly))
    ), encoding="utf-8")
    corpus = load_corpus(path, [], None, 1)
    ids = [corpus.texts.index(straight), corpus.texts.index(curly)]
    assert corpus.text_keys[ids[0]] == corpus.text_keys[ids[1]]
    assert corpus.keys[corpus.text_keys[ids[0]]] == 'der minister sagte: \'wir sind bereit\'-und ging.'


def test_keys_stay_nfkc_where_nothing_typographic_was_dropped() -> None:
    text = "Caf\u00e9 \u201eZ\u00fcrich\u201c \u2014 \u00c5ngstr\u00f6m"
    key = normalize(text)
    assert unicodedata.is_normalized("NFKC", key) and normalize_module.normalize(key) == key
