"""What a page says about itself outside its text: a one-line summary for link previews (Open
Graph, <meta name="description">) and, for a source page, where it belongs (its breadcrumb)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from . import links
from .catalog import Catalog
from .models import Source

SUMMARY_CHARS = 120
SOURCES_INDEX = "sources/index.md"
# Paragraphs that are page furniture, not what the page is about.
_NOT_SUMMARY = ".admonition, details, table, .md-tags, .kb-cited, nav"


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb: its label and the docs/ page it leads to."""

    label: str
    page_src: str


def summary(tree: LexborHTMLParser, limit: int = SUMMARY_CHARS) -> str:
    """The page's first paragraph of running text, cut to `limit` characters (plain text)."""
    for paragraph in tree.css("p"):
        if paragraph.attributes.get("class") or _inside(paragraph, _NOT_SUMMARY):
            continue
        text = re.sub(r"\s+", " ", paragraph.text(deep=True)).strip().rstrip("¶").strip()
        if text:
            return text if len(text) <= limit else text[: limit - 1] + "…"
    return ""


def _inside(node: Any, selector: str) -> bool:
    """Whether an ancestor matches one of the simple selectors (`.class` or `tag`)."""
    parent = node.parent
    while parent is not None and parent.tag not in ("html", "body", "-undef"):
        if _matches(parent, selector):
            return True
        parent = parent.parent
    return False


def _matches(node: Any, selector: str) -> bool:
    classes = set((node.attributes.get("class") or "").split())
    for part in (p.strip() for p in selector.split(",")):
        if part.startswith("."):
            if part[1:] in classes:
                return True
        elif node.tag == part:
            return True
    return False


def source_summary(source: Source, catalog: Catalog) -> str:
    """城市 · 时间 · 体裁 · 活动: what a link preview of a source page should say."""
    city = catalog.cities[source.city].name + ("（推断）" if source.city_inferred else "")
    date = source.shown_date + ("（推断）" if source.date_inferred else "")
    parts = [city, date, source.genre.value, catalog.campaign_label(source, short=True)]
    return f"{source.title}：" + " · ".join(parts)


def source_breadcrumb(source: Source, catalog: Catalog) -> list[Crumb]:
    """来源 › 城市: a source page is reached from the list of sources and belongs to a city."""
    city = catalog.cities[source.city].name + ("（推断）" if source.city_inferred else "")
    return [
        Crumb("来源", SOURCES_INDEX),
        Crumb(city, links.city_page(source.city)),
    ]
