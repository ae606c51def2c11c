"""What the build reads from one rendered page, kept in the kb cache by the page's content.

After every page is rendered, the build reads each page's HTML once: whatever could run script
(to remove it), the ids and links the link checks need, a description for link previews, and
the page's part of the search index. All of it depends only on the page's HTML, its address
and title, its search facets and the dictionary words, so a page that comes out of a rebuild
unchanged (most pages, in a local re-run or a `mkdocs serve` rebuild) is not read again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from selectolax.lexbor import LexborHTMLParser

from .cache import DiskCache, code_version, content_key
from .checks.links import page_links
from .checks.page_html import sanitize, unsafe_html
from .page_meta import summary
from .search.facets import PageFacets
from .search.indexer import IndexedPage, indexed_page
from .search.records import page_records
from .search.tokens import TermFinder


@dataclass(frozen=True)
class PageReading:
    unsafe: list[str]  # what could run script, removed from the page (see `safe_content`)
    ids: list[str]  # every id on the page
    headings: list[str]  # ids of its headings h1–h4
    hrefs: list[str]  # its links and images, in order
    summary: str  # its first words, plain text
    search: IndexedPage | None  # None: not searched, or nothing to find


@dataclass(frozen=True)
class SearchInput:
    """What the page's search records depend on besides its HTML."""

    facets: PageFacets
    terms: TermFinder


def read_page(content: str, url: str, title: str, search: SearchInput | None) -> PageReading:
    """Read the rendered `content` of the page at `url` (without search when `search` is None).
    Content that could run script is read as `safe_content` leaves it."""
    unsafe = unsafe_html(content)
    if unsafe:
        content = sanitize(content)
    tree = LexborHTMLParser(f'<article class="md-content__inner">{content}</article>')
    ids, headings, hrefs = page_links(tree)
    first_words = summary(tree)
    indexed = None
    if search is not None:
        records = page_records(url, tree, title, search.facets)  # consumes the tree: last
        indexed = indexed_page(records, search.terms) if records else None
    return PageReading(unsafe, ids, headings, hrefs, first_words, indexed)


def safe_content(content: str, reading: PageReading) -> str:
    """The page's content without what could run script (the content itself when none)."""
    return sanitize(content) if reading.unsafe else content


class PageReadings:
    """`read_page`, remembered in the kb cache (when there is one) under a hash of everything
    the reading depends on: the code, the page's HTML, address and title, and its search
    input. An entry that does not load is read again."""

    def __init__(self, cache: DiskCache | None) -> None:
        self.cache = cache

    def read(self, content: str, url: str, title: str, search: SearchInput | None) -> PageReading:
        if self.cache is None:
            return read_page(content, url, title, search)
        key = self._key(content, url, title, search)
        saved = self.cache.get(key)
        if isinstance(saved, dict):
            try:
                found = saved["search"]
                return PageReading(
                    **{**saved, "search": IndexedPage(**found) if found is not None else None}
                )
            except (KeyError, TypeError):
                pass  # a corrupt or foreign entry: read the page again
        reading = read_page(content, url, title, search)
        self.cache.put(key, asdict(reading))
        return reading

    def _key(self, content: str, url: str, title: str, search: SearchInput | None) -> str:
        facets = terms = ""
        if search is not None:
            facets = json.dumps(asdict(search.facets), ensure_ascii=False, sort_keys=True)
            terms = search.terms.key
        return content_key("page", code_version(), content, url, title, facets, terms)
