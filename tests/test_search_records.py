"""Search records cut from the real built pages: what a result can land on, with which filters."""

from __future__ import annotations

import gzip
import json

import yaml
from conftest import ROOT, Build

from campaign_kb.catalog import load_catalog
from campaign_kb.search.facets import FacetIndex, page_facets
from campaign_kb.search.records import page_records
from campaign_kb.tables import STATUS_LEGEND


def _records(build: Build, url: str, meta: dict, src: str):
    html = (build.site / url / "index.html").read_text(encoding="utf-8")
    title = build.html(url).css_first("article h1").text().rstrip("¶")
    facets = page_facets(FacetIndex.build(load_catalog(ROOT)), src, meta)
    return page_records(url, html, title, facets)


def _yaml(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def test_every_source_paragraph_is_its_own_record(site_build: Build):
    url = "sources/chengdu-2023-you-li-you-xu/"
    records = _records(site_build, url, {"source": "chengdu-2023-you-li-you-xu"}, "x.md")
    anchors = [
        p.attributes["id"]
        for p in site_build.html(url).css("article p[id]")
        if p.attributes["id"].startswith("p-")
    ]
    by_anchor = {r.url.split("#")[1]: r for r in records}
    assert anchors and all(a in by_anchor for a in anchors)
    paragraph = site_build.html(url).css_first("#p-2f08e9").text()
    assert by_anchor["p-2f08e9"].text == paragraph.rstrip("¶").strip()
    assert all("¶" not in r.text and "本段被引用于" not in r.text for r in records)


def test_processing_notes_are_not_records(site_build: Build):
    url = "sources/chengdu-2023-you-li-you-xu/"
    records = _records(site_build, url, {"source": "chengdu-2023-you-li-you-xu"}, "x.md")
    assert not any("处理记录" in r.section or "返回顶部" in r.text for r in records)


def test_quoted_paragraphs_carry_the_methods_that_quote_them(site_build: Build):
    methods = {m["id"]: m["name"] for m in _yaml("methods")}
    practice = next(p for p in _yaml("practices") if p["city"] == "chengdu")
    citation = practice["citations"][0]
    url = f"sources/{citation['source']}/"
    records = _records(site_build, url, {"source": citation["source"]}, "x.md")
    record = next(r for r in records if r.url.endswith("#" + citation["paragraph"]))
    assert methods[practice["method"]] in record.facets.methods
    assert record.facets.cities == ("成都",)


def test_method_page_sections_carry_their_city(site_build: Build):
    records = _records(site_build, "methods/du-shu-ban/", {"method": "du-shu-ban"}, "x.md")
    chengdu = next(r for r in records if r.url.endswith("#chengdu"))
    assert chengdu.facets.cities == ("成都",) and chengdu.facets.methods == ("读书班与集中研讨",)


def test_glossary_rows_are_records_of_their_own(site_build: Build):
    records = _records(site_build, "glossary/", {}, "glossary.md")
    terms = {t["id"]: t["term"] for t in _yaml("glossary")}
    by_anchor = {r.url.split("#")[1]: r for r in records if "#" in r.url}
    for term_id, term in terms.items():
        assert by_anchor[term_id].section == term


def test_each_search_result_names_its_records_file_in_its_metadata(site_build: Build):
    """The browser reads a result's data (Pagefind's documented `result.data()`), whose
    `records` metadata names the page's records file; that file names the same page."""
    fragments = sorted((site_build.site / "pagefind" / "fragment").glob("*.pf_fragment"))
    records = site_build.site / "assets" / "search" / "records"
    assert len(fragments) > 20
    named = set()
    for fragment in fragments:
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd") :])
        page = json.loads((records / data["meta"]["records"]).read_text(encoding="utf-8"))
        assert "/" + page["url"] == data["url"]
        assert page["title"] == data["meta"]["title"]
        named.add(data["meta"]["records"])
    assert named == {path.name for path in records.glob("*.json")}


def test_an_inferred_city_is_shown_with_the_mark_but_filters_by_its_name(site_build: Build):
    """A paragraph of a source whose city is inferred, and the city × method sections resting
    only on it: shown 重庆（推断）, filtered as 重庆 (one filter value per city)."""
    source = "chongqing-2023-di-er-pi-zhu-chi-ci"
    [paragraph, *_] = _records(site_build, f"sources/{source}/", {"source": source}, "x.md")
    method = next(
        r
        for r in _records(
            site_build, "methods/diao-yan-hong-xian/", {"method": "diao-yan-hong-xian"}, "x.md"
        )
        if r.url.endswith("#chongqing")
    )
    city = {
        r.url.partition("#")[2]: r
        for r in _records(site_build, "cities/chongqing/", {"city": "chongqing"}, "x.md")
    }
    for inferred in (paragraph, method, city["diao-yan-hong-xian"]):
        assert inferred.facets.cities == ("重庆",)
        assert inferred.facets.shown_cities() == ["重庆（推断）"]
        assert inferred.facets.as_filters()["城市"] == ["重庆"]
    # 以上率下 rests on other Chongqing sources as well: not inferred
    assert city["yi-shang-lv-xia"].facets.shown_cities() == ["重庆"]


def _all_records(build: Build) -> list[dict]:
    folder = build.site / "assets" / "search" / "records"
    return [
        {**record, "page": page["url"]}
        for file in folder.glob("*.json")
        for page in [json.loads(file.read_text(encoding="utf-8"))]
        for record in page["records"]
    ]


def test_scaffolding_is_not_indexed(site_build: Build):
    """What readers do not search for: table headings, the marks legend, 相关方法 / 实践城市
    lines, the glossary's 使用页面 lists, help sections, the home page of links."""
    records = _all_records(site_build)
    texts = [r["text"] for r in records]
    assert not any("相关方法" in t or "实践城市" in t for t in texts)
    assert not any(STATUS_LEGEND in t for t in texts)
    assert not any("活动、时间、体裁与状态" in t or "原文用例" in t for t in texts)  # headings
    assert not any(r["section"] in {"怎样搜索", "参与编辑", "查找提示"} for r in records)
    assert not any(r["page"] == "" for r in records)  # the home page
    [row] = [r for r in records if r["page"] == "glossary/" and r["anchor"] == "bao-xiang-zou-cun"]
    # the row's own words stay; the pages that use the term (城市, 宁波, 方法…) do not
    assert "宁波组织领导班子成员" in row["text"] and "主题教育实践知识库" not in row["text"]


def test_figures_and_anchored_content_survive_the_scaffolding_filter(site_build: Build):
    """A figure linked to its paragraph is content, even in a cell of nothing but links."""
    chengdu = [r for r in _all_records(site_build) if r["page"] == "cities/chengdu/"]
    figures = next(r for r in chengdu if r["section"] == "关键数字")
    assert "4933" in figures["text"]


def test_generated_records_name_the_source_paragraphs_they_quote(site_build: Build):
    """A city page's section on a method quotes the practices' source paragraphs: the record
    names them, so a search shows it under the paragraph instead of beside it."""
    practices = [p for p in _yaml("practices") if p["city"] == "ningbo"]
    records = {r["anchor"]: r for r in _all_records(site_build) if r["page"] == "cities/ningbo/"}
    for practice in practices:
        expected = {f"sources/{c['source']}/#{c['paragraph']}" for c in practice["citations"]}
        assert expected <= set(records[practice["method"]]["cites"]), practice["id"]
    source = [r for r in _all_records(site_build) if r["page"].startswith("sources/")]
    assert not any("cites" in r for r in source)  # a source quotes nothing
