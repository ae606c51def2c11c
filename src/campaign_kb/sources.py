"""Ingested documents for every source: the paragraphs that citations and facts point into."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .catalog import Catalog
from .ingest import IngestResult, ingest_text
from .ingest.boilerplate import BoilerplateRule, load_rules
from .ingest.normalize import control_character_problems
from .ingest.render import render_page
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


def ingest_source(root: Path, source: Source, rules: list[BoilerplateRule]) -> Document:
    raw_path = root / RAW_DIR / source.raw
    display = f"{RAW_DIR}/{source.raw}"
    if not stays_inside(root, source.raw):  # load_catalog refuses it; never read it anyway
        raise DataError([Problem(display, None, "原文文件是符号链接，不能读取 — 删去这个链接")])
    if not raw_path.exists():
        raise DataError([Problem(display, None, f"raw file for source '{source.id}' is missing")])
    raw_bytes = raw_path.read_bytes()
    text = read_text(raw_path, display)
    if problems := control_character_problems(text, display, _REIMPORT):
        raise DataError(problems)
    result = ingest_text(text, rules, source.title)
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
    return Document(source, result, raw_bytes)


def ingest_all(catalog: Catalog) -> dict[str, Document]:
    """Every source ingested; the problems of all reports are raised together."""
    rules = load_rules_for(catalog.root)
    documents: dict[str, Document] = {}
    problems: list[Problem] = []
    for sid, source in catalog.sources.items():
        try:
            documents[sid] = ingest_source(catalog.root, source, rules)
        except DataError as err:
            problems += err.problems
    if problems:
        raise DataError(problems)
    return documents
