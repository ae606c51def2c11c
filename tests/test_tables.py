"""Tables whose size must not grow out of the page as the corpus grows."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import yaml
from conftest import run_build
from kbbench.corpus import generate

from campaign_kb.tables import MATRIX_MAX_CITIES, USAGE_SOURCES_SHOWN, glossary_usage


def test_glossary_usage_names_every_editor_page_and_counts_the_rest_of_the_sources() -> None:
    sources = [(f"报道{i}", True, f"../sources/s{i}/") for i in range(USAGE_SOURCES_SHOWN + 3)]
    pages = [
        *sources[:2],
        ("成都", False, "../cities/a/"),
        *sources[2:],
        ("红黑榜", False, "../methods/b/"),
    ]
    asked = []
    cell = glossary_usage(pages, lambda url: asked.append(url) or url)
    assert len(asked) == 2 + USAGE_SOURCES_SHOWN  # links are made only for the pages shown
    assert cell.startswith('<a href="../cities/a/">成都</a>、<a href="../methods/b/">红黑榜</a>、')
    assert cell.count("<a ") == 2 + USAGE_SOURCES_SHOWN
    assert cell.endswith("等，另有 3 篇来源报道（可在搜索中查到）")


def test_glossary_usage_lists_a_few_sources_in_full_and_marks_an_unused_term() -> None:
    few = [(f"<报道{i}>", True, f"../sources/s{i}/") for i in range(USAGE_SOURCES_SHOWN)]
    cell = glossary_usage(few, str)
    assert cell.count("<a ") == USAGE_SOURCES_SHOWN and "另有" not in cell
    assert "&lt;报道0&gt;" in cell
    assert glossary_usage([], str) == "—"


def test_method_matrix_lists_the_cities_once_they_do_not_fit_across_the_page(
    tmp_path: Path,
) -> None:
    corpus = generate(tmp_path / "corpus", 100)
    cities = yaml.safe_load((corpus.root / "data/cities.yml").read_text(encoding="utf-8"))
    assert len(cities) > MATRIX_MAX_CITIES
    build = run_build(corpus.root, tmp_path / "site")
    assert build.returncode == 0, build.output
    practices = yaml.safe_load((corpus.root / "data/practices.yml").read_text(encoding="utf-8"))
    expected: dict[str, set[str]] = {}
    for practice in practices:
        expected.setdefault(practice["method"], set()).add(practice["city"])

    home = build.html("")
    table = home.css("article table")[0]
    headers = [th.text(strip=True) for th in table.css("thead th")]
    assert headers == ["方面", "方法", "城市数", "有此做法的城市"]
    assert f"共 {len(cities)} 个城市" in home.css_first("article").text()
    names = {c["name"]: c["id"] for c in cities}
    seen: dict[str, set[str]] = {}
    for row in table.css("tbody tr"):
        cells = row.css("td")
        method = cells[1].css_first("a").attributes["href"].split("/")[1]
        links = cells[3].css("a")
        assert int(cells[2].text(strip=True)) == len(links)
        for a in links:
            page, _, anchor = a.attributes["href"].partition("#")
            assert page == f"methods/{method}/" and unquote(anchor) == names[a.text(strip=True)]
            landing = build.html(page).css_first(f'[id="{unquote(anchor)}"]')
            assert landing is not None, a.attributes["href"]
        seen[method] = {names[a.text(strip=True)] for a in links}
    assert {m: c for m, c in seen.items() if c} == expected


def test_metric_table_lists_the_reporting_cities_once_they_do_not_fit_across_the_page(
    tmp_path: Path,
) -> None:
    """Past MATRIX_MAX_CITIES cities, each metric's row names the cities that reported it,
    each with its figures linking to their paragraphs; the others are not shown as zeros."""
    corpus = generate(tmp_path / "corpus", 100)
    data = {
        name: yaml.safe_load((corpus.root / f"data/{name}.yml").read_text(encoding="utf-8"))
        for name in ("cities", "facts", "metrics")
    }
    assert len(data["cities"]) > MATRIX_MAX_CITIES
    build = run_build(corpus.root, tmp_path / "site")
    assert build.returncode == 0, build.output
    page = build.html("cities/")
    table = next(t for t in page.css("article table") if t.css_first("thead th").text() == "类别")
    assert [th.text(strip=True) for th in table.css("thead th")] == [
        "类别",
        "指标",
        "报告的城市数",
        "各城市报告的数字",
    ]
    assert f"共 {len(data['cities'])} 个城市" in page.css_first("article").text()
    rows = {
        r.css("td")[1].text(strip=True).split("统计：")[0]: r.css("td")
        for r in table.css("tbody tr")
    }
    metric_names = {m["id"]: m["name"] for m in data["metrics"]}
    city_names = {c["id"]: c["name"] for c in data["cities"]}
    assert set(rows) == set(metric_names.values())
    reporting: dict[str, set[str]] = {}
    for fact in (f for f in data["facts"] if f.get("metric")):
        reporting.setdefault(fact["metric"], set()).add(fact["city"])
        cell = rows[metric_names[fact["metric"]]][3]
        # The fact's city heads the line (between <br>s) that holds the fact's link.
        lines = re.sub(r"^<td[^>]*>|</td>$", "", cell.html).split("<br>")
        href = f"sources/{fact['source']}/#{fact['paragraph']}"
        line = next(x for x in lines if href in x and fact["amount"] in x)
        # …with its administrative rank (级别待核实 for the synthetic cities).
        assert re.match(rf"{city_names[fact['city']]}（[^）]*）：", line), line
    for metric_id, name in metric_names.items():
        count, figures = rows[name][2].text(strip=True), rows[name][3].text(strip=True)
        assert int(count) == len(reporting.get(metric_id, ()))
        if metric_id not in reporting:
            assert figures == "未报告"
