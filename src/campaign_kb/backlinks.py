"""Which pages cite each source paragraph: the 本段被引用于 lines under paragraphs of source pages
(what cites this paragraph, not how to cite it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import links
from .catalog import Catalog
from .markup import escape_html


@dataclass(frozen=True)
class Citer:
    label: str
    page_src: str
    anchor: str


def citers_by_paragraph(catalog: Catalog) -> dict[tuple[str, str], list[Citer]]:
    """(source id, paragraph anchor) → the city and method pages that quote that paragraph.
    The city is named 重庆（推断） under a paragraph of a source whose city is inferred: that
    paragraph is about the city only by inference."""
    result: dict[tuple[str, str], list[Citer]] = {}
    for p in catalog.practices.values():
        method = catalog.methods[p.method]
        for c in p.citations:
            city = _city_label(catalog, p.city, c.source)
            citers = result.setdefault((c.source, c.paragraph), [])
            for citer in (
                Citer(f"{city}·{method.name}", links.city_page(p.city), p.method),
                Citer(f"方法页“{method.name}”", links.method_page(p.method), p.city),
            ):
                if citer not in citers:
                    citers.append(citer)
    for f in catalog.facts.values():
        city = _city_label(catalog, f.city, f.source)
        citer = Citer(f"{city}·关键数字", links.city_page(f.city), "关键数字")
        citers = result.setdefault((f.source, f.paragraph), [])
        if citer not in citers:
            citers.append(citer)
    return result


def _city_label(catalog: Catalog, city_id: str, source_id: str) -> str:
    name = catalog.cities[city_id].name
    return name + ("（推断）" if catalog.sources[source_id].city_inferred else "")


_PARAGRAPH = re.compile(r'<p id="(?P<anchor>p-[0-9a-f]{6}(?:-\d+)?)">(?P<body>.*?)</p>', re.DOTALL)


def annotate_source_html(
    html: str,
    source_id: str,
    citers: dict[tuple[str, str], list[Citer]],
    url_to: Callable[[str, str], str | None],
) -> str:
    """Add a ¶ self-link to every paragraph and, where cited, a line of links to the citers."""

    def replace(match: re.Match[str]) -> str:
        anchor = match["anchor"]
        own = (
            f'<a class="kb-para-link" href="#{anchor}" '
            'title="本段的链接（复制后可直接指向这一段）" aria-label="本段的链接">¶</a>'
        )
        out = f'<p id="{anchor}">{match["body"]}{own}</p>'
        found = []
        for citer in citers.get((source_id, anchor), []):
            url = url_to(citer.page_src, citer.anchor)
            if url:
                found.append(f'<a href="{url}">{escape_html(citer.label)}</a>')
        if found:
            out += f'<p class="kb-cited">本段被引用于：{"、".join(found)}</p>'
        return out

    return _PARAGRAPH.sub(replace, html)
