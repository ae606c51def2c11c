"""Ingested documents for every source: the paragraphs that citations and facts point into."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .catalog import Catalog
from .ingest import IngestResult, ingest_text
from .ingest.boilerplate import BoilerplateRule, load_rules
from .ingest.render import render_page
from .ingest.script_fixes import ScriptFix, load_aliases, load_fixes
from .models import Source
from .problems import DataError, Problem
from .yamlio import read_text

RULES_FILE = "data/ingest/boilerplate.yml"
RAW_DIR = "data/raw"
PAGES_DIR = "docs/sources"


@dataclass
class Document:
    """A source with its ingested structure; its page text is rendered on first use."""

    source: Source
    result: IngestResult
    raw_bytes: bytes  # the report as stored: the page gives its checksum and line count

    @cached_property
    def page(self) -> str:
        """The source page's Markdown. Only `kb ingest` and `kb check` need it, so a build,
        which checks quotes against `result`, does not render a thousand pages for nothing."""
        return render_page(self.source, self.result, self.raw_bytes)

    @property
    def page_path(self) -> str:
        return f"{PAGES_DIR}/{self.source.id}.md"


def load_rules_for(root: Path) -> list[BoilerplateRule]:
    return load_rules(root / RULES_FILE, RULES_FILE)


def ingest_source(
    root: Path,
    source: Source,
    rules: list[BoilerplateRule],
    fixes: list[ScriptFix] | None = None,
    aliases: dict[str, dict[str, str]] | None = None,
) -> Document:
    raw_path = root / RAW_DIR / source.raw
    display = f"{RAW_DIR}/{source.raw}"
    if not raw_path.exists():
        raise DataError([Problem(display, None, f"raw file for source '{source.id}' is missing")])
    raw_bytes = raw_path.read_bytes()
    heading = source.title + (f"（{source.column}）" if source.column else "")
    result = ingest_text(
        read_text(raw_path, display), rules, heading, fixes, (aliases or {}).get(source.id)
    )
    if source.title_origin.value != "编者拟题" and result.title_line is None:
        raise DataError(
            [
                Problem(
                    "data/sources.yml",
                    None,
                    f"source '{source.id}': title_origin is {source.title_origin.value} but "
                    "the title (with its `column` in brackets, if any) is not a line of the "
                    "raw report — copy the title exactly, or set title_origin: 编者拟题",
                )
            ]
        )
    return Document(source, result, raw_bytes)


def ingest_all(catalog: Catalog) -> dict[str, Document]:
    rules = load_rules_for(catalog.root)
    fixes, aliases = load_fixes(catalog.root), load_aliases(catalog.root)
    return {
        sid: ingest_source(catalog.root, s, rules, fixes, aliases)
        for sid, s in catalog.sources.items()
    }
