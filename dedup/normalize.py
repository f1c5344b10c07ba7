"""Text normalisation shared by every stage: one definition of "the same text"."""

from __future__ import annotations

import re
import unicodedata

try:
    from ._ckernels import casefolded_key as _native_fold
except ImportError:  # not compiled (no C compiler when installed)
    _native_fold = None

_DIGITS = re.compile(r"\d")
_WORD = re.compile(r"\w+")


def fold_whitespace(text: str) -> str:
    """Collapse every run of white space to one space and strip the ends."""
    return " ".join(text.split())


def normalize(text: str) -> str:
    """NFKC, casefold, digits masked as 0, white space folded: the key of a fragment
    (the last three steps by the compiled loop when it was built)."""
    if _native_fold is None:
        return normalize_python(text)
    return _native_fold(unicodedata.normalize("NFKC", text))


def normalize_python(text: str) -> str:
    """`normalize` without the compiled loop."""
    return fold_whitespace(_DIGITS.sub("0", unicodedata.normalize("NFKC", text).casefold()))


def words(normalized: str) -> list[str]:
    """The word tokens of an already normalised text."""
    return _WORD.findall(normalized)
