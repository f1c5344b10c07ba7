"""The compiled version diff gives difflib's answer; the canonical choice follows the content."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.canonical import Version, VersionDiff, choose_canonical, diff_version, opcodes, opcodes_python
from dedup.sketch import NATIVE_KERNELS

keys = st.lists(st.integers(0, 5), max_size=30).map(tuple)


@pytest.mark.skipif(not NATIVE_KERNELS, reason="compiled kernels not built")
@settings(max_examples=500)
@given(keys, keys)
def test_compiled_opcodes_equal_difflibs(a: tuple[int, ...], b: tuple[int, ...]) -> None:
    assert opcodes(a, b) == opcodes_python(a, b)


def _version(url: str, keys: tuple[int, ...], lengths: tuple[int, ...]) -> Version:
    return Version(url, "o", "", "", tuple(k + 100 for k in keys), keys, lengths)


def test_diff_names_added_and_missing_blocks_by_text_id() -> None:
    canonical = _version("http://a/1", (1, 2, 3, 4), (10, 10, 10, 10))
    version = _version("http://b/1", (1, 3, 4, 9), (10, 10, 10, 5))
    diff = diff_version(version, canonical)
    assert diff.missing == (102,) and diff.added == (109,)
    assert diff_version(canonical, canonical) == VersionDiff((), ())


def test_canonical_is_the_version_carrying_most_of_what_versions_share() -> None:
    teaser = _version("http://a/1", (1, 2, 3, 7), (50, 50, 50, 400))  # a long block nobody else has
    full = _version("http://b/1", (1, 2, 3, 4), (50, 50, 50, 60))
    cut = _version("http://c/1", (1, 2, 4), (50, 50, 60))
    assert choose_canonical([teaser, full, cut]) is full
    assert choose_canonical([full, cut]) is cut  # of two, a block only one has counts against it
