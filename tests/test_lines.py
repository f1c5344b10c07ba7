"""Output lines joined from the corpus's encoded texts read back as the texts themselves."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.lines import joined_json, joined_json_python
from dedup.pages import json_string
from dedup.sketch import NATIVE_KERNELS

texts = st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40), min_size=1, max_size=12)


def _encoded(items: list[str]) -> tuple[bytearray, np.ndarray]:
    pieces = [json_string(t) for t in items]
    return bytearray(b"".join(pieces)), np.r_[0, np.cumsum([len(p) for p in pieces])].astype(np.int64)


@settings(max_examples=300)
@given(texts, st.data())
def test_joined_texts_read_back_as_the_texts(items: list[str], data: st.DataObject) -> None:
    encoded, ends = _encoded(items)
    chosen = data.draw(st.lists(st.integers(0, len(items) - 1), max_size=10))
    assert json.loads(b"[" + joined_json(encoded, ends, chosen, b", ") + b"]") == [items[i] for i in chosen]
    assert json.loads(b'"' + joined_json(encoded, ends, tuple(chosen), b"\\n\\n", unquoted=True) + b'"') == "\n\n".join(items[i] for i in chosen)


@pytest.mark.skipif(not NATIVE_KERNELS, reason="compiled kernels not built")
@settings(max_examples=300)
@given(texts, st.data(), st.booleans())
def test_compiled_join_equals_the_python_join(items: list[str], data: st.DataObject, unquoted: bool) -> None:
    encoded, ends = _encoded(items)
    chosen = data.draw(st.lists(st.integers(0, len(items) - 1), max_size=10))
    assert joined_json(encoded, ends, chosen, b", ", unquoted) == joined_json_python(encoded, ends, chosen, b", ", unquoted)


@pytest.mark.skipif(not NATIVE_KERNELS, reason="compiled kernels not built")
def test_compiled_join_rejects_a_text_id_out_of_range() -> None:
    encoded, ends = _encoded(["a", "b"])
    with pytest.raises(IndexError):
        joined_json(encoded, ends, [2], b", ")
