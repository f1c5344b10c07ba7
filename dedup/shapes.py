"""The shape of a text: whether it ends like a sentence, whether it holds one."""

from __future__ import annotations

import re

_CLOSERS = "\"'\u201c\u201d\u201e\u00bb\u00ab\u2019)"
_END = re.compile(rf"[.!?\u2026][{_CLOSERS}]*$")
_SENTENCE = re.compile(rf"\w[.!?\u2026][{_CLOSERS}]*(?:\s|$)")


def ends_sentence(text: str) -> bool:
    """Whether a text ends with a full stop, question or exclamation mark (quotes or brackets
    may close after it): prose, where a headline or a teaser's slot ends without one."""
    return _END.search(text) is not None


def has_sentence_end(text: str) -> bool:
    """Whether a word is followed by a sentence end somewhere in the text."""
    return _SENTENCE.search(text) is not None
