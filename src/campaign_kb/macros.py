"""Macros available to pages (`{{ metric_table() }}` …): thin adapters from a page to tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import pages, tables
from .site import load_knowledge_base


def register(env: Any, root: Path) -> None:
    """Register every macro on a mkdocs-macros environment."""

    def catalog():  # noqa: ANN202
        return load_knowledge_base(root).catalog

    def src() -> str:
        return env.page.file.src_uri

    def page_id(key: str, given: str | None) -> str:
        """A city or method id: given explicitly, or from the page's front matter."""
        value = given or env.page.meta.get(key)
        if not value:
            raise ValueError(
                f"{src()}: this macro needs a {key} id — add `{key}: <id>` to the front matter"
            )
        return value

    macros = {
        "source_list": lambda: tables.source_list(catalog(), src()),
        "metric_table": lambda: tables.metric_table(catalog(), src()),
        "method_matrix": lambda: tables.method_matrix(catalog(), src()),
        "city_facts": lambda city=None: tables.city_facts(catalog(), page_id("city", city), src()),
        "timeline": lambda: tables.timeline(catalog(), src()),
        "glossary_table": lambda: tables.glossary_table(catalog(), src()),
        "city_index": lambda: pages.city_index(catalog(), src()),
        "method_index": lambda: pages.method_index(catalog(), src()),
        "city_practices": lambda city=None: pages.city_practices(catalog(), page_id("city", city), src()),
        "city_sources": lambda city=None: pages.city_sources(catalog(), page_id("city", city), src()),
        "method_summary": lambda method=None: pages.method_summary(catalog(), page_id("method", method), src()),
        "method_practices": lambda method=None: pages.method_practices(catalog(), page_id("method", method), src()),
    }
    for name, function in macros.items():
        env.macro(_checked(name, function), name)


def _checked(name: str, function: Any) -> Any:
    """Wrap a macro so an unknown id is an editor-readable error, not a KeyError traceback."""

    def call(*args: Any) -> str:
        try:
            return function(*args)
        except KeyError as err:
            raise ValueError(
                f"macro {name}({', '.join(map(repr, args))}): unknown id {err} — check the id "
                "against data/*.yml"
            ) from None

    call.__name__ = name
    return call
