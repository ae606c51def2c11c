"""The knowledge base of one build: validated data/, ingested reports and what pages derive
from them (who quotes each paragraph, the glossary matcher, the search facets)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .backlinks import Citer, citers_by_paragraph
from .cache import DiskCache
from .catalog import Catalog, load_catalog
from .glossary_marks import TermMatcher
from .search.facets import FacetIndex
from .sources import Document, ingest_all


@dataclass
class KnowledgeBase:
    catalog: Catalog
    cache: DiskCache | None = None  # ingest results of earlier builds, if caching is on

    @cached_property
    def documents(self) -> dict[str, Document]:
        """Every report ingested (read from the cache where unchanged)."""
        return ingest_all(self.catalog, self.cache)

    @cached_property
    def citers(self) -> dict[tuple[str, str], list[Citer]]:
        """Who quotes each source paragraph; built once per load, not once per page."""
        return citers_by_paragraph(self.catalog)

    @cached_property
    def term_matcher(self) -> TermMatcher:
        return TermMatcher.build(self.catalog)

    @cached_property
    def facets(self) -> FacetIndex:
        """City and method of every page part, for the search filters."""
        return FacetIndex.build(self.catalog)


def load_knowledge_base(root: Path, cache: DiskCache | None = None) -> KnowledgeBase:
    """Validate data/ (raises DataError with every problem); reports are ingested on first use."""
    return KnowledgeBase(load_catalog(root), cache)
