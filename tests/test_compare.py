"""The 比较 page as built: every city for every method, with each practice's context and
quotes, and figures side by side only where a metric makes them comparable."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, Build

from campaign_kb.catalog import load_catalog
from campaign_kb.models import STATUS_MARK
from campaign_kb.tables import practice_context

CATALOG = load_catalog(ROOT)


@pytest.fixture(scope="module")
def page(site_build: Build):
    return site_build.html("compare/")


def _cell(page, kind: str, item: str, city: str):
    return page.css_first(f".kb-compare-item[data-{kind}='{item}'] [data-city='{city}']")


def test_every_method_has_a_cell_for_every_city(page) -> None:
    for method in CATALOG.methods:
        cells = page.css(f".kb-compare-item[data-method='{method}'] .kb-compare-cell")
        assert [c.attributes["data-city"] for c in cells] == list(CATALOG.cities), method
        assert page.css_first(f"h4[id='{method}']") is not None


def test_each_practice_is_in_its_cell_with_context_status_and_quotes(page) -> None:
    for practice in CATALOG.practices.values():
        cell = _cell(page, "method", practice.method, practice.city)
        text = cell.text()
        assert practice.summary in text, practice.id
        assert practice_context(CATALOG, practice) in text, practice.id
        assert STATUS_MARK[practice.status] in text
        hrefs = {a.attributes["href"] for a in cell.css("a[href]")}
        for c in practice.citations:
            assert f"../sources/{c.source}/#{c.paragraph}" in hrefs, (practice.id, c.paragraph)
        assert "kb-compare-cell--none" not in cell.attributes["class"]


def test_a_city_without_a_practice_says_the_sources_do_not_show_one(page) -> None:
    done = {(p.method, p.city) for p in CATALOG.practices.values()}
    for method in CATALOG.methods:
        for city in CATALOG.cities:
            if (method, city) not in done:
                cell = _cell(page, "method", method, city)
                assert "所收来源未见此做法" in cell.text()
                assert "kb-compare-cell--none" in cell.attributes["class"]


def test_only_facts_of_a_comparable_metric_are_side_by_side(page) -> None:
    shown = set()
    for link in page.css(".kb-compare-item[data-metric] a[href*='#p-']"):
        shown.add(link.attributes["href"])
    expected = {f"../sources/{f.source}/#{f.paragraph}" for f in CATALOG.facts.values() if f.metric}
    assert shown == expected
    for fact in (f for f in CATALOG.facts.values() if f.metric):
        cell = _cell(page, "metric", fact.metric, fact.city)
        assert fact.label in cell.text()
        metric = CATALOG.metrics[fact.metric]
        item = page.css_first(f".kb-compare-item[data-metric='{metric.id}']")
        assert f"单位：{metric.unit}" in item.text() and f"统计：{metric.counts}" in item.text()


def test_the_page_is_left_out_of_search(site_build: Build) -> None:
    """Its cells repeat the city and method pages; search lands on those."""
    records = site_build.site / "assets/search/records"
    urls = {json.loads(f.read_text("utf-8"))["url"] for f in records.glob("*.json")}
    assert "compare/" not in urls and "cities/chengdu/" in urls
