"""Cut a built page into search records: one per source paragraph, one per headed section.

A record is what a search result lands on, so a hit always points at the paragraph or section
that holds the words, not just at the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .facets import Facets, PageFacets

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
PARAGRAPH_ID = re.compile(r"^p-[0-9a-f]{6}(?:-\d+)?$")
# Page furniture that is not the page's content: tags, ¶ links, 本段被引用于 lines, scripts.
NOT_CONTENT = (
    "nav.md-tags",
    "a.headerlink",
    "a.kb-para-link",
    "p.kb-cited",
    "script",
    "style",
    "[data-search-exclude]",
)
# Sections that describe how a page was made rather than what it says.
UNSEARCHABLE_SECTIONS = {"处理记录"}


@dataclass(frozen=True)
class SearchRecord:
    url: str  # site-relative URL with the anchor the result lands on
    page_title: str
    section: str
    text: str
    facets: Facets


def page_records(
    url: str, page: str | LexborHTMLParser, page_title: str, facets: PageFacets
) -> list[SearchRecord]:
    """The records of one built page (its HTML, or the parsed tree, which is modified)."""
    tree = LexborHTMLParser(page) if isinstance(page, str) else page
    article = tree.css_first("article.md-content__inner")
    if article is None:
        return []
    for selector in NOT_CONTENT:
        for node in article.css(selector):
            node.decompose()
    cutter = _Cutter(url, page_title, facets)
    for node in _blocks(article):
        node_id = node.attributes.get("id") or ""
        if node.tag in HEADINGS and node_id:
            cutter.heading(node, node_id)
        elif node.tag == "p" and PARAGRAPH_ID.match(node_id):
            cutter.start(node_id, cutter.heading_text)
            cutter.add(node.text())
        elif node.tag == "table" and node.css_first("tr [id]") is not None:
            cutter.table(node)
        else:
            cutter.add(node.text(separator=" "))
    cutter.flush()
    return cutter.records


class _Cutter:
    """Accumulates text into the current record; a heading, an anchored paragraph or an
    anchored table row (a glossary term) starts the next one."""

    def __init__(self, url: str, page_title: str, facets: PageFacets) -> None:
        self.url, self.page_title, self.facets = url, page_title, facets
        self.records: list[SearchRecord] = []
        self.anchor = self.section = self.heading_text = self.heading_anchor = ""
        self.skipping = False
        self.skip_level = 0
        self.parts: list[str] = []

    def heading(self, node: LexborNode, node_id: str) -> None:
        level = int(node.tag[1])
        if self.skipping and level <= self.skip_level:
            self.skipping = False
        if node_id in UNSEARCHABLE_SECTIONS:
            self.flush()
            self.skipping, self.skip_level = True, level
        self.heading_text = _squash(node.text())
        self.heading_anchor = node_id
        self.start(node_id, self.heading_text)

    def table(self, node: LexborNode) -> None:
        header = node.css_first("thead")
        for row in node.css("tr"):
            anchored = row.css_first("[id]")
            if anchored is None:
                if header is None or row.parent != header:
                    self.add(row.text(separator=" "))
                continue
            first_cell = row.css_first("td, th")
            self.start(anchored.attributes.get("id") or "", _squash(first_cell.text()))
            self.add(row.text(separator=" "))
        # Text after the table belongs to the section again, not to the last row.
        self.start(self.heading_anchor, self.heading_text)

    def start(self, anchor: str, section: str) -> None:
        self.flush()
        self.anchor, self.section = anchor or self.anchor, section

    def add(self, text: str) -> None:
        self.parts.append(text)

    def flush(self) -> None:
        text = _squash(" ".join(self.parts)) or (self.section if self.anchor else "")
        self.parts.clear()
        if not text or self.skipping:
            return
        target = f"{self.url}#{self.anchor}" if self.anchor else self.url
        section = self.section or self.page_title
        self.records.append(
            SearchRecord(target, self.page_title, section, text, self.facets.at(self.anchor))
        )


def _blocks(article: LexborNode):
    """Top-level blocks of the article, descending into wrappers that hold headings."""
    for node in article.iter(include_text=False):
        if node.tag in {"div", "section"} and node.css_first(",".join(HEADINGS)) is not None:
            yield from _blocks(node)
        elif node.tag != "-comment":
            yield node


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
