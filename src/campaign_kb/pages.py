"""Content blocks of city and method pages, generated from practices, facts and sources."""

from __future__ import annotations

from . import links
from .catalog import Catalog
from .markup import escape_markdown
from .models import Pillar, Practice
from .tables import link, markdown_table


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


def _is_inferred(catalog: Catalog, practice: Practice) -> bool:
    return all(catalog.sources[c.source].city_inferred for c in practice.citations)


def _inference_note(catalog: Catalog, practice: Practice) -> str:
    if not _is_inferred(catalog, practice):
        return ""
    return "\n\n*推断：此做法只见于城市为推断的匿名来源。*"


def city_index(catalog: Catalog, page_src: str) -> str:
    rows = []
    for city in catalog.cities.values():
        methods = sorted({p.method for p in catalog.practices_of_city(city.id)})
        rows.append(
            [
                link(city.full_name, page_src, links.city_page(city.id)),
                str(len(catalog.sources_of_city(city.id))),
                "、".join(
                    link(catalog.methods[m].name, page_src, links.method_page(m)) for m in methods
                )
                or "—",
            ]
        )
    return markdown_table(["城市", "来源数", "做法涉及的方法"], rows)


def method_index(catalog: Catalog, page_src: str) -> str:
    out = []
    for pillar in Pillar:
        methods = [m for m in catalog.methods.values() if m.pillar is pillar]
        if not methods:
            continue
        out += [f"## {pillar.value}", ""]
        rows = []
        for method in methods:
            cities = sorted({p.city for p in catalog.practices_of_method(method.id)})
            rows.append(
                [
                    link(method.name, page_src, links.method_page(method.id)),
                    escape_markdown(method.definition),
                    "、".join(
                        link(catalog.cities[c].name, page_src, links.city_page(c)) for c in cities
                    ),
                ]
            )
        out += [markdown_table(["方法", "定义", "城市"], rows)]
    return "\n".join(out)


def city_sources(catalog: Catalog, city_id: str, page_src: str) -> str:
    rows = []
    for source in catalog.sources_of_city(city_id):
        campaign = catalog.campaigns[source.campaign]
        rows.append(
            [
                escape_markdown(source.date + ("（推断）" if source.date_inferred else "")),
                escape_markdown(campaign.name + (f"（{source.batch}）" if source.batch else "")),
                link(source.title, page_src, links.source_page(source.id))
                + ("（城市为推断）" if source.city_inferred else ""),
                source.genre.value,
            ]
        )
    return markdown_table(["时间", "活动", "来源", "体裁"], rows)


def city_practices(catalog: Catalog, city_id: str, page_src: str) -> str:
    """Practices grouped by pillar; each names its method (linked) and quotes its sources."""
    practices = catalog.practices_of_city(city_id)
    out = []
    for pillar in Pillar:
        in_pillar = [p for p in practices if catalog.methods[p.method].pillar is pillar]
        if not in_pillar:
            continue
        out += [f"### {pillar.value}", ""]
        for practice in in_pillar:
            method = catalog.methods[practice.method]
            out += [
                f"#### {escape_markdown(method.name)} {{: #{method.id} }}",
                "",
                escape_markdown(practice.summary)
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
    cities = sorted({p.city for p in catalog.practices_of_method(method_id)})
    lines = [
        f"**定义**：{escape_markdown(method.definition)}",
        "",
        f"**所属支柱**：{method.pillar.value}",
        "",
        "**实践城市**："
        + (
            "、".join(
                link(catalog.cities[c].name, page_src, links.city_page(c), method_id)
                for c in cities
            )
            or "暂无"
        ),
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
    """Side by side: a table of cities, then each city's practice with quotes."""
    practices = catalog.practices_of_method(method_id)
    if not practices:
        return "*（暂无城市实践）*\n"
    rows = [
        [
            link(catalog.cities[p.city].name, page_src, links.city_page(p.city), method_id)
            + ("（推断）" if _is_inferred(catalog, p) else ""),
            escape_markdown(p.summary),
            str(len(p.citations)),
        ]
        for p in practices
    ]
    out = [markdown_table(["城市", "做法概要", "引文数"], rows), ""]
    for city_id in dict.fromkeys(p.city for p in practices):
        city = catalog.cities[city_id]
        out += [f"### {escape_markdown(city.name)} {{: #{city_id} }}", ""]
        for practice in (p for p in practices if p.city == city_id):
            out += [
                escape_markdown(practice.summary) + _inference_note(catalog, practice),
                "",
                *_quotes(catalog, practice, page_src),
                "",
            ]
    return "\n".join(out)
