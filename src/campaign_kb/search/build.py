"""Search for one build: records from every rendered page, then the index and the lexicon."""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from ..cache import DiskCache
from ..catalog import Catalog
from .facets import FacetIndex, page_facets
from .index_cache import IndexCache
from .indexer import SearchIndex
from .lexicon import dictionary_words, synonyms, t2s_characters
from .names import Spellings, name_entries, names_lexicon
from .records import SearchRecord, page_records
from .tokens import TermFinder


def new_search_index(
    site_dir: Path, catalog: Catalog, cache_folder: Path | None = None
) -> SearchIndex:
    """The index of one build; the dictionary words are also indexed as whole words. With a
    `cache_folder`, an index made from the same documents before is reused."""
    cache = IndexCache(cache_folder) if cache_folder is not None else None
    return SearchIndex(site_dir, TermFinder(dictionary_words(catalog)), cache)


def page_search_records(
    tree: LexborHTMLParser, src_uri: str, url: str, title: str, meta: dict, facets: FacetIndex
) -> list[SearchRecord]:
    """The records of one built page; none for pages that opt out (`search: exclude: true`).

    Consumes `tree` (page furniture is removed from it), so call it last."""
    if (meta.get("search") or {}).get("exclude"):
        return []
    return page_records(url, tree, title, page_facets(facets, src_uri, meta))


def lexicon(catalog: Catalog, page_urls: dict[str, str], cache: DiskCache | None = None) -> dict:
    """What the browser needs to read a query: dictionary words, synonyms, Traditional →
    Simplified characters, and the names that lead to a page (`page_urls`: docs/ path → URL).
    The names' pinyin is remembered in `cache`."""
    spell = Spellings(cache)
    names = names_lexicon(name_entries(catalog, page_urls, spell))
    spell.save()
    return {
        "words": dictionary_words(catalog),
        "synonyms": synonyms(catalog),
        "t2s": t2s_characters(),
        "names": names,
    }
