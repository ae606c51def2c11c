"""Search for one build: records from every rendered page, then the index and the lexicon."""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from ..catalog import Catalog
from .facets import FacetIndex, page_facets
from .indexer import SearchIndex
from .lexicon import dictionary_words, synonyms, t2s_characters
from .names import name_entries, names_lexicon
from .records import SearchRecord, page_records
from .tokens import TermFinder


def new_search_index(site_dir: Path, catalog: Catalog) -> SearchIndex:
    """The index of one build; the dictionary words are also indexed as whole words."""
    return SearchIndex(site_dir, TermFinder(dictionary_words(catalog)))


def page_search_records(
    tree: LexborHTMLParser, src_uri: str, url: str, title: str, meta: dict, facets: FacetIndex
) -> list[SearchRecord]:
    """The records of one built page; none for pages that opt out (`search: exclude: true`).

    Consumes `tree` (page furniture is removed from it), so call it last."""
    if (meta.get("search") or {}).get("exclude"):
        return []
    return page_records(url, tree, title, page_facets(facets, src_uri, meta))


def lexicon(catalog: Catalog, page_urls: dict[str, str]) -> dict:
    """What the browser needs to read a query: dictionary words, synonyms, Traditional →
    Simplified characters, and the names that lead to a page (`page_urls`: docs/ path → URL)."""
    return {
        "words": dictionary_words(catalog),
        "synonyms": synonyms(catalog),
        "t2s": t2s_characters(),
        "names": names_lexicon(name_entries(catalog, page_urls)),
    }
