"""Macros available to pages (`{{ source_list() }}` …): thin adapters from page to tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import tables
from .site import load_knowledge_base


def register(env: Any, root: Path) -> None:
    """Register every macro on a mkdocs-macros environment."""

    def page_src() -> str:
        return env.page.file.src_uri

    @env.macro
    def source_list() -> str:
        """Table of all sources with links to their pages."""
        return tables.source_list(load_knowledge_base(root).catalog, page_src())
