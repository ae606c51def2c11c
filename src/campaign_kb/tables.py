"""Markdown tables rendered from the catalog; every cell is escaped, every link is relative."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from . import links
from .catalog import Catalog
from .markup import escape_html, escape_markdown
from .models import Bound, Fact, Method, Metric, Pillar, Practice


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Cells must already be escaped Markdown; newlines are folded so a row stays a row."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        lines.append("| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |")
    return "\n".join(lines) + "\n"


def link(text: str, from_src: str, to_src: str, anchor: str | None = None) -> str:
    return f"[{escape_markdown(text)}]({links.relative(from_src, to_src, anchor)})"


def source_list(catalog: Catalog, page_src: str, latest: int | None = None) -> str:
    """Sources, newest first: title, city, time, genre, campaign; `latest` keeps the first N
    and links to the full list (so a home page stays small at hundreds of reports)."""
    rows = []
    ordered = sorted(catalog.sources.values(), key=lambda s: (s.date, s.id), reverse=True)
    shown = ordered[:latest] if latest else ordered
    for source in shown:
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
    table = markdown_table(["来源", "城市", "时间", "体裁", "所属活动"], rows)
    if len(shown) < len(ordered):
        everything = link(f"全部 {len(ordered)} 份来源", page_src, "sources/index.md")
        table += f"\n\n最新的 {len(shown)} 份；{everything}。"
    return table


def fact_link(fact: Fact, page_src: str) -> str:
    """The figure as written, linking to its paragraph; the title spells out its magnitude."""
    title = f"= {fact.value:,}" + ("（以上）" if fact.bound is Bound.MORE_THAN else "")
    target = links.relative(page_src, links.source_page(fact.source), fact.paragraph)
    return f'[{escape_markdown(fact.written)}]({target} "{title}")'


# A matrix column ("✔ 做法 · 原文", or a figure) needs ~6 characters; beyond this many cities a
# table with a column per city no longer fits beside Material's sidebars and readers scroll
# sideways through it (method_matrix, metric_table). At 43 cities (1,000 benchmark reports)
# the 45-column grid also made the first search answer ~0.2 s later.
MATRIX_MAX_CITIES = 6


def method_matrix(catalog: Catalog, page_src: str) -> str:
    """Method × city, with a line saying how to read it: a grid while the cities fit across
    the page; past MATRIX_MAX_CITIES, a list of cities per method, so the table stays as wide
    as the page at any size."""
    if len(catalog.cities) > MATRIX_MAX_CITIES:
        return _method_city_lists(catalog, page_src)
    return _method_grid(catalog, page_src)


def _practices_by_method(catalog: Catalog) -> Iterator[tuple[Pillar, Method, dict[str, Practice]]]:
    """Each method, by pillar, with the first practice of every city that applies it."""
    for pillar in Pillar:
        for method in (m for m in catalog.methods.values() if m.pillar is pillar):
            first_practice: dict[str, Practice] = {}
            for p in catalog.practices_of_method(method.id):
                first_practice.setdefault(p.city, p)
            yield pillar, method, first_practice


def _method_grid(catalog: Catalog, page_src: str) -> str:
    """Each cell links to the practice on the method page and to its source."""
    cities = list(catalog.cities.values())
    rows = []
    for pillar, method, first_practice in _practices_by_method(catalog):
        cells = [pillar.value, link(method.name, page_src, links.method_page(method.id))]
        for city in cities:
            practice = first_practice.get(city.id)
            if practice is None:
                cells.append("—")
                continue
            first = practice.citations[0]
            cells.append(
                link("✔ 做法", page_src, links.method_page(method.id), city.id)
                + " · "
                + link("原文", page_src, links.source_page(first.source), first.paragraph)
            )
        rows.append(cells)
    lead = "“✔ 做法”链接到方法页上该城市的做法，“原文”链接到来源中的那一段。\n\n"
    return lead + markdown_table(["支柱", "方法", *(escape_markdown(c.name) for c in cities)], rows)


def _method_city_lists(catalog: Catalog, page_src: str) -> str:
    """Each city links to its practice on the method page, where the source is cited."""
    cities = list(catalog.cities.values())
    rows = []
    for pillar, method, first_practice in _practices_by_method(catalog):
        done = [city for city in cities if city.id in first_practice]
        places = "、".join(
            link(city.name, page_src, links.method_page(method.id), city.id) for city in done
        )
        rows.append(
            [
                pillar.value,
                link(method.name, page_src, links.method_page(method.id)),
                str(len(done)),
                places or "—",
            ]
        )
    lead = (
        f"共 {len(cities)} 个城市。每个城市名链接到方法页上该城市的做法，那里引用了原文段落。\n\n"
    )
    return lead + markdown_table(["支柱", "方法", "城市数", "有此做法的城市"], rows)


def metric_table(catalog: Catalog, page_src: str) -> str:
    """City × metric comparison by group, with a line saying how to read it: a grid while the
    cities fit across the page (a blank is 未报告, not reported, never 0); past
    MATRIX_MAX_CITIES, the cities that reported each metric with their figures."""
    if len(catalog.cities) > MATRIX_MAX_CITIES:
        return _metric_city_lists(catalog, page_src)
    return _metric_grid(catalog, page_src)


NOT_REPORTED = '<span class="kb-not-reported">未报告</span>'


def _facts_by_metric(catalog: Catalog) -> Iterator[tuple[Metric, dict[str, list[Fact]]]]:
    """Each metric, grouped, with the facts of every city that reported it (in city order)."""
    reported: dict[tuple[str, str], list[Fact]] = {}  # (metric, city) → facts, in one pass
    for fact in catalog.facts.values():
        if fact.metric:
            reported.setdefault((fact.metric, fact.city), []).append(fact)
    groups: dict[str, list[Metric]] = {}
    for metric in catalog.metrics.values():
        groups.setdefault(metric.group, []).append(metric)
    for metrics in groups.values():
        for metric in metrics:
            yield (
                metric,
                {
                    city: reported[metric.id, city]
                    for city in catalog.cities
                    if (metric.id, city) in reported
                },
            )


def _figures(facts: list[Fact], page_src: str, separator: str) -> str:
    return separator.join(f"{fact_link(f, page_src)}（{escape_markdown(f.label)}）" for f in facts)


def _metric_grid(catalog: Catalog, page_src: str) -> str:
    """One column per city; each figure links to its paragraph."""
    cities = list(catalog.cities.values())
    rows = []
    for metric, by_city in _facts_by_metric(catalog):
        cells = [escape_markdown(metric.group), escape_markdown(metric.name)]
        for city in cities:
            facts = by_city.get(city.id)
            cells.append(_figures(facts, page_src, "<br>") if facts else NOT_REPORTED)
        rows.append(cells)
    lead = "每个指标一行，每个城市一列；某城市的来源没有报告的，写“未报告”，不等于零。\n\n"
    headers = ["类别", "指标", *(escape_markdown(c.name) for c in cities)]
    return lead + markdown_table(headers, rows)


def _metric_city_lists(catalog: Catalog, page_src: str) -> str:
    """One line per reporting city in the metric's row; each figure links to its paragraph."""
    rows = []
    for metric, by_city in _facts_by_metric(catalog):
        figures = "<br>".join(
            f"{escape_markdown(catalog.cities[city].name)}：{_figures(facts, page_src, '；')}"
            for city, facts in by_city.items()
        )
        rows.append(
            [
                escape_markdown(metric.group),
                escape_markdown(metric.name),
                str(len(by_city)),
                figures or NOT_REPORTED,
            ]
        )
    lead = (
        f"共 {len(catalog.cities)} 个城市。每个指标一行，列出报告了它的城市和数字；"
        "没有列出的城市，其来源没有报告这一指标，不等于零。\n\n"
    )
    return lead + markdown_table(["类别", "指标", "报告的城市数", "各城市报告的数字"], rows)


def city_facts(catalog: Catalog, city_id: str, page_src: str) -> str:
    """Every figure reported for one city, in source order, each linked to its paragraph."""
    rows = []
    for source in catalog.sources_of_city(city_id):
        for fact in catalog.facts_of_source(source.id):
            rows.append(
                [
                    escape_markdown(fact.label),
                    fact_link(fact, page_src),
                    link(source.title, page_src, links.source_page(source.id)),
                ]
            )
    if not rows:
        return "*（暂无数据）*\n"
    return markdown_table(["内容", "数字", "来源"], rows)


def timeline(catalog: Catalog, page_src: str) -> str:
    """Sources in time order with their campaign; inferred dates are marked."""
    rows = []
    for source in sorted(catalog.sources.values(), key=lambda s: (s.date, s.id)):
        campaign = catalog.campaigns[source.campaign]
        rows.append(
            [
                escape_markdown(source.date + ("（推断）" if source.date_inferred else "")),
                escape_markdown(campaign.name + (f"（{source.batch}）" if source.batch else "")),
                link(catalog.cities[source.city].name, page_src, links.city_page(source.city))
                + ("（推断）" if source.city_inferred else ""),
                link(source.title, page_src, links.source_page(source.id)),
            ]
        )
    return markdown_table(["时间", "活动", "城市", "来源"], rows)


T = TypeVar("T")
USAGE_MARK = "<!--kb-usage:{}-->"
# Source pages named in a glossary row before the rest are only counted: at hundreds of reports
# a full list would make every row, and the glossary page, grow with the corpus.
USAGE_SOURCES_SHOWN = 5


def glossary_usage(pages: Sequence[tuple[str, bool, T]], url_of: Callable[[T], str]) -> str:
    """The 'used on' cell from (title, is a source page, page) of each page using a term;
    `url_of` gives a page's link, asked only for the pages shown."""
    editor_pages = [p for p in pages if not p[1]]
    sources = [p for p in pages if p[1]]
    shown = editor_pages + sources[:USAGE_SOURCES_SHOWN]
    cell = "、".join(
        f'<a href="{url_of(page)}">{escape_html(title)}</a>' for title, _, page in shown
    )
    hidden = len(sources) - USAGE_SOURCES_SHOWN
    if hidden > 0:
        return cell + f" 等，另有 {hidden} 篇来源报道（可在搜索中查到）"
    return cell or "—"


def glossary_table(catalog: Catalog, page_src: str) -> str:
    """Terms with definition, forms and a source quote; the hooks fill in where each is used."""
    rows = []
    for term in sorted(catalog.glossary.values(), key=lambda t: t.id):
        quote = ""
        if term.citations:
            c = term.citations[0]
            quote = (
                f"“{escape_markdown(c.quote)}”（"
                + link("原文", page_src, links.source_page(c.source), c.paragraph)
                + "）"
            )
        see = (
            " 参见"
            + link(
                catalog.methods[term.see_method].name, page_src, links.method_page(term.see_method)
            )
            if term.see_method
            else ""
        )
        aliases = "、".join(escape_markdown(a) for a in term.aliases)
        rows.append(
            [
                f'<span id="{term.id}"></span>**{escape_markdown(term.term)}**',
                escape_markdown(term.definition) + see,
                aliases,
                quote,
                USAGE_MARK.format(term.id),
            ]
        )
    return markdown_table(["术语", "释义", "又称", "原文用例", "使用页面"], rows)
