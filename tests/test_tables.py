"""Tables whose size must not grow out of the page as the corpus grows."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import yaml
from conftest import run_build

from campaign_kb.bench.corpus import generate
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
    assert headers == ["支柱", "方法", "城市数", "有此做法的城市"]
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
