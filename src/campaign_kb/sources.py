"""Ingested documents for every source: the paragraphs that citations and facts point into."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cache import DiskCache, code_version, content_key
from .catalog import Catalog
from .ingest import IngestResult, ingest_text
from .ingest.boilerplate import BoilerplateRule, load_rules
from .ingest.render import render_page
from .models import Source
from .problems import DataError, Problem
from .yamlio import read_text

RULES_FILE = "data/ingest/boilerplate.yml"
RAW_DIR = "data/raw"
PAGES_DIR = "docs/sources"


@dataclass
class Document:
    """A source with its ingested structure and the Markdown of its page."""

    source: Source
    result: IngestResult
    page: str  # what `kb ingest` writes to docs/sources/<id>.md

    @property
    def page_path(self) -> str:
        return f"{PAGES_DIR}/{self.source.id}.md"


def load_rules_for(root: Path) -> list[BoilerplateRule]:
    return load_rules(root / RULES_FILE, RULES_FILE)


def ingest_source(
    root: Path, source: Source, rules: list[BoilerplateRule], cache: DiskCache | None = None
) -> Document:
    """Ingest one report; with a cache, a report whose text, metadata, rules and ingest code
    are unchanged since an earlier build is read back instead of converted again."""
    raw_path = root / RAW_DIR / source.raw
    display = f"{RAW_DIR}/{source.raw}"
    if not raw_path.exists():
        raise DataError([Problem(display, None, f"raw file for source '{source.id}' is missing")])
    raw_bytes = raw_path.read_bytes()
    key = content_key(
        code_version(),
        source.model_dump_json(),
        raw_bytes,
        *(rule.model_dump_json() for rule in rules),
    )
    cached = cache.get(key) if cache is not None else None
    if cached is not None:
        result, page = IngestResult.from_json(cached["result"]), cached["page"]
    else:
        result = ingest_text(read_text(raw_path, display), rules, source.title)
        page = render_page(source, result, raw_bytes)
        if cache is not None:
            cache.put(key, {"result": result.to_json(), "page": page})
    if source.title_origin.value == "原题" and result.title_line is None:
        raise DataError(
            [
                Problem(
                    "data/sources.yml",
                    None,
                    f"source '{source.id}': title_origin is 原题 but the title is not the "
                    "first line of the raw report — copy the title exactly, or set "
                    "title_origin: 编者拟题",
                )
            ]
        )
    return Document(source, result, page)


def ingest_all(catalog: Catalog, cache: DiskCache | None = None) -> dict[str, Document]:
    rules = load_rules_for(catalog.root)
    return {sid: ingest_source(catalog.root, s, rules, cache) for sid, s in catalog.sources.items()}
