"""Cut a built page into search records: one per source paragraph, one per headed section.

A record is what a search result lands on, so a hit always points at the paragraph or section
that holds the words, not just at the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import STATUS_MARK
from ..tables import STATUS_LEGEND
from .facets import KIND_GLOSSARY, Facets, PageFacets

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
PARAGRAPH_ID = re.compile(r"^p-[0-9a-f]{6}(?:-\d+)?$")
# Page furniture that is not the page's content: tags, ¶ links, 本段被引用于 lines, scripts, table
# headings (repeated in every table), reading hints (tip boxes).
NOT_CONTENT = (
    "nav.md-tags",
    "thead",
    ".admonition.tip",
    "a.headerlink",
    "a.kb-para-link",
    "p.kb-cited",
    "script",
    "style",
    "[data-search-exclude]",
)
# Sections that describe how a page was made or how to use the site, not what it says.
UNSEARCHABLE_SECTIONS = {"处理记录", "怎样搜索", "参与编辑"}
# Blocks that may be navigation (links and separators only) or a help text.
BLOCKS = "p, li, td"
# Anything a reader could search for: an ideograph, a digit or a letter.
_WORDS = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_MARKS = set(STATUS_MARK.values())
# A bold label that opens a line (**相关方法**：…).
_LABEL = re.compile(r"^\s*[^：:]{1,12}[：:]")


@dataclass(frozen=True)
class SearchRecord:
    url: str  # site-relative URL with the anchor the result lands on
    page_title: str
    section: str
    text: str
    facets: Facets
    # source paragraphs this record quotes or links to ('sources/x/#p-1a2b3c'): a result
    # that repeats one of them is shown under it
    cites: tuple[str, ...] = ()


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
    for node in article.css(BLOCKS):
        if is_scaffolding(node):
            node.decompose()
    # The glossary is a list of terms: its rows are what a reader searches, not its preface.
    rows_only = facets.page.kind == KIND_GLOSSARY
    cutter = _Cutter(url, page_title, facets)
    for node in _blocks(article):
        node_id = node.attributes.get("id") or ""
        if node.tag in HEADINGS and node_id:
            cutter.heading(node, node_id)
        elif node.tag == "p" and PARAGRAPH_ID.match(node_id):
            cutter.start(node_id, cutter.heading_text)
            cutter.add(node.text(), node)
        elif node.tag == "table" and node.css_first("tr [id]") is not None:
            cutter.table(node)
        elif not rows_only:
            cutter.add(node.text(separator=" "), node)
    cutter.flush()
    return cutter.records


def is_scaffolding(block: LexborNode) -> bool:
    """A line of links and separators (**相关方法**：甲、乙; a glossary term's usage list; linked
    methods or cities with their status notes), or the marks legend: navigation and help, not
    content. A block holding an anchor stays (something links to it), and so does a figure
    linked to its paragraph."""
    # The block's markup says at once what most blocks are (a paragraph of text without links
    # or anchors); a CSS query per block would cost more than the rest of the page's records.
    markup = block.html or ""
    if ' id="' in markup:
        return False
    text = block.text()
    if STATUS_LEGEND in text:
        return True
    if "<a " in markup:
        for link in block.css("a"):
            if not _is_figure(link):
                text = text.replace(link.text(), "", 1)
    if "<strong" in markup:
        first = block.css_first("strong")
        if first is not None and text.lstrip().startswith(first.text()):
            text = _LABEL.sub("", text, count=1)
    return not _WORDS.search(_without_status_marks(text))


def _without_status_marks(text: str) -> str:
    """Text without the status notes after linked names: 宁波（✔ 2019，△ 2023（城市推断））."""
    if "（" not in text:
        return text
    out, depth = [], 0
    for at, char in enumerate(text):
        if depth:
            depth += {"（": 1, "）": -1}.get(char, 0)
        elif char == "（" and text[at + 1 : at + 2].strip() in _MARKS:
            depth = 1
        else:
            out.append(char)
    return "".join(out)


def _is_figure(link: LexborNode) -> bool:
    """A figure linked to the paragraph that states it (4933, 3.34万): content, not a link."""
    href = link.attributes.get("href") or ""
    return PARAGRAPH_ID.match(href.rpartition("#")[2]) is not None and any(
        c.isdigit() for c in link.text()
    )


def cited_paragraphs(node: LexborNode, page_url: str) -> list[str]:
    """Source paragraphs `node` links to, as site-relative URLs ('sources/x/#p-1a2b3c')."""
    found = []
    if "#p-" not in (node.html or ""):  # no link to a paragraph: nothing to resolve
        return found
    for link in node.css("a[href]"):
        href = link.attributes.get("href") or ""
        if "#p-" not in href:
            continue
        target = urlsplit(urljoin(f"http://site/{page_url}", href))
        path = unquote(target.path).lstrip("/")
        if (
            target.netloc == "site"
            and path.startswith("sources/")
            and PARAGRAPH_ID.match(target.fragment)
        ):
            found.append(f"{path}#{target.fragment}")
    return found


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
        self.cites: list[str] = []

    def heading(self, node: LexborNode, node_id: str) -> None:
        level = int(node.tag[1])
        if self.skipping and level <= self.skip_level:
            self.flush()  # drops the skipped section's text
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
                    self.add(row.text(separator=" "), row)
                continue
            first_cell = row.css_first("td, th")
            self.start(anchored.attributes.get("id") or "", _squash(first_cell.text()))
            self.add(row.text(separator=" "), row)
        # Text after the table belongs to the section again, not to the last row.
        self.start(self.heading_anchor, self.heading_text)

    def start(self, anchor: str, section: str) -> None:
        self.flush()
        self.anchor, self.section = anchor or self.anchor, section

    def add(self, text: str, node: LexborNode | None = None) -> None:
        self.parts.append(text)
        if node is not None:
            self.cites += cited_paragraphs(node, self.url)

    def flush(self) -> None:
        text = _squash(" ".join(self.parts)) or (self.section if self.anchor else "")
        cites = tuple(dict.fromkeys(c for c in self.cites if not c.startswith(self.url + "#")))
        self.parts.clear()
        self.cites.clear()
        if self.skipping:
            self.anchor = ""  # nothing of a skipped section is left to emit
            return
        if not text:
            return
        target = f"{self.url}#{self.anchor}" if self.anchor else self.url
        section = self.section or self.page_title
        self.records.append(
            SearchRecord(target, self.page_title, section, text, self.facets.at(self.anchor), cites)
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
