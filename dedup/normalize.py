"""Text normalisation shared by every stage: one definition of "the same text".

A key folds what a copy editor's or a CMS's typography changes and the reader does not: besides
NFKC, case, digits and white space, every quotation mark and apostrophe is `'` (a run of them
one `'`), every dash, hyphen and minus is `-` with no space on either side (a run of them one
`-`), and soft hyphens, zero-width and direction marks are dropped. Ellipses (`…`), no-break,
thin and other Unicode spaces and compatibility forms are already folded by NFKC and white
space folding. Only keys fold: block texts and outputs keep their characters.
"""

from __future__ import annotations

import re
import unicodedata

try:
    from ._ckernels import casefolded_key as _native_fold
except ImportError:  # not compiled (no C compiler when installed)
    _native_fold = None

_DIGITS = re.compile(r"\d")
_WORD = re.compile(r"\w+")

#: Quotation marks and apostrophes, single and double, of any language (after NFKC, which
#: already turns full-width forms into ASCII and a double prime into two primes); each is `'`.
QUOTES = (
    "\"'`\u00ab\u00bb\u02bc\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2035\u2039\u203a"
    "\u275b\u275c\u275d\u275e\u2e42\u301d\u301e\u301f"
)
#: Hyphens, dashes and minus signs (after NFKC: the small and full-width forms are already `-`,
#: the non-breaking hyphen is U+2010); each is `-`.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b"
#: Characters that take no room: the soft hyphen, zero-width spaces and joiners, the word
#: joiner, invisible operators, the byte order mark and direction marks; dropped.
INVISIBLE = (
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_INVISIBLE = re.compile(f"[{re.escape(INVISIBLE)}]+")
_QUOTE_RUN = re.compile(f"[{re.escape(QUOTES)}]+")
_DASH_RUN = re.compile(f" ?[{re.escape(DASHES)}][ {re.escape(DASHES)}]*")


def fold_whitespace(text: str) -> str:
    """Collapse every run of white space to one space and strip the ends."""
    return " ".join(text.split())


def _compatible(text: str) -> str:
    """NFKC, with the acute accent used as an apostrophe (`geht´s`) first made one: NFKC would
    turn it into a space and a combining accent."""
    if "\u00b4" in text:
        text = text.replace("\u00b4", "'")
    return unicodedata.normalize("NFKC", text)


def normalize(text: str) -> str:
    """NFKC, casefold, digits masked as 0, typography and white space folded: the key of a
    fragment (all but NFKC by the compiled loop when it was built)."""
    if _native_fold is None:
        return normalize_python(text)
    return _native_fold(_compatible(text))


def normalize_python(text: str) -> str:
    """`normalize` without the compiled loop."""
    folded = fold_whitespace(_INVISIBLE.sub("", _DIGITS.sub("0", _compatible(text).casefold())))
    return _DASH_RUN.sub("-", _QUOTE_RUN.sub("'", folded))


def words(normalized: str) -> list[str]:
    """The word tokens of an already normalised text."""
    return _WORD.findall(normalized)
