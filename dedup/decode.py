"""Bytes of a fetched page to text: refuse empty and binary bodies, repair mislabelled encodings.

The declared encoding is found as browsers find it (w3lib: BOM > Content-Type header > meta
charset > a UTF-8/Windows-1252 guess). It is then checked against the bytes:

* declared UTF-8 but the bytes are not UTF-8 and are valid Windows-1252: decoded as Windows-1252;
* declared a single-byte encoding but the bytes are valid UTF-8 (and not plain ASCII): decoded as
  UTF-8, since legacy text is almost never valid UTF-8 by accident;
* otherwise a few stray bytes are replaced (U+FFFD), and a page with more than
  `MAX_INVALID_SHARE` of them is refused as undecodable.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from w3lib.encoding import html_to_unicode

#: Bytes inspected for binary signatures and NUL bytes.
SNIFF_BYTES = 4096
#: Share of replaced characters above which a page is refused; one stray byte per 1000
#: characters still leaves a readable article, more is a wrong or unknown encoding.
MAX_INVALID_SHARE = 0.001
#: Signatures of binary files servers send as text/html by mistake.
BINARY_SIGNATURES = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"RIFF", "RIFF media (WebP, WAV, AVI)"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip data"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x01\x00", "icon"),
)
_UNICODE_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_SINGLE_BYTE = frozenset({"cp1252", "iso8859-1", "iso8859-15", "ascii", "cp1250", "iso8859-2", "mac-roman"})


@dataclass(frozen=True, slots=True)
class Decoded:
    """A page's text, the encoding it was read with, and what was repaired ('' if nothing)."""

    text: str
    encoding: str
    repair: str = ""


@dataclass(frozen=True, slots=True)
class Refused:
    """A body that is not an HTML page: `reason` is a short key, `detail` says what was seen."""

    reason: str
    detail: str


def binary_kind(head: bytes) -> str:
    """What binary file `head` (the first bytes of a body) starts like; '' for text."""
    if head.startswith(_UNICODE_BOMS):
        return ""
    for signature, kind in BINARY_SIGNATURES:
        if head.startswith(signature):
            return kind
    return "binary data (NUL bytes)" if b"\x00" in head else ""


def text_problem(html: str) -> str:
    """Why an already decoded page is no HTML text ('' if it is): empty, or binary data."""
    return problem_of(not html.strip(), html.find("\x00", 0, SNIFF_BYTES))


def problem_of(blank: bool, first_nul: int) -> str:
    """`text_problem` of a page that is all white space or not (`blank`), whose first NUL
    character is at `first_nul` (-1: none)."""
    if blank:
        return "empty page"
    if 0 <= first_nul < SNIFF_BYTES:
        return "binary data (NUL characters), not HTML"
    return ""


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _guess(body: bytes) -> str:
    """The encoding of a page that declares none: UTF-8 when it decodes, else Windows-1252."""
    return "utf-8" if _decodes(body, "utf-8") else "cp1252"


def decode_page(body: bytes, content_type: str | None = None) -> Decoded | Refused:
    """Decode one fetched page, repairing a wrong declaration; refuse empty or binary bodies."""
    if not body.strip():
        return Refused("empty", f"{len(body)} bytes, no content")
    kind = binary_kind(body[:SNIFF_BYTES])
    if kind:
        return Refused("binary", f"{kind}, not HTML")
    declared, text = html_to_unicode(content_type, body, auto_detect_fun=_guess)
    codec = _codec(declared)
    if body.startswith(_UNICODE_BOMS) or _decodes(body, codec):
        if codec in _SINGLE_BYTE and not body.isascii() and _decodes(body, "utf-8"):
            return Decoded(body.decode("utf-8"), "utf-8", f"declared {codec}, is utf-8")
        return Decoded(text, codec)
    if codec != "cp1252" and _decodes(body, "cp1252") and not _decodes(body, "utf-8"):
        return Decoded(body.decode("cp1252"), "cp1252", f"declared {codec}, is cp1252")
    if codec != "utf-8" and _decodes(body, "utf-8"):
        return Decoded(body.decode("utf-8"), "utf-8", f"declared {codec}, is utf-8")
    invalid = text.count("\ufffd") - body.count("\ufffd".encode("utf-8"))
    if invalid > MAX_INVALID_SHARE * len(text):
        return Refused("undecodable", f"declared {codec}, {invalid} of {len(text)} characters invalid, no other encoding fits")
    return Decoded(text, codec, f"{invalid} invalid {codec} bytes replaced")
