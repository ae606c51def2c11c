"""The macros a page may call (`{{ metric_table() }}` …): the whole of the page language.

Each macro is a plain function of the calling page and literal arguments. `checks.macro_calls`
allows nothing else in a page's `{{ }}` (no variables, attributes, filters or includes), and
the build hands these same functions to mkdocs-macros, so `kb check` and the build render and
reject exactly the same calls.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import compare, pages, source_catalog, tables, updates
from .catalog import Catalog
from .export.page import open_data
from .site_context import SiteContext


@dataclass(frozen=True)
class MacroPage:
    """The page a macro is called from."""

    catalog: Catalog
    src: str  # its docs/ path, e.g. 'cities/chengdu.md'
    meta: dict[str, Any] = field(default_factory=dict)
    site: SiteContext = field(default_factory=SiteContext)  # name, licence, git history


class MacroError(Exception):
    """A call that cannot be rendered; the message says why, in words for an editor."""


_ID_KINDS = {
    "city": ("城市", "cities", "data/cities.yml"),
    "method": ("方法", "methods", "data/methods.yml"),
}


def _page_id(page: MacroPage, key: str, given: str | None) -> str:
    """A city or method id: given as the argument, or from the page's front matter."""
    label, attribute, data_file = _ID_KINDS[key]
    value = given or page.meta.get(key)
    if not value:
        raise MacroError(
            f"这个宏需要一个{label} id — 在页面开头的 front matter 里写 `{key}: <id>`，"
            f"或者把 id 作为参数写进括号"
        )
    known = getattr(page.catalog, attribute)
    if value not in known:
        raise MacroError(
            f"未知的{label} id '{value}' — 请对照 {data_file} 检查"
            f"（已有：{', '.join(sorted(known))}）"
        )
    return value


MACROS: dict[str, Callable[..., str]] = {
    "source_list": lambda page, latest=None: tables.source_list(page.catalog, page.src, latest),
    "metric_table": lambda page: tables.metric_table(page.catalog, page.src),
    "method_matrix": lambda page: tables.method_matrix(page.catalog, page.src),
    "city_facts": lambda page, city=None: tables.city_facts(
        page.catalog, _page_id(page, "city", city), page.src
    ),
    "timeline": lambda page: tables.timeline(page.catalog, page.src),
    "glossary_table": lambda page: tables.glossary_table(page.catalog, page.src),
    "city_index": lambda page: pages.city_index(page.catalog, page.src),
    "method_index": lambda page: pages.method_index(page.catalog, page.src),
    "city_practices": lambda page, city=None: pages.city_practices(
        page.catalog, _page_id(page, "city", city), page.src
    ),
    "city_sources": lambda page, city=None: pages.city_sources(
        page.catalog, _page_id(page, "city", city), page.src
    ),
    "method_summary": lambda page, method=None: pages.method_summary(
        page.catalog, _page_id(page, "method", method), page.src
    ),
    "method_practices": lambda page, method=None: pages.method_practices(
        page.catalog, _page_id(page, "method", method), page.src
    ),
    "compare_cities": lambda page: compare.compare_cities(page.catalog, page.src, page.site),
    "source_catalog": lambda page: source_catalog.source_catalog(page.catalog, page.src, page.site),
    "open_data": lambda page: open_data(page.catalog, page.src, page.site),
    "change_log": lambda page: updates.change_log(
        page.catalog, page.src, page.site.history, updates.feed_link(page.src)
    ),
}


def usage(name: str) -> str:
    """How a macro is called, e.g. `city_facts(city)`."""
    parameters = list(inspect.signature(MACROS[name]).parameters)[1:]
    return f"{name}({', '.join(parameters)})"


def check_arguments(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
    """Why these arguments do not fit the macro, or None when they do."""
    try:
        inspect.signature(MACROS[name]).bind(None, *args, **kwargs)
    except TypeError:
        return f"宏 {name} 的参数不对 — 写法是 {usage(name)}，括号里的参数可以省略"
    if any(
        not isinstance(value, str | int) or isinstance(value, bool)
        for value in [*args, *kwargs.values()]
    ):
        return f"宏 {name} 的参数只能是带引号的 id 或整数 — 写法是 {usage(name)}"
    return None


def render_macro(name: str, page: MacroPage, *args: Any, **kwargs: Any) -> str:
    """The Markdown a call produces; raises MacroError for anything an editor must fix."""
    if name not in MACROS:
        raise MacroError(f"未知的宏 '{name}'")
    wrong = check_arguments(name, args, kwargs)
    if wrong:
        raise MacroError(wrong)
    return MACROS[name](page, *args, **kwargs)
