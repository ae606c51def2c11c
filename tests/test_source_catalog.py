"""The 来源 list as built: a row per source, newest first, whose filter values are its data."""

from __future__ import annotations

from conftest import ROOT, Build

from campaign_kb.catalog import load_catalog

CATALOG = load_catalog(ROOT)


def test_every_source_has_a_row_with_its_filter_values(site_build: Build) -> None:
    html = site_build.html("sources/")
    rows = html.css(".kb-source-list tbody tr")
    ordered = sorted(CATALOG.sources.values(), key=lambda s: (s.date, s.id), reverse=True)
    assert [r.css_first("a").attributes["href"] for r in rows] == [f"{s.id}/" for s in ordered]
    for row, source in zip(rows, ordered, strict=True):
        values = row.attributes
        assert values["data-city"] == CATALOG.cities[source.city].name
        assert values["data-year"] == source.date[:4]
        assert values["data-genre"] == source.genre.value
        assert values["data-issuer"] == (source.issuer.name if source.issuer else "原文未载")
        if source.is_campaign_report:
            campaign = CATALOG.campaigns[source.campaign]
            assert values["data-campaign"] == f"{campaign.year}年{campaign.short_name}"
        cells = [c.text() for c in row.css("td")]
        assert cells[0] == source.title
        assert ("（推断）" in cells[1]) == bool(source.city_inferred)
        assert ("（推断）" in cells[3]) == bool(source.date_inferred)


def test_the_table_is_complete_without_javascript(site_build: Build) -> None:
    """The filters are added by the browser; the page itself lists everything."""
    html = site_build.html("sources/")
    assert html.css_first(".kb-source-list-tools select") is None
    assert (
        html.css_first(".kb-source-list caption")
        .text()
        .startswith(f"全部 {len(CATALOG.sources)} 份来源")
    )
