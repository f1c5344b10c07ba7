"""Word hashes: one per `\\w+` run, equal for equal words, the same from the compiled loop and numpy."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dedup.tokens import _native_word_hashes, token_hashes, token_hashes_numpy

texts = st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from("ab _-1ü\u00a0\ud800"), max_size=30), max_size=8)


@given(texts)
def test_one_hash_per_word_and_equal_words_hash_alike(values: list[str]) -> None:
    hashes, offsets = token_hashes_numpy(values)
    found = [re.findall(r"\w+", v) for v in values]
    assert np.diff(offsets).tolist() == [len(w) for w in found]
    by_word: dict[str, int] = {}
    for word, h in zip([w for ws in found for w in ws], hashes.tolist()):
        assert by_word.setdefault(word, h) == h


@pytest.mark.skipif(_native_word_hashes is None, reason="the compiled kernels were not built (no C compiler at install time)")
@given(texts)
def test_compiled_word_hashes_equal_the_numpy_ones(values: list[str]) -> None:
    compiled, numpy_path = token_hashes(values), token_hashes_numpy(values)
    assert np.array_equal(compiled[0], numpy_path[0]) and np.array_equal(compiled[1], numpy_path[1])
