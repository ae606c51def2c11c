"""The 来源 list: every source with city, year, campaign, genre and issuer, newest first.

A plain HTML table, complete without JavaScript; each row carries its values as data-*
attributes, from which assets/kb-source-list.js makes the filters and sortable columns.
"""

from __future__ import annotations

from .catalog import Catalog
from .links import source_page
from .markup import escape_html
from .models import CAMPAIGN_UNKNOWN, NO_CAMPAIGN, Source
from .site_context import SiteContext
from .tables import INFERRED

LIST_CLASS = "kb-source-list"  # on the table's wrapper: Material styles tables without a class
NOT_GIVEN = "原文未载"
# (column heading, row attribute the filters read, or '' for a column that is not a filter)
COLUMNS = (
    ("来源", ""),
    ("城市", "city"),
    ("年份", "year"),
    ("材料时间", ""),
    ("所属活动", "campaign"),
    ("体裁", "genre"),
    ("发布或组织单位", "issuer"),
)


def campaign_facet(catalog: Catalog, source: Source) -> str:
    """The campaign without its batch, as a filter value."""
    if source.campaign == NO_CAMPAIGN:
        return "非主题教育材料"
    if source.campaign == CAMPAIGN_UNKNOWN:
        return "所属活动待核实"
    campaign = catalog.campaigns[source.campaign]
    return f"{campaign.year}年{campaign.short_name}"


def facets(catalog: Catalog, source: Source) -> dict[str, str]:
    """The row's filter values: one per filter column."""
    return {
        "city": catalog.cities[source.city].name,
        "year": source.date[:4],
        "campaign": campaign_facet(catalog, source),
        "genre": source.genre.value,
        "issuer": source.issuer.name if source.issuer else NOT_GIVEN,
    }


def _cell(text: str, sort: str | None = None) -> str:
    key = f' data-sort="{escape_html(sort)}"' if sort is not None else ""
    return f"<td{key}>{escape_html(text)}</td>"


def source_catalog(catalog: Catalog, page_src: str, site: SiteContext) -> str:
    """The table, newest first (an HTML block: rows need their data attributes)."""
    ordered = sorted(catalog.sources.values(), key=lambda s: (s.date, s.id), reverse=True)
    head = "".join(
        f'<th scope="col" data-column="{key or index}">{escape_html(label)}</th>'
        for index, (label, key) in enumerate(COLUMNS)
    )
    rows = []
    for source in ordered:
        values = facets(catalog, source)
        attributes = "".join(f' data-{k}="{escape_html(v)}"' for k, v in values.items())
        href = escape_html(site.href(page_src, source_page(source.id)))
        city = values["city"] + (INFERRED if source.city_inferred else "")
        inferred_date = INFERRED if source.date_inferred else ""
        rows.append(
            f"<tr{attributes}>"
            f'<td data-sort="{escape_html(source.title)}">'
            f'<a href="{href}">{escape_html(source.title)}</a></td>'
            + _cell(city, values["city"])
            + _cell(values["year"] + inferred_date, values["year"])
            + _cell(source.shown_date + inferred_date, source.date)
            + _cell(catalog.campaign_label(source, short=True), values["campaign"])
            + _cell(values["genre"])
            + _cell(values["issuer"])
            + "</tr>"
        )
    return (
        f'<div class="kb-source-list-tools" data-search-exclude></div>\n\n'
        f'<div class="{LIST_CLASS}"><table>'
        f"<caption>全部 {len(ordered)} 份来源，按材料时间排列，新的在前</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>\n"
    )
