"""Text normalisation shared by every stage: one definition of "the same text"."""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"\d")
_WORD = re.compile(r"\w+")


def fold_whitespace(text: str) -> str:
    """Collapse every run of white space to one space and strip the ends."""
    return " ".join(text.split())


def normalize(text: str) -> str:
    """NFKC, casefold, digits masked as 0, white space folded: the key of a fragment."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return fold_whitespace(_DIGITS.sub("0", text))


def words(normalized: str) -> list[str]:
    """The word tokens of an already normalised text."""
    return _WORD.findall(normalized)
