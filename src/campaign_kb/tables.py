"""Markdown tables rendered from the catalog; every cell is escaped, every link is relative."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from . import links
from .catalog import Catalog
from .markup import escape_markdown


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Cells must already be escaped Markdown; newlines are folded so a row stays a row."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        lines.append("| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |")
    return "\n".join(lines) + "\n"


def link(text: str, from_src: str, to_src: str, anchor: str | None = None) -> str:
    return f"[{escape_markdown(text)}]({links.relative(from_src, to_src, anchor)})"


def source_list(catalog: Catalog, page_src: str) -> str:
    """All sources, newest first: title, city, time, genre, campaign."""
    rows = []
    for source in sorted(catalog.sources.values(), key=lambda s: (s.date, s.id), reverse=True):
        city = catalog.cities[source.city].name + ("（推断）" if source.city_inferred else "")
        date = source.date + ("（推断）" if source.date_inferred else "")
        campaign = catalog.campaigns[source.campaign].short_name
        rows.append(
            [
                link(source.title, page_src, links.source_page(source.id)),
                escape_markdown(city),
                escape_markdown(date),
                source.genre.value,
                escape_markdown(campaign + (f"（{source.batch}）" if source.batch else "")),
            ]
        )
    return markdown_table(["来源", "城市", "时间", "体裁", "所属活动"], rows)
