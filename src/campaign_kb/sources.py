"""Ingested documents for every source: the paragraphs that citations and facts point into."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .cache import DiskCache, code_version, content_key
from .catalog import Catalog
from .ingest import IngestResult, ingest_text
from .ingest.boilerplate import BoilerplateRule, load_rules
from .ingest.normalize import control_character_problems
from .ingest.render import render_page
from .ingest.script_fixes import ScriptFix, load_aliases, load_fixes
from .models import Source
from .problems import DataError, Problem
from .rawfiles import RAW_DIR, stays_inside
from .yamlio import read_text

RULES_FILE = "data/ingest/boilerplate.yml"
# What to do about a control character in a report already imported (it is never edited).
_REIMPORT = (
    "原始材料只能是纯文本，而导入后的原文不能修改：从 data/sources.yml 删去这个来源，从 "
    "data/raw/ 删去这个文件及其在 SHA256SUMS 里的校验值，去掉控制字符后用 kb add-report 重新导入"
)
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
    root: Path,
    source: Source,
    rules: list[BoilerplateRule],
    fixes: list[ScriptFix] | None = None,
    aliases: dict[str, dict[str, str]] | None = None,
    cache: DiskCache | None = None,
) -> Document:
    """Ingest one report; with a cache, a report whose text, metadata, rules, script fixes,
    anchor aliases and ingest code are unchanged since an earlier build is read back instead
    of converted again."""
    raw_path = root / RAW_DIR / source.raw
    display = f"{RAW_DIR}/{source.raw}"
    if not stays_inside(root, source.raw):  # load_catalog refuses it; never read it anyway
        raise DataError([Problem(display, None, "原文文件是符号链接，不能读取 — 删去这个链接")])
    if not raw_path.exists():
        raise DataError([Problem(display, None, f"raw file for source '{source.id}' is missing")])
    raw_bytes = raw_path.read_bytes()
    heading = source.title + (f"（{source.column}）" if source.column else "")
    own_aliases = (aliases or {}).get(source.id)
    key = content_key(
        code_version(),
        source.model_dump_json(),
        raw_bytes,
        *(rule.model_dump_json() for rule in rules),
        *(fix.model_dump_json() for fix in fixes or []),
        json.dumps(own_aliases, sort_keys=True),
    )
    cached = cache.get(key) if cache is not None else None
    if cached is not None:
        result, page = IngestResult.from_json(cached["result"]), cached["page"]
    else:
        text = read_text(raw_path, display)
        if problems := control_character_problems(text, display, _REIMPORT):
            raise DataError(problems)
        result = ingest_text(text, rules, heading, fixes, own_aliases)
        page = render_page(source, result, raw_bytes)
        if cache is not None:
            cache.put(key, {"result": result.to_json(), "page": page})
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
    return Document(source, result, page)


def ingest_all(catalog: Catalog, cache: DiskCache | None = None) -> dict[str, Document]:
    """Every source ingested; the problems of all reports are raised together."""
    rules = load_rules_for(catalog.root)
    fixes, aliases = load_fixes(catalog.root), load_aliases(catalog.root)
    documents: dict[str, Document] = {}
    problems: list[Problem] = []
    for sid, source in catalog.sources.items():
        try:
            documents[sid] = ingest_source(catalog.root, source, rules, fixes, aliases, cache)
        except DataError as err:
            problems += err.problems
    if problems:
        raise DataError(problems)
    return documents
