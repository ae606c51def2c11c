"""Markdown tables rendered from the catalog; every cell is escaped, every link is relative."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from . import links
from .catalog import Catalog
from .markup import escape_html, escape_markdown
from .models import (
    NO_CAMPAIGN,
    STAGE_LABEL,
    STATUS_LABEL,
    STATUS_MARK,
    Aspect,
    City,
    Fact,
    Method,
    Metric,
    Practice,
    Source,
    Stage,
)

INFERRED = "（推断）"
STATUS_LEGEND = (
    "标记：✔ 已实施；○ 计划中（原文写“将”“拟”）；△ 会议要求（主持词等提出的要求，不是已做的事）；"
    "◇ 据介绍。年份是材料所属活动的年份（2019年、2023年两次主题教育；标“非主题教育”的是机关日常"
    "学习的材料）。标“推断”的，城市或时间不是原文写明的。"
)


def city_heading(city: City) -> str:
    """A city as a column or row heading, with its administrative rank."""
    rank = city.rank.value if city.rank else "级别待核实"
    return escape_markdown(f"{city.name}（{rank}）")


def practice_sources(catalog: Catalog, practice: Practice) -> list[Source]:
    return [catalog.sources[c.source] for c in practice.citations]


def practice_inferred(catalog: Catalog, practice: Practice) -> bool:
    """The practice's city rests only on sources whose city is inferred."""
    return all(s.city_inferred for s in practice_sources(catalog, practice))


def practice_when(catalog: Catalog, practice: Practice) -> str:
    """Year and campaign of a practice, short: 2019 · 2023 · 2024 非主题教育 (推断 if the
    date is inferred)."""
    source = practice_sources(catalog, practice)[0]
    if source.is_campaign_report:  # the campaign's year is known even when the date is not
        return str(catalog.campaigns[source.campaign].year)
    none = " 非主题教育" if source.campaign == NO_CAMPAIGN else ""
    return f"{source.date[:4]}{none}" + (INFERRED if source.date_inferred else "")


def practice_context(catalog: Catalog, practice: Practice) -> str:
    """Campaign (with year and batch), genre and status of a practice, in full."""
    source = practice_sources(catalog, practice)[0]
    label = catalog.campaign_label(source)
    date = source.shown_date + (INFERRED if source.date_inferred else "")
    return f"{label} · {date} · {source.genre.value} · {STATUS_LABEL[practice.status]}"


def practice_mark(catalog: Catalog, practice: Practice) -> str:
    """✔ 2019, ○ 2023, △ 2023（推断）…: status mark, year, and 推断 for an inferred city."""
    inferred = "（城市推断）" if practice_inferred(catalog, practice) else ""
    return f"{STATUS_MARK[practice.status]} {practice_when(catalog, practice)}{inferred}"


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
        city = catalog.cities[source.city].name + (INFERRED if source.city_inferred else "")
        date = source.shown_date + (INFERRED if source.date_inferred else "")
        rows.append(
            [
                link(source.title, page_src, links.source_page(source.id)),
                escape_markdown(city),
                escape_markdown(date),
                source.genre.value,
                escape_markdown(catalog.campaign_label(source, short=True)),
            ]
        )
    table = markdown_table(["来源", "城市", "材料时间", "体裁", "所属活动"], rows)
    if len(shown) < len(ordered):
        everything = link(f"全部 {len(ordered)} 份来源", page_src, "sources/index.md")
        table += f"\n\n最新的 {len(shown)} 份；{everything}。"
    return table


def fact_link(fact: Fact, page_src: str) -> str:
    """The figure as written, linking to its paragraph; the title spells out its real span
    (= 78,000 · >890 · ≥1 · ≤1 · <95% · 1—2)."""
    title = fact.span
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


def _practices_by_method(
    catalog: Catalog,
) -> Iterator[tuple[Aspect, Method, dict[str, list[Practice]]]]:
    """Each method, by aspect, with every practice of every city that applies it."""
    for aspect in Aspect:
        for method in (m for m in catalog.methods.values() if m.aspect is aspect):
            by_city: dict[str, list[Practice]] = {}
            for p in catalog.practices_of_method(method.id):
                by_city.setdefault(p.city, []).append(p)
            yield aspect, method, by_city


def _method_grid(catalog: Catalog, page_src: str) -> str:
    """Each cell links each practice (marked by status, year and 推断) to the method page and
    to its source."""
    cities = list(catalog.cities.values())
    rows = []
    for aspect, method, by_city in _practices_by_method(catalog):
        cells = [aspect.value, link(method.name, page_src, links.method_page(method.id))]
        for city in cities:
            practices = by_city.get(city.id)
            if not practices:
                cells.append("—")
                continue
            cells.append(
                "<br>".join(
                    link(practice_mark(catalog, p), page_src, links.method_page(method.id), city.id)
                    + " · "
                    + link(
                        "原文",
                        page_src,
                        links.source_page(p.citations[0].source),
                        p.citations[0].paragraph,
                    )
                    for p in practices
                )
            )
        rows.append(cells)
    lead = (
        "每格列出该城市的做法：标记和年份链接到方法页上的做法，“原文”链接到来源中的那一段。"
        + STATUS_LEGEND
        + "\n\n"
    )
    headers = ["方面", "方法", *(city_heading(c) for c in cities)]
    return lead + markdown_table(headers, rows)


def _method_city_lists(catalog: Catalog, page_src: str) -> str:
    """Each city links to its practice on the method page, where the source is cited."""
    cities = list(catalog.cities.values())
    rows = []
    for aspect, method, by_city in _practices_by_method(catalog):
        done = [city for city in cities if city.id in by_city]
        places = "、".join(
            link(city.name, page_src, links.method_page(method.id), city.id)
            + "（"
            + "，".join(practice_mark(catalog, p) for p in by_city[city.id])
            + "）"
            for city in done
        )
        rows.append(
            [
                aspect.value,
                link(method.name, page_src, links.method_page(method.id)),
                str(len(done)),
                places or "—",
            ]
        )
    lead = (
        f"共 {len(cities)} 个城市。每个城市名链接到方法页上该城市的做法，那里引用了原文段落。"
        + STATUS_LEGEND
        + "\n\n"
    )
    return lead + markdown_table(["方面", "方法", "城市数", "有此做法的城市"], rows)


def metric_table(catalog: Catalog, page_src: str) -> str:
    """City × metric comparison by group, with a line saying how to read it: a grid while the
    cities fit across the page (a blank is 未报告, not reported, never 0); past
    MATRIX_MAX_CITIES, the cities that reported each metric with their figures."""
    if len(catalog.cities) > MATRIX_MAX_CITIES:
        return _metric_city_lists(catalog, page_src)
    return _metric_grid(catalog, page_src)


NOT_REPORTED = '<span class="kb-not-reported">未报告</span>'
METRIC_LEAD = (
    "每个指标一行，写明它统计什么、以什么为单位；只有口径相同的数字才放进同一行。"
    "每个数字下注明所属活动、材料时间和统计阶段（启动初期、进行中、结束时累计）："
    "不同年份、不同阶段的数字并列时，只能看出各自的量级，不宜直接比大小。"
    "某城市的来源没有报告的，写“未报告”，不等于零。"
)


def _metric_name(metric: Metric) -> str:
    return (
        f"{escape_markdown(metric.name)}"
        f'<br><small class="kb-context">统计：{escape_markdown(metric.counts)}；'
        f"单位：{escape_markdown(metric.unit)}；范围：{escape_markdown(metric.scope)}</small>"
    )


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


def fact_context(catalog: Catalog, fact: Fact) -> str:
    """Campaign, year and stage of a figure: what a reader needs before comparing it."""
    source = catalog.sources[fact.source]
    stage = fact.stage or source.stage
    parts = [catalog.campaign_label(source, short=True)]
    parts.append(source.shown_date + (INFERRED if source.date_inferred else ""))
    if stage:
        parts.append(STAGE_LABEL[Stage(stage)])
    if source.city_inferred:
        parts.append("城市为推断")
    return " · ".join(parts)


def _figures(catalog: Catalog, facts: list[Fact], page_src: str, separator: str) -> str:
    return separator.join(
        f"{fact_link(f, page_src)}（{escape_markdown(f.label)}）"
        f'<br><small class="kb-context">{escape_markdown(fact_context(catalog, f))}</small>'
        for f in facts
    )


def _metric_grid(catalog: Catalog, page_src: str) -> str:
    """One column per city; each figure links to its paragraph."""
    cities = list(catalog.cities.values())
    rows = []
    for metric, by_city in _facts_by_metric(catalog):
        cells = [escape_markdown(metric.group), _metric_name(metric)]
        for city in cities:
            facts = by_city.get(city.id)
            cells.append(_figures(catalog, facts, page_src, "<br>") if facts else NOT_REPORTED)
        rows.append(cells)
    lead = METRIC_LEAD + "\n\n"
    headers = ["类别", "指标", *(city_heading(c) for c in cities)]
    return lead + markdown_table(headers, rows)


def _metric_city_lists(catalog: Catalog, page_src: str) -> str:
    """One line per reporting city in the metric's row; each figure links to its paragraph."""
    rows = []
    for metric, by_city in _facts_by_metric(catalog):
        figures = "<br>".join(
            f"{city_heading(catalog.cities[city])}：{_figures(catalog, facts, page_src, '；')}"
            for city, facts in by_city.items()
        )
        rows.append(
            [
                escape_markdown(metric.group),
                _metric_name(metric),
                str(len(by_city)),
                figures or NOT_REPORTED,
            ]
        )
    lead = (
        f"共 {len(catalog.cities)} 个城市。{METRIC_LEAD}"
        "没有列出的城市，其来源没有报告这一指标。\n\n"
    )
    return lead + markdown_table(["类别", "指标", "报告的城市数", "各城市报告的数字"], rows)


def city_facts(catalog: Catalog, city_id: str, page_src: str) -> str:
    """Every figure reported for one city, in source order, each linked to its paragraph."""
    rows = []
    for source in catalog.sources_of_city(city_id):
        for fact in catalog.facts_of_source(source.id):
            label = escape_markdown(fact.label)
            if fact.note:
                label += f'<br><small class="kb-note">说明：{escape_markdown(fact.note)}</small>'
            rows.append(
                [
                    label,
                    fact_link(fact, page_src) + (INFERRED if source.city_inferred else ""),
                    escape_markdown(fact_context(catalog, fact)),
                    link(source.title, page_src, links.source_page(source.id))
                    + ("（城市为推断）" if source.city_inferred else ""),
                ]
            )
    if not rows:
        return "*（暂无数据）*\n"
    return markdown_table(["内容", "数字", "活动、时间与阶段", "来源"], rows)


def timeline(catalog: Catalog, page_src: str) -> str:
    """Sources in time order with their campaign; inferred dates are marked."""
    rows = []
    for source in sorted(catalog.sources.values(), key=lambda s: (s.date, s.id)):
        rows.append(
            [
                escape_markdown(source.shown_date + (INFERRED if source.date_inferred else "")),
                escape_markdown(catalog.campaign_label(source)),
                link(catalog.cities[source.city].name, page_src, links.city_page(source.city))
                + (INFERRED if source.city_inferred else ""),
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
            inferred = "，城市为推断" if catalog.sources[c.source].city_inferred else ""
            quote = (  # kb-quote: the link marks these words in the paragraph it opens
                f'“<span class="kb-quote">{escape_markdown(c.quote)}</span>”（'
                + link("原文", page_src, links.source_page(c.source), c.paragraph)
                + f"{inferred}）"
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
