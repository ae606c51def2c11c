"""比较: every city's practices side by side, method by method, and the figures whose metric
makes them comparable (same thing counted, same unit, same scope).

The page lists every city, so it is complete without JavaScript; assets/kb-compare.js keeps
the cities chosen in the address (compare/?a=chongqing&b=chengdu) and shows only those, side
by side. Cells are Markdown inside HTML blocks (md_in_html), so MkDocs resolves the links.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from . import links
from .catalog import Catalog
from .markup import escape_html, escape_markdown
from .models import STATUS_MARK, Aspect, City, Fact, Metric, Practice
from .tables import (
    METRIC_LEAD,
    STATUS_LEGEND,
    city_heading,
    fact_context,
    fact_link,
    link,
    practice_context,
    practice_inferred,
)

NONE_FOUND = "所收来源未见此做法"
NOT_REPORTED = "未报告"


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


def _cell(city: City, body: list[str], empty: bool) -> list[str]:
    state = " kb-compare-cell--none" if empty else ""
    return [
        f'<div class="kb-compare-cell{state}" data-city="{city.id}" markdown>',
        "",
        *body,
        "",
        "</div>",
    ]


def _citation_links(practice: Practice, page_src: str) -> str:
    """原文 1、2 …: one link a quoted paragraph (each previewed on hover)."""
    paragraphs = list(dict.fromkeys((c.source, c.paragraph) for c in practice.citations))
    return "、".join(
        link(f"原文{n}" if len(paragraphs) > 1 else "原文", page_src, links.source_page(s), a)
        for n, (s, a) in enumerate(paragraphs, start=1)
    )


def _practice_line(catalog: Catalog, practice: Practice, page_src: str) -> str:
    inferred = (
        "（推断：只见于城市为推断的匿名来源）" if practice_inferred(catalog, practice) else ""
    )
    context = escape_markdown(practice_context(catalog, practice))
    return (
        f"- {STATUS_MARK[practice.status]} **{context}**"
        f"：{escape_markdown(practice.summary)}{inferred}（{_citation_links(practice, page_src)}）"
    )


def _item(kind: str, item_id: str, cells: list[str], about: str = "") -> list[str]:
    lines = [f'<div class="kb-compare-item" data-{kind}="{item_id}" markdown>', ""]
    if about:
        lines += [f'<p class="kb-compare-about">{about}</p>', ""]
    return [*lines, '<div class="kb-compare-row" markdown>', "", *cells, "</div>", "</div>", ""]


def _method_items(catalog: Catalog, page_src: str) -> Iterator[str]:
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
            cells: list[str] = []
            for city in cities:
                practices = by_city.get(city.id, [])
                if practices:
                    inferred = all(practice_inferred(catalog, p) for p in practices)
                    label = city.name + ("（推断）" if inferred else "")
                    name = link(label, page_src, links.city_page(city.id), method.id)
                    body = [
                        f"**{name}**",
                        "",
                        *(_practice_line(catalog, p, page_src) for p in practices),
                    ]
                else:
                    name = link(city.name, page_src, links.city_page(city.id))
                    body = [f"**{name}**：{NONE_FOUND}"]
                cells += _cell(city, body, not practices)
            yield from (f"#### {escape_markdown(method.name)} {{: #{method.id} }}", "")
            yield from _item("method", method.id, cells)


def _figures(catalog: Catalog, facts: list[Fact], page_src: str) -> list[str]:
    return [
        f"- {fact_link(f, page_src)}（{escape_markdown(f.label)}）"
        f'<br><small class="kb-context">{escape_markdown(fact_context(catalog, f))}</small>'
        for f in facts
    ]


def _metric_items(catalog: Catalog, page_src: str) -> Iterator[str]:
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
            cells: list[str] = []
            for city in cities:
                facts = reported.get((metric.id, city.id), [])
                name = f"**{escape_markdown(city.name)}**"
                body = (
                    [name, "", *_figures(catalog, facts, page_src)]
                    if facts
                    else [f"{name}：{NOT_REPORTED}"]
                )
                cells += _cell(city, body, not facts)
            about = escape_html(f"统计：{metric.counts}；单位：{metric.unit}；范围：{metric.scope}")
            yield from (f"#### {escape_markdown(metric.name)} {{: #metric-{metric.id} }}", "")
            yield from _item("metric", metric.id, cells, about)


def compare_cities(catalog: Catalog, page_src: str) -> str:
    """The whole 比较 page body: the chooser, the practices by method, the comparable figures."""
    ranks = "；".join(city_heading(c) for c in catalog.cities.values())
    out = [
        _picker(catalog),
        "",
        f"收录的城市：{ranks}。",
        "",
        "## 做法 {: #practices }",
        "",
        "每个方法一组，每个城市一格：做法概括前写明所属活动、材料时间、体裁和状态，"
        "“原文”链接到所引的段落（鼠标停在链接上可预览该段）。“所收来源未见此做法”只说明"
        "本站收录的材料里没有，不等于该城市没有做。" + STATUS_LEGEND,
        "",
        *_method_items(catalog, page_src),
        "## 数字 {: #figures }",
        "",
        METRIC_LEAD
        + "其他数字统计的对象、单位或范围各不相同，不并列比较，见各城市页的“关键数字”。",
        "",
        *_metric_items(catalog, page_src),
    ]
    return "\n".join(out)
