"""Search for one build: records from every rendered page, then the index and the lexicon."""

from __future__ import annotations

from pathlib import Path

from ..catalog import Catalog
from ..checks.links import RenderedPage
from .facets import page_facets
from .indexer import write_search_index
from .lexicon import dictionary_words, synonyms, t2s_characters
from .records import SearchRecord, page_records


def search_records(pages: list[RenderedPage], catalog: Catalog) -> list[SearchRecord]:
    records: list[SearchRecord] = []
    for page in pages:
        if (page.meta.get("search") or {}).get("exclude"):
            continue
        facets = page_facets(catalog, page.src_uri, page.meta)
        records += page_records(page.url, page.html, page.title, facets)
    return records


def build_search(pages: list[RenderedPage], catalog: Catalog, site_dir: Path) -> int:
    """Write the search index for the built site; returns the number of records."""
    records = search_records(pages, catalog)
    lexicon = {
        "words": dictionary_words(catalog),
        "synonyms": synonyms(catalog),
        "t2s": t2s_characters(),
    }
    write_search_index(records, site_dir, lexicon)
    return len(records)
