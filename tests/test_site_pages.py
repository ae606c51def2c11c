"""City and method pages and the macro tables, checked against data/*.yml and the sources."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
import yaml
from conftest import ROOT, Build


def data(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))


CITIES = [c["id"] for c in data("cities")]
METHODS = [m["id"] for m in data("methods")]


def follow(build: Build, from_url: str, href: str):
    """The element a link lands on: (page text of that element) or None."""
    target = urljoin("http://site/" + from_url, href).removeprefix("http://site/")
    path, _, fragment = target.partition("#")
    html = build.html(path)
    node = html.css_first(f'[id="{unquote(fragment)}"]') if fragment else html.css_first("article")
    return node.text() if node else None


@pytest.mark.parametrize("method", METHODS)
def test_method_page_links_to_its_cities(site_build: Build, method: str) -> None:
    cities = {p["city"] for p in data("practices") if p["method"] == method}
    assert cities, f"{method} has no practice"
    html = site_build.html(f"methods/{method}/")
    hrefs = {a.attributes["href"] for a in html.css("article a[href]")}
    for city in cities:
        assert any(h.startswith(f"../../cities/{city}/") for h in hrefs), (method, city)
    assert "差异" in site_build.article_text(f"methods/{method}/")


@pytest.mark.parametrize("city", CITIES)
def test_city_page_links_to_its_methods(site_build: Build, city: str) -> None:
    methods = {p["method"] for p in data("practices") if p["city"] == city}
    html = site_build.html(f"cities/{city}/")
    hrefs = {a.attributes["href"] for a in html.css("article a[href]")}
    for method in methods:
        assert any(h.startswith(f"../../methods/{method}/") for h in hrefs), (city, method)
    tags = {t.text(strip=True) for t in html.css(".md-tag")}
    assert {c["name"] for c in data("cities") if c["id"] == city} <= tags


def test_every_quote_link_lands_on_a_paragraph_that_says_it(site_build: Build) -> None:
    checked = 0
    for url in [f"methods/{m}/" for m in METHODS] + [f"cities/{c}/" for c in CITIES]:
        for quote in site_build.html(url).css("article blockquote p"):
            said = quote.css_first(".kb-quote").text()
            link = quote.css("a[href*='sources/']")[-1].attributes["href"]
            landed = follow(site_build, url, link)
            assert landed is not None and said in landed, (url, said, link)
            checked += 1
    assert checked >= sum(len(p["citations"]) for p in data("practices"))


def test_metric_table_matches_the_facts(site_build: Build) -> None:
    html = site_build.html("cities/")
    table = html.css("article table")[1]
    cities = [th.text(strip=True).split("（")[0] for th in table.css("thead th")][2:]
    rows = {
        r.css("td")[1].text(strip=True).split("统计：")[0]: r.css("td")[2:]
        for r in table.css("tbody tr")
    }
    metrics = {m["id"]: m["name"] for m in data("metrics")}
    names = {c["id"]: c["name"] for c in data("cities")}
    for fact in (f for f in data("facts") if f.get("metric")):
        cell = rows[metrics[fact["metric"]]][cities.index(names[fact["city"]])]
        links = [a for a in cell.css("a") if fact["amount"] in a.text()]
        assert links, (fact["id"], cell.text())
        assert (
            links[0].attributes["href"].endswith(f"sources/{fact['source']}/#{fact['paragraph']}")
        )
    reported = {(f["metric"], f["city"]) for f in data("facts") if f.get("metric")}
    for metric_id, name in metrics.items():
        for city_id, city_name in names.items():
            if (metric_id, city_id) not in reported:
                assert rows[name][cities.index(city_name)].text(strip=True) == "未报告"


def test_magnitudes_are_spelled_out(site_build: Build) -> None:
    html = site_build.html("cities/ningbo/")
    titles = {a.text(strip=True): a.attributes.get("title") for a in html.css("article a[title]")}
    assert titles["7.8万人次"] == "= 78,000"
    assert titles["2700余份"] == ">2,700"
    assert titles["至少一遍"] == "≥1"
    chongqing = site_build.html("cities/chongqing/")
    titles = {
        a.text(strip=True): a.attributes.get("title") for a in chongqing.css("article a[title]")
    }
    assert titles["1—2个"] == "1—2"
    assert titles["至少1次"] == "≥1"
    assert titles["一周多"] == ">1"
    chengdu = site_build.html("cities/chengdu/")
    titles = {
        a.text(strip=True): a.attributes.get("title") for a in chengdu.css("article a[title]")
    }
    assert titles["≤1周"] == "≤1"
    assert titles["≤2天"] == "≤2"
    assert titles["低于95%"] == "<95%"


def test_method_matrix_cells_link_to_practice_and_source(site_build: Build) -> None:
    html = site_build.html("")
    table = html.css("article table")[0]
    practices = {(p["method"], p["city"]) for p in data("practices")}
    cells = 0
    for row in table.css("tbody tr"):
        method_href = row.css("td")[1].css_first("a").attributes["href"]
        method = method_href.split("/")[1]
        for city, cell in zip(CITIES, row.css("td")[2:], strict=True):
            if (method, city) in practices:
                hrefs = [a.attributes["href"] for a in cell.css("a")]
                assert hrefs[0] == f"methods/{method}/#{city}" and "sources/" in hrefs[1]
                cells += 1
            else:
                assert cell.text(strip=True) == "—"
    assert cells == len(practices)


def test_inferred_attribution_is_marked(site_build: Build) -> None:
    text = site_build.article_text("methods/diao-yan-hong-xian/")
    assert "推断" in text


def test_source_paragraphs_show_who_cites_them(site_build: Build) -> None:
    html = site_build.html("sources/chengdu-2023-you-li-you-xu/")
    cited = html.css("p.kb-cited")
    assert cited and any("红黑榜" in p.text() for p in cited)


def test_glossary_marks_first_use_mid_sentence(site_build: Build) -> None:
    html = site_build.html("cities/chengdu/")
    terms = html.css("article a.kb-term")
    assert "红黑榜" in {t.text() for t in terms}
    glossary = site_build.html("glossary/")
    row = next(r for r in glossary.css("tbody tr") if r.css_first("#hong-hei-bang"))
    assert "成都" in row.css("td")[-1].text()


def test_timeline_and_indexes_exist(site_build: Build) -> None:
    for url in ["timeline/", "glossary/", "cities/", "methods/", "sources/", "tags/"]:
        assert (site_build.site / url / "index.html").exists(), url


def test_site_makes_no_external_requests(site_build: Build) -> None:
    for page in Path(site_build.site).rglob("*.html"):
        html = site_build.html(page.relative_to(site_build.site).as_posix())
        for node in html.css("script[src], link[href], img[src], iframe[src]"):
            ref = node.attributes.get("src") or node.attributes.get("href") or ""
            assert not ref.startswith(("http:", "https:", "//")), (page, ref)
