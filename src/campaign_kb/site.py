"""One loaded knowledge base per build (catalog + ingested documents) for hooks and macros."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, load_catalog
from .sources import Document, ingest_all


@dataclass
class KnowledgeBase:
    catalog: Catalog
    documents: dict[str, Document]


_cache: dict[Path, tuple[tuple[tuple[str, int], ...], KnowledgeBase]] = {}


def _fingerprint(root: Path) -> tuple[tuple[str, int], ...]:
    files = sorted((root / "data").rglob("*"))
    return tuple((str(p), p.stat().st_mtime_ns) for p in files if p.is_file())


def load_knowledge_base(root: Path) -> KnowledgeBase:
    """Load once per change of data/: hooks and macros of one build share the same objects."""
    root = root.resolve()
    key = _fingerprint(root)
    cached = _cache.get(root)
    if cached and cached[0] == key:
        return cached[1]
    catalog = load_catalog(root)
    kb = KnowledgeBase(catalog, ingest_all(catalog))
    _cache[root] = (key, kb)
    return kb
