"""The shape of a text: whether it ends like a sentence or holds one, and the frames around its
own words (a lead-in set off by a separator, a credit closing it)."""

from __future__ import annotations

import re

from .normalize import words

#: Sentence ends, and what may close a text after one (quotes, a bracket).
STOPS = ".!?\u2026"
_CLOSERS = "\"'\u201c\u201d\u201e\u00bb\u00ab\u2019)"
_END = re.compile(rf"[{STOPS}][{_CLOSERS}]*$")
_SENTENCE = re.compile(rf"\w[{STOPS}][{_CLOSERS}]*(?:\s|$)")


def ends_sentence(text: str) -> bool:
    """Whether a text ends with a full stop, question or exclamation mark (quotes or brackets
    may close after it): prose, where a headline or a teaser's slot ends without one."""
    return _END.search(text) is not None


def has_sentence_end(text: str) -> bool:
    """Whether a word is followed by a sentence end somewhere in the text."""
    return _SENTENCE.search(text) is not None


_CLOSING = re.compile(rf"\w\W*?\(([^()]*)\)$|\w[{STOPS}][{_CLOSERS}]*\s+([^{STOPS}]+)$")
#: A separator between constant words and a slot: a colon, a bar, a dash, a guillemet, a bullet.
_SEPARATOR = r"[:|\u2013\u2014\u00bb\u203a\u2022\u00b7]|\s-\s"
#: Most words a frame's constant part has (`Video |`, `Read more:`).
FRAME_WORDS = 5
_LEAD = re.compile(rf"^\W*(\w+(?: \w+){{0,{FRAME_WORDS - 1}}})\s*(?:{_SEPARATOR})\W*\w")
_KEY_WORD = r"\w[\w']*(?![\w'])"
_KEY_LEAD = re.compile(rf"^\W*({_KEY_WORD}(?: {_KEY_WORD}){{0,{FRAME_WORDS - 1}}})(?:\s*[:|\u2022\u00b7]|\s'\s|-)\W*\w")
#: A separator of `_KEY_LEAD` somewhere in a key's first characters (a cheap test first).
_KEY_SEPARATOR = re.compile(r"[:|\u2022\u00b7'-]")
_KEY_LEAD_REACH = 80


def closing_frame(text: str) -> str:
    """What closes a text after its own words: inside brackets that end it (`<sentence>
    (AP Photo/<name>)`), or after its last sentence end when the text does not end like a
    sentence (`<sentence>. Photo: <name>/AP`); "" if nothing does."""
    found = _CLOSING.search(text)
    return "" if found is None else found[1] if found[1] is not None else found[2] or ""


def framed_lead(text: str) -> str:
    """The first words of a (casefolded, space-joined) text when a separator sets them off from
    the rest (`video | <headline>`, `watch: <headline>. <sentence>`); "" if none does."""
    found = _LEAD.match(text)
    return "" if found is None else found[1]


def closing_words(key: str) -> int:
    """How many words close a normalised text (`closing_frame`)."""
    return len(words(closing_frame(key)))


def lead_words(key: str) -> int:
    """How many first words of a normalised text a separator sets off, as `framed_lead` on the
    text as printed (a key joins a dash to the words around it, spaces a guillemet as `'`)."""
    if _KEY_SEPARATOR.search(key, 0, _KEY_LEAD_REACH) is None:
        return 0
    found = _KEY_LEAD.match(key)
    return 0 if found is None else len(words(found[1]))
