"""Content blocks of city and method pages, generated from practices, facts and sources."""

from __future__ import annotations

from . import links
from .catalog import Catalog
from .markup import escape_markdown
from .models import Aspect, Practice
from .tables import (
    STATUS_LEGEND,
    city_heading,
    link,
    markdown_table,
    practice_context,
    practice_inferred,
    practice_mark,
)


def _quotes(catalog: Catalog, practice: Practice, page_src: str) -> list[str]:
    out = []
    for c in practice.citations:
        source = catalog.sources[c.source]
        inferred = "（城市为推断）" if source.city_inferred else ""
        out.append(
            f'> “<span class="kb-quote">{escape_markdown(c.quote)}</span>” — '
            + link(source.title, page_src, links.source_page(c.source), c.paragraph)
            + inferred
        )
        out.append(">")
    return out[:-1]


def _inference_note(catalog: Catalog, practice: Practice) -> str:
    if not practice_inferred(catalog, practice):
        return ""
    return "\n\n*推断：此做法只见于城市为推断的匿名来源。*"


def _practice_lead(catalog: Catalog, practice: Practice) -> str:
    """Campaign, time, genre and status before the summary, so no practice is read out of
    its context (a plan as done, a 2019 report beside a 2023 one)."""
    return f"**{escape_markdown(practice_context(catalog, practice))}**："


def _city_marks(catalog: Catalog, practices: list[Practice], page_src: str, method_id: str) -> str:
    """Cities of a method's practices, each with its marks: 重庆（✔ 2019，△ 2023（城市推断））."""
    by_city: dict[str, list[Practice]] = {}
    for p in practices:
        by_city.setdefault(p.city, []).append(p)
    return "、".join(
        link(catalog.cities[c].name, page_src, links.city_page(c), method_id)
        + "（"
        + "，".join(escape_markdown(practice_mark(catalog, p)) for p in ps)
        + "）"
        for c, ps in sorted(by_city.items())
    )


def city_index(catalog: Catalog, page_src: str) -> str:
    rows = []
    for city in catalog.cities.values():
        by_method: dict[str, list[Practice]] = {}
        for p in catalog.practices_of_city(city.id):
            by_method.setdefault(p.method, []).append(p)
        rows.append(
            [
                link(city.full_name, page_src, links.city_page(city.id)),
                escape_markdown(city.rank.value if city.rank else "级别待核实"),
                str(len(catalog.sources_of_city(city.id))),
                "、".join(
                    link(catalog.methods[m].name, page_src, links.method_page(m))
                    + "（"
                    + "，".join(escape_markdown(practice_mark(catalog, p)) for p in ps)
                    + "）"
                    for m, ps in sorted(by_method.items())
                )
                or "—",
            ]
        )
    return (
        STATUS_LEGEND + "\n\n" + markdown_table(["城市", "级别", "来源数", "做法涉及的方法"], rows)
    )


def method_index(catalog: Catalog, page_src: str) -> str:
    out = [STATUS_LEGEND, ""]
    for aspect in Aspect:
        methods = [m for m in catalog.methods.values() if m.aspect is aspect]
        if not methods:
            continue
        out += [f"## {aspect.value}", ""]
        rows = []
        for method in methods:
            rows.append(
                [
                    link(method.name, page_src, links.method_page(method.id)),
                    escape_markdown(method.definition),
                    escape_markdown(_places(catalog, method.id)),
                    _city_marks(catalog, catalog.practices_of_method(method.id), page_src, "")
                    or "—",
                ]
            )
        out += [markdown_table(["方法", "定义", "在各次活动中的位置", "城市"], rows)]
    return "\n".join(out)


def _places(catalog: Catalog, method_id: str) -> str:
    """The method's place in each campaign's own framework."""
    method = catalog.methods[method_id]
    if not method.places:
        if method.aspect is Aspect.LEADERSHIP:
            return "组织领导：不属任何一次活动自身的组成部分"
        return "所引材料不属主题教育，无对应部分"
    return "；".join(
        f"{catalog.campaigns[c].year}年{catalog.campaigns[c].short_name}：{part}"
        for c, part in method.places.items()
    )


def city_sources(catalog: Catalog, city_id: str, page_src: str) -> str:
    rows = []
    for source in catalog.sources_of_city(city_id):
        rows.append(
            [
                escape_markdown(source.shown_date + ("（推断）" if source.date_inferred else "")),
                escape_markdown(catalog.campaign_label(source)),
                link(source.title, page_src, links.source_page(source.id))
                + ("（城市为推断）" if source.city_inferred else ""),
                source.genre.value,
            ]
        )
    return markdown_table(["时间", "活动", "来源", "体裁"], rows)


def city_practices(catalog: Catalog, city_id: str, page_src: str) -> str:
    """Practices grouped by aspect and method; each says its campaign, time and status,
    names its method (linked) and quotes its sources."""
    practices = catalog.practices_of_city(city_id)
    out = [STATUS_LEGEND, ""]
    for aspect in Aspect:
        methods = [m for m in catalog.methods.values() if m.aspect is aspect]
        in_aspect = [(m, [p for p in practices if p.method == m.id]) for m in methods]
        in_aspect = [(m, ps) for m, ps in in_aspect if ps]
        if not in_aspect:
            continue
        out += [f"### {aspect.value}", ""]
        for method, method_practices in in_aspect:
            out += [f"#### {escape_markdown(method.name)} {{: #{method.id} }}", ""]
            for practice in method_practices:
                out += [
                    _practice_lead(catalog, practice)
                    + escape_markdown(practice.summary)
                    + " （方法："
                    + link(method.name, page_src, links.method_page(method.id), city_id)
                    + "）"
                    + _inference_note(catalog, practice),
                    "",
                    *_quotes(catalog, practice, page_src),
                    "",
                ]
    return "\n".join(out)


def method_summary(catalog: Catalog, method_id: str, page_src: str) -> str:
    """Definition, pillar, related methods (both directions) and the cities that use it."""
    method = catalog.methods[method_id]
    related = set(method.related) | {
        m.id for m in catalog.methods.values() if method_id in m.related
    }
    practices = catalog.practices_of_method(method_id)
    lines = [
        f"**定义**：{escape_markdown(method.definition)}",
        "",
        f"**所属方面**（本站的归类）：{method.aspect.value}",
        "",
        f"**在各次活动中的位置**：{escape_markdown(_places(catalog, method_id))}",
        "",
        "**实践城市**：" + (_city_marks(catalog, practices, page_src, method_id) or "暂无"),
        "",
        "**相关方法**："
        + (
            "、".join(
                link(catalog.methods[r].name, page_src, links.method_page(r))
                for r in sorted(related)
            )
            or "无"
        ),
        "",
    ]
    return "\n".join(lines)


def method_practices(catalog: Catalog, method_id: str, page_src: str) -> str:
    """Side by side: a table of cities with year, campaign, genre and status, then each
    city's practices with quotes."""
    practices = catalog.practices_of_method(method_id)
    if not practices:
        return "*（暂无城市实践）*\n"
    rows = [
        [
            link(city_heading(catalog.cities[p.city]), page_src, links.city_page(p.city), method_id)
            + ("（推断）" if practice_inferred(catalog, p) else ""),
            escape_markdown(practice_context(catalog, p)),
            escape_markdown(p.summary),
            str(len(p.citations)),
        ]
        for p in practices
    ]
    out = [
        STATUS_LEGEND,
        "",
        markdown_table(["城市", "活动、时间、体裁与状态", "做法概要", "引文数"], rows),
        "",
    ]
    for city_id in dict.fromkeys(p.city for p in practices):
        city = catalog.cities[city_id]
        out += [f"### {escape_markdown(city.name)} {{: #{city_id} }}", ""]
        for practice in (p for p in practices if p.city == city_id):
            out += [
                _practice_lead(catalog, practice)
                + escape_markdown(practice.summary)
                + _inference_note(catalog, practice),
                "",
                *_quotes(catalog, practice, page_src),
                "",
            ]
    return "\n".join(out)
