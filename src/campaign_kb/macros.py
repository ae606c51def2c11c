"""Macros available to pages (`{{ metric_table() }}` …): thin adapters from a page to tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import pages, tables
from .checks.report import current_report
from .checks.sourcemap import line_of
from .problems import Problem
from .site import load_knowledge_base


def register(env: Any, root: Path) -> None:
    """Register every macro on a mkdocs-macros environment."""

    def catalog():  # noqa: ANN202
        return load_knowledge_base(root, refresh=False).catalog

    def src() -> str:
        return env.page.file.src_uri

    def page_id(key: str, given: str | None) -> str:
        """A city or method id: given explicitly, or from the page's front matter."""
        value = given or env.page.meta.get(key)
        if not value:
            raise ValueError(f"this macro needs a {key} id — add `{key}: <id>` to the front matter")
        known = catalog().cities if key == "city" else catalog().methods
        if value not in known:
            raise KeyError(value)
        return value

    macros: dict[str, Any] = {
        "source_list": lambda latest=None: tables.source_list(catalog(), src(), latest),
        "metric_table": lambda: tables.metric_table(catalog(), src()),
        "method_matrix": lambda: tables.method_matrix(catalog(), src()),
        "city_facts": lambda city=None: tables.city_facts(catalog(), page_id("city", city), src()),
        "timeline": lambda: tables.timeline(catalog(), src()),
        "glossary_table": lambda: tables.glossary_table(catalog(), src()),
        "city_index": lambda: pages.city_index(catalog(), src()),
        "method_index": lambda: pages.method_index(catalog(), src()),
        "city_practices": lambda city=None: pages.city_practices(
            catalog(), page_id("city", city), src()
        ),
        "city_sources": lambda city=None: pages.city_sources(
            catalog(), page_id("city", city), src()
        ),
        "method_summary": lambda method=None: pages.method_summary(
            catalog(), page_id("method", method), src()
        ),
        "method_practices": lambda method=None: pages.method_practices(
            catalog(), page_id("method", method), src()
        ),
    }
    for name, function in macros.items():
        env.macro(_checked(env, name, function), name)


def _checked(env: Any, name: str, function: Any) -> Any:
    """Wrap a macro: a bad id becomes a located problem in the build report, not a traceback."""

    def call(*args: Any, **kwargs: Any) -> str:
        try:
            return function(*args, **kwargs)
        except (KeyError, ValueError, TypeError) as err:
            shown = f"unknown id {err}" if isinstance(err, KeyError) else str(err)
            shown_args = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
            call_text = f"{name}({', '.join(shown_args)})"
            page = env.page.file
            current_report().add(
                [
                    Problem(
                        f"docs/{page.src_uri}",
                        line_of(
                            page.content_string,
                            *(f"{name}({q}{args[0]}{q}" for q in "'\"" if args),
                            f"{name}(",
                        ),
                        f"macro {call_text}: {shown} — check the id against data/*.yml",
                    )
                ]
            )
            return f"**（宏 {name} 出错，见构建输出）**"

    call.__name__ = name
    return call
