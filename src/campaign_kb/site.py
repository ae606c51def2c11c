"""One loaded knowledge base per change of data/ (catalog, reports) for hooks and macros."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .backlinks import Citer, citers_by_paragraph
from .catalog import Catalog, load_catalog
from .checks.glossary import TermMatcher
from .longlived import long_lived
from .search.facets import FacetIndex
from .sources import Document, ingest_all


@dataclass
class KnowledgeBase:
    catalog: Catalog

    @cached_property
    def documents(self) -> dict[str, Document]:
        """Every report ingested; on first use only, since a build does it in the background."""
        with long_lived():
            return ingest_all(self.catalog)

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


_cache: dict[Path, tuple[tuple[tuple[str, int], ...], KnowledgeBase]] = {}
_latest: dict[Path, KnowledgeBase] = {}  # by the root as given: the last load, for per-page use


def _fingerprint(root: Path) -> tuple[tuple[str, int], ...]:
    files = sorted((root / "data").rglob("*"))
    return tuple((str(p), p.stat().st_mtime_ns) for p in files if p.is_file())


def load_knowledge_base(root: Path, *, refresh: bool = True) -> KnowledgeBase:
    """Load once per change of data/: hooks and macros of one build share the same objects.

    `refresh=False` skips looking at data/ again when a load exists: per-page callers use it,
    so a build stats data/ once (in on_config), not once per page.
    """
    if not refresh and (latest := _latest.get(root)) is not None:
        return latest  # per-page callers: no file system access at all
    given, root = root, root.resolve()
    cached = _cache.get(root)
    if cached and not refresh:
        return cached[1]
    key = _fingerprint(root)
    if cached and cached[0] == key:
        _latest[given] = cached[1]
        return cached[1]
    with long_lived():
        catalog = load_catalog(root)
    kb = KnowledgeBase(catalog)
    _cache[root] = (key, kb)
    _latest[given] = kb
    return kb
