"""Normalisation: the compiled digit, typography and white-space folding gives what `re`, `str.translate`
and `str.split` give (more typography in test_typography.py)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dedup.normalize import _native_fold, normalize, normalize_python

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(" \t\n1٣\u00a0\u3000\u2003x0ﬁ\"'“”„«»‹›‘’–—-\u2212…\u00ad\u200b\u00b4"), max_size=40)


@pytest.mark.skipif(_native_fold is None, reason="the compiled kernels were not built (no C compiler at install time)")
@given(texts)
def test_compiled_normalize_equals_the_python_one(text: str) -> None:
    assert normalize(text) == normalize_python(text)


@given(texts)
def test_normalized_text_has_no_digits_but_zero_and_no_space_runs(text: str) -> None:
    key = normalize_python(text)
    assert not {" -", "- ", "--", "''"} & {key[i : i + 2] for i in range(len(key) - 1)}
    assert "  " not in key and key == key.strip() and not any(c.isdecimal() and c != "0" for c in key)


latin1_texts = st.text(alphabet=st.characters(max_codepoint=255) | st.sampled_from("\"'`«»-\u00ad\u00b4 "), max_size=40)


@pytest.mark.skipif(_native_fold is None, reason="the compiled kernels were not built (no C compiler at install time)")
@given(latin1_texts)
@example("\x00 Straße µ 1")
@example("«Straße» - \u00adµ ''")
def test_compiled_normalize_of_latin1_text_equals_the_python_one(text: str) -> None:
    # the compiled loop case-folds Latin-1 text itself (ß -> ss, the micro sign handed to str.casefold)
    assert normalize(text) == normalize_python(text)
