"""Which pages cite each source paragraph: the 引用本段 lines under paragraphs of source pages."""

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
    """(source id, paragraph anchor) → the city and method pages that quote that paragraph."""
    result: dict[tuple[str, str], list[Citer]] = {}
    for p in catalog.practices.values():
        city, method = catalog.cities[p.city], catalog.methods[p.method]
        for c in p.citations:
            citers = result.setdefault((c.source, c.paragraph), [])
            for citer in (
                Citer(f"{city.name}·{method.name}", links.city_page(p.city), p.method),
                Citer(f"方法页“{method.name}”", links.method_page(p.method), p.city),
            ):
                if citer not in citers:
                    citers.append(citer)
    for f in catalog.facts.values():
        citer = Citer(
            f"{catalog.cities[f.city].name}·关键数字", links.city_page(f.city), "关键数字"
        )
        citers = result.setdefault((f.source, f.paragraph), [])
        if citer not in citers:
            citers.append(citer)
    return result


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
        own = f'<a class="kb-para-link" href="#{anchor}" title="本段链接（引用时使用）">¶</a>'
        out = f'<p id="{anchor}">{match["body"]}{own}</p>'
        found = []
        for citer in citers.get((source_id, anchor), []):
            url = url_to(citer.page_src, citer.anchor)
            if url:
                found.append(f'<a href="{url}">{escape_html(citer.label)}</a>')
        if found:
            out += f'<p class="kb-cited">引用本段：{"、".join(found)}</p>'
        return out

    return _PARAGRAPH.sub(replace, html)
