"""HTML assembly that records ground truth while it writes.

`PageBuilder.block` writes one block-level element whose content is inline only and records
its folded text with a label, so truth and markup cannot drift apart.
"""

from __future__ import annotations

from html import escape

Inline = tuple[str, str, dict[str, str]]  # (tag, text, attributes)
Part = str | Inline


def fold(text: str) -> str:
    """White space folded the way truth texts are compared."""
    return " ".join(text.split())


def attrs(cls: str = "", extra: dict[str, str] | None = None) -> str:
    items = ([("class", cls)] if cls else []) + list((extra or {}).items())
    return "".join(f' {k}="{escape(v)}"' for k, v in items)


def a(href: str, text: str) -> Inline:
    return ("a", text, {"href": href})


def el(tag: str, text: str, cls: str = "", **extra: str) -> Inline:
    return (tag, text, ({"class": cls} if cls else {}) | extra)


class PageBuilder:
    """Accumulates HTML and the labelled text blocks of a page, in document order."""

    def __init__(self) -> None:
        self._out: list[str] = []
        self.blocks: list[dict[str, str]] = []

    def raw(self, html: str) -> None:
        """Markup without visible text (head, empty slots, scripts)."""
        self._out.append(html)

    def open(self, tag: str, cls: str = "", **extra: str) -> None:
        self._out.append(f"<{tag}{attrs(cls, extra)}>\n")

    def close(self, tag: str) -> None:
        self._out.append(f"</{tag}>\n")

    def block(self, tag: str, label: str, *parts: Part, cls: str = "", **extra: str) -> None:
        """One text block: `tag` holding `parts` (strings and inline elements)."""
        html: list[str] = []
        text: list[str] = []
        for part in parts:
            if isinstance(part, str):
                html.append(escape(part, quote=False))
                text.append(part)
            else:
                tag_, inner, at = part
                html.append(f"<{tag_}{attrs('', at)}>{escape(inner, quote=False)}</{tag_}>")
                text.append(inner)
        self._out.append(f"<{tag}{attrs(cls, extra)}>{''.join(html)}</{tag}>\n")
        self.blocks.append({"text": fold("".join(text)), "label": label})

    def html(self) -> str:
        return "".join(self._out)
