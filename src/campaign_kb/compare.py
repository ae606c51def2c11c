"""比较: every city's practices side by side, method by method, and the figures whose metric
makes them comparable (same thing counted, same unit, same scope).

The page lists every city, so it is complete without JavaScript; assets/kb-compare.js keeps
the cities chosen in the address (compare/?a=chongqing&b=chengdu) and shows only those, side
by side. Headings are Markdown (for the table of contents); each method's cells are one HTML
block, every value escaped, links written as the built pages' URLs (`SiteContext.href`): at
1,000 reports, cells in Markdown cost a second of the build in Python-Markdown alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from . import links
from .catalog import Catalog
from .markup import escape_html, escape_markdown
from .models import STATUS_MARK, Aspect, City, Fact, Metric, Practice
from .site_context import SiteContext
from .tables import (
    METRIC_LEAD,
    STATUS_LEGEND,
    city_heading,
    fact_context,
    practice_context,
    practice_inferred,
)

NONE_FOUND = "所收来源未见此做法"
NOT_REPORTED = "未报告"
INFERRED_PRACTICE = "（推断：只见于城市为推断的匿名来源）"


def _picker(catalog: Catalog) -> str:
    """Where kb-compare.js puts the city choosers; without it, a line says all are listed."""
    cities = [{"id": c.id, "name": c.name} for c in catalog.cities.values()]
    data = escape_html(json.dumps(cities, ensure_ascii=False))
    return (
        f'<div class="kb-compare-picker" data-cities="{data}" data-search-exclude>\n'
        "<p>下面按方法列出全部城市的做法。打开浏览器的 JavaScript 后，可以选出两个或更多城市"
        "并排比较，比较的城市写在网址里（如 ?a=chongqing&amp;b=chengdu），复制网址即可分享。</p>\n"
        "</div>"
    )


class _Page:
    """HTML pieces of one compare page: links relative to it."""

    def __init__(self, catalog: Catalog, page_src: str, site: SiteContext) -> None:
        self.catalog, self.src, self.site = catalog, page_src, site

    def link(self, text: str, to_src: str, anchor: str | None = None, title: str = "") -> str:
        href = escape_html(self.site.href(self.src, to_src, anchor))
        title = f' title="{escape_html(title)}"' if title else ""
        return f'<a href="{href}"{title}>{escape_html(text)}</a>'

    def cell(self, city: City, body: str, empty: bool) -> str:
        state = " kb-compare-cell--none" if empty else ""
        return f'<div class="kb-compare-cell{state}" data-city="{city.id}">{body}</div>'

    def citation_links(self, practice: Practice) -> str:
        """原文 / 原文1、原文2 …: one link a quoted paragraph (each previewed on hover)."""
        paragraphs = list(dict.fromkeys((c.source, c.paragraph) for c in practice.citations))
        return "、".join(
            self.link(f"原文{n}" if len(paragraphs) > 1 else "原文", links.source_page(s), a)
            for n, (s, a) in enumerate(paragraphs, start=1)
        )

    def practice(self, practice: Practice) -> str:
        inferred = INFERRED_PRACTICE if practice_inferred(self.catalog, practice) else ""
        context = escape_html(practice_context(self.catalog, practice))
        return (
            f"<li>{STATUS_MARK[practice.status]} <strong>{context}</strong>："
            f"{escape_html(practice.summary)}{inferred}（{self.citation_links(practice)}）</li>"
        )

    def figure(self, fact: Fact) -> str:
        """The figure as written, linked to its paragraph, its span in the title (as tables do)."""
        target = links.source_page(fact.source)
        return (
            f"<li>{self.link(fact.written, target, fact.paragraph, fact.span)}"
            f"（{escape_html(fact.label)}）<br>"
            f'<small class="kb-context">{escape_html(fact_context(self.catalog, fact))}</small>'
            "</li>"
        )


def _item(kind: str, item_id: str, cells: list[str], about: str = "") -> list[str]:
    about_html = f'<p class="kb-compare-about">{about}</p>' if about else ""
    return [
        f'<div class="kb-compare-item" data-{kind}="{item_id}">{about_html}'
        f'<div class="kb-compare-row">{"".join(cells)}</div></div>',
        "",
    ]


def _method_items(page: _Page) -> Iterator[str]:
    catalog = page.catalog
    cities = list(catalog.cities.values())
    for aspect in Aspect:
        methods = [m for m in catalog.methods.values() if m.aspect is aspect]
        if not methods:
            continue
        yield from (f"### {aspect.value}", "")
        for method in methods:
            by_city: dict[str, list[Practice]] = {}
            for p in catalog.practices_of_method(method.id):
                by_city.setdefault(p.city, []).append(p)
            cells = []
            for city in cities:
                practices = by_city.get(city.id, [])
                if practices:
                    inferred = all(practice_inferred(catalog, p) for p in practices)
                    label = city.name + ("（推断）" if inferred else "")
                    name = page.link(label, links.city_page(city.id), method.id)
                    items = "".join(page.practice(p) for p in practices)
                    body = f"<p><strong>{name}</strong></p><ul>{items}</ul>"
                else:
                    name = page.link(city.name, links.city_page(city.id))
                    body = f"<p><strong>{name}</strong>：{NONE_FOUND}</p>"
                cells.append(page.cell(city, body, not practices))
            yield from (f"#### {escape_markdown(method.name)} {{: #{method.id} }}", "")
            yield from _item("method", method.id, cells)


def _metric_items(page: _Page) -> Iterator[str]:
    catalog = page.catalog
    cities = list(catalog.cities.values())
    reported: dict[tuple[str, str], list[Fact]] = {}
    for fact in catalog.facts.values():
        if fact.metric:
            reported.setdefault((fact.metric, fact.city), []).append(fact)
    groups: dict[str, list[Metric]] = {}
    for metric in catalog.metrics.values():
        groups.setdefault(metric.group, []).append(metric)
    for group, metrics in groups.items():
        yield from (f"### {escape_markdown(group)}", "")
        for metric in metrics:
            cells = []
            for city in cities:
                facts = reported.get((metric.id, city.id), [])
                name = f"<strong>{escape_html(city.name)}</strong>"
                if facts:
                    figures = "".join(page.figure(f) for f in facts)
                    body = f"<p>{name}</p><ul>{figures}</ul>"
                else:
                    body = f"<p>{name}：{NOT_REPORTED}</p>"
                cells.append(page.cell(city, body, not facts))
            about = escape_html(f"统计：{metric.counts}；单位：{metric.unit}；范围：{metric.scope}")
            yield from (f"#### {escape_markdown(metric.name)} {{: #metric-{metric.id} }}", "")
            yield from _item("metric", metric.id, cells, about)


def compare_cities(catalog: Catalog, page_src: str, site: SiteContext) -> str:
    """The whole 比较 page body: the chooser, the practices by method, the comparable figures."""
    page = _Page(catalog, page_src, site)
    ranks = "；".join(city_heading(c) for c in catalog.cities.values())
    out = [
        _picker(catalog),
        "",
        f"收录的城市：{ranks}。",
        "",
        "## 做法 {: #practices }",
        "",
        "每个方法一组，每个城市一格：做法概括前写明所属活动、材料时间、体裁和状态，"
        "“原文”链接到所引的段落（鼠标停在链接上，或在触屏上点一下，可预览该段）。“所收来源未见此做法”只说明"
        "本站收录的材料里没有，不等于该城市没有做。" + STATUS_LEGEND,
        "",
        *_method_items(page),
        "## 数字 {: #figures }",
        "",
        METRIC_LEAD
        + "其他数字统计的对象、单位或范围各不相同，不并列比较，见各城市页的“关键数字”。",
        "",
        *_metric_items(page),
    ]
    return "\n".join(out)
