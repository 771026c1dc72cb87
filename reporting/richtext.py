"""The Secretariat's texts of the annual report: a small, safe subset of HTML, and its blocks.

Staff write the report's texts in the portal with headings, paragraphs, lists, links and
emphasis, nothing else: what they type is cleaned with nh3 before it is stored, so no raw
HTML from a user (a script, a style, an event handler) is ever kept or shown. Plain text
(no tags at all) is taken as paragraphs separated by blank lines.

The document (DOCX, PDF, the preview) reads a text as blocks: headings, paragraphs (which
the committee document numbers) and list items (part of the paragraph before them).
"""

from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {"h3", "h4", "p", "ul", "ol", "li", "a", "em", "strong", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise(text: str) -> str:
    """``text`` with only headings, paragraphs, lists, links and emphasis left; script content dropped."""
    text = (text or "").strip()
    if not text:
        return ""
    if "<" not in text:
        paragraphs = [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n")]
        text = "".join(f"<p>{escape(part)}</p>" for part in paragraphs if part)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


@dataclass(frozen=True)
class TextBlock:
    kind: str  # "heading", "paragraph" or "item"
    text: str


class _BlockReader(HTMLParser):
    BLOCKS = {"h3": "heading", "h4": "heading", "p": "paragraph", "li": "item"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[TextBlock] = []
        self.kind: str | None = None
        self.parts: list[str] = []
        self.href: str | None = None
        self.link_text: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        if text:
            self.blocks.append(TextBlock(self.kind or "paragraph", text))
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()
            self.kind = self.BLOCKS[tag]
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
            self.link_text = []
        elif tag == "br":
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()
            self.kind = None
        elif tag == "a" and self.href is not None:
            text = "".join(self.link_text).strip()
            if self.href and self.href != text:
                self.parts.append(f" ({self.href})")
            self.href = None

    def handle_data(self, data):
        self.parts.append(data)
        if self.href is not None:
            self.link_text.append(data)


def text_blocks(html: str) -> list[TextBlock]:
    """The blocks of a (sanitised) text, links written as "text (address)" for paper."""
    reader = _BlockReader()
    reader.feed(sanitise(html))
    reader.close()
    reader._flush()
    return reader.blocks
