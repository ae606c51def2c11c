"""Search for one build: the index (each page's part comes from `page_reading`) and the lexicon."""

from __future__ import annotations

from pathlib import Path

from ..cache import DiskCache
from ..catalog import Catalog
from .index_cache import IndexCache
from .indexer import SearchIndex
from .lexicon import dictionary_words, synonyms, t2s_characters
from .names import Spellings, name_entries, names_lexicon
from .tokens import TermFinder


def new_search_index(
    site_dir: Path, catalog: Catalog, cache_folder: Path | None = None
) -> SearchIndex:
    """The index of one build; the dictionary words are also indexed as whole words. With a
    `cache_folder`, an index made from the same documents before is reused."""
    cache = IndexCache(cache_folder) if cache_folder is not None else None
    return SearchIndex(site_dir, TermFinder(dictionary_words(catalog)), cache)


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
