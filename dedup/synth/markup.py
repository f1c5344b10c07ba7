"""HTML assembly that records ground truth while it writes.

`PageBuilder.block` writes one block-level element whose content is inline only and records
its folded text with a label, so truth and markup cannot drift apart. A builder made with
`kinds=True` also records each block's `kind` (what sort of boilerplate it is) and marks
article paragraphs shared by several stories with `"shared": true`.
"""

from __future__ import annotations

from html import escape as _escape
from json.encoder import (
    encode_basestring,  # what json.dumps(..., ensure_ascii=False) uses
)

Inline = tuple[str, str, dict[str, str]]  # (tag, text, attributes)
Part = str | Inline
Fragment = tuple[str, tuple[dict[str, str], ...], tuple[str, ...]]  # HTML, its blocks, their JSON


def escape(text: str, quote: bool = True) -> str:
    """`html.escape`, skipped for the common text without special characters."""
    if "&" in text or "<" in text or ">" in text or (quote and ('"' in text or "'" in text)):
        return _escape(text, quote)
    return text


def attrs(cls: str = "", extra: dict[str, str] | None = None) -> str:
    out = f' class="{escape(cls)}"' if cls else ""
    if extra:
        out += "".join(f' {k}="{escape(v)}"' for k, v in extra.items())
    return out


def a(href: str, text: str) -> Inline:
    return ("a", text, {"href": href})


def el(tag: str, text: str, cls: str = "", **extra: str) -> Inline:
    return (tag, text, ({"class": cls} if cls else {}) | extra)


class PageBuilder:
    """Accumulates HTML and the labelled text blocks of a page, in document order."""

    def __init__(self, kinds: bool = False) -> None:
        self.kinds = kinds
        self._out: list[str] = []
        self.blocks: list[dict[str, str]] = []
        self._json: list[str] = []  # JSON of each block, as json.dumps(block, ensure_ascii=False)

    def raw(self, html: str) -> None:
        """Markup without visible text (head, empty slots, scripts)."""
        self._out.append(html)

    def open(self, tag: str, cls: str = "", **extra: str) -> None:
        self._out.append(f"<{tag}{attrs(cls, extra)}>\n")

    def close(self, tag: str) -> None:
        self._out.append(f"</{tag}>\n")

    def block(self, tag: str, label: str, *parts: Part, cls: str = "", kind: str = "", shared: bool = False,
              **extra: str) -> None:
        """One text block: `tag` holding `parts` (strings and inline elements); `kind` and
        `shared` go into the truth only when the builder records kinds."""
        if len(parts) == 1 and isinstance(parts[0], str):
            inner, text = escape(parts[0], quote=False), parts[0]
        else:
            html: list[str] = []
            texts: list[str] = []
            for part in parts:
                if isinstance(part, str):
                    html.append(escape(part, quote=False))
                    texts.append(part)
                else:
                    itag, itext, iattrs = part
                    html.append(f"<{itag}{attrs('', iattrs)}>{escape(itext, quote=False)}</{itag}>")
                    texts.append(itext)
            inner, text = "".join(html), "".join(texts)
        at = attrs(cls, extra) if extra else (f' class="{cls}"' if cls else "")  # class names are plain ASCII
        self._out.append(f"<{tag}{at}>{inner}</{tag}>\n")
        folded = " ".join(text.split())
        if self.kinds and (kind or shared):
            block: dict = {"text": folded, "label": label}
            tail = ""
            if kind:
                block["kind"] = kind
                tail += f', "kind": "{kind}"'
            if shared:
                block["shared"] = True
                tail += ', "shared": true'
            self.blocks.append(block)
            self._json.append(f'{{"text": {encode_basestring(folded)}, "label": "{label}"{tail}}}')
            return
        self.blocks.append({"text": folded, "label": label})
        self._json.append(f'{{"text": {encode_basestring(folded)}, "label": "{label}"}}')

    def include(self, fragment: Fragment) -> None:
        """Append a fragment rendered once and shared by many pages."""
        self._out.append(fragment[0])
        self.blocks.extend(fragment[1])
        self._json.extend(fragment[2])

    def fragment(self) -> Fragment:
        return self.html(), tuple(self.blocks), tuple(self._json)

    def blocks_json(self) -> str:
        """`json.dumps(self.blocks, ensure_ascii=False)`, from blocks encoded as they were added."""
        return "[" + ", ".join(self._json) + "]"

    def html(self) -> str:
        return "".join(self._out)
