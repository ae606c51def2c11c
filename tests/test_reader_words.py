"""Reader words, not maintainer words: no file paths on reader pages, 本段被引用于 for what cites
a paragraph, ¶ where a reader can use it, a print view of the text alone, and no benchmark page."""

from __future__ import annotations

import re
import sys

import pytest
from conftest import ROOT, Build
from kbbench import browser
from published import DESKTOP, PHONE, Published, open_page, site_pages

PATH_LIKE = re.compile(
    r"\b(?:data|docs|src|hooks|benchmarks|overrides)/|\.(?:ya?ml|py|md|json)\b|CONTRIBUTING|SHA256SUMS"
)
SOURCE = "sources/chengdu-2023-you-li-you-xu/"


def test_reader_pages_show_no_file_paths(site_build: Build) -> None:
    shown = []
    for path in site_pages(site_build) + ["404.html"]:
        page = site_build.html(path)
        for node in page.css("script, style"):
            node.decompose()
        text = page.body.text(separator=" ")
        shown += [(path, m.group()) for m in PATH_LIKE.finditer(text)]
    assert shown == []


def test_what_cites_a_paragraph_is_called_so(site_build: Build) -> None:
    cited = site_build.html(SOURCE).css("p.kb-cited")
    assert cited and all(p.text().startswith("本段被引用于：") for p in cited)
    for path in site_pages(site_build):
        assert "引用本段" not in site_build.html(path).body.text(), path


def test_there_is_no_benchmark_page_for_readers(site_build: Build) -> None:
    """Build timings are a developer document in the repository (benchmarks/RESULTS.md)."""
    import scale

    assert [p for p in site_pages(site_build) if p.startswith("about/")] == ["about/"]
    titles = [site_build.html(p).css_first("title").text() for p in site_pages(site_build)]
    assert not [t for t in titles if re.search("性能|基准|benchmark", t, re.I)]
    sys_argv, sys.argv = sys.argv, ["scale.py", "--report-only"]
    try:
        out = scale.arguments().out
    finally:
        sys.argv = sys_argv
    assert out == ROOT / "benchmarks" / "RESULTS.md"
    assert out.read_text(encoding="utf-8").startswith("# Benchmark results")


# --- ¶ and print, in a browser -----------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    with browser.browser() as launched:
        yield launched


PILCROW = """sel => { const a = document.querySelector(sel);
  const s = getComputedStyle(a); return {opacity: s.opacity, display: s.display}; }"""
FIRST = ".md-content__inner p[id^='p-'] .kb-para-link"


@pytest.mark.browser
def test_the_paragraph_mark_shows_on_hover_and_focus(published: Published, chromium) -> None:
    tab = open_page(chromium, published.url + SOURCE, DESKTOP)
    tab.mouse.move(0, 0)
    assert tab.evaluate(PILCROW, FIRST)["opacity"] == "0"
    tab.locator(FIRST).first.locator("..").hover()
    tab.wait_for_function(f"getComputedStyle(document.querySelector(\"{FIRST}\")).opacity === '1'")
    tab.mouse.move(0, 0)
    tab.wait_for_function(f"getComputedStyle(document.querySelector(\"{FIRST}\")).opacity === '0'")
    tab.locator(FIRST).first.focus()
    tab.wait_for_function(f"getComputedStyle(document.querySelector(\"{FIRST}\")).opacity === '1'")
    tab.context.close()


@pytest.mark.browser
def test_the_paragraph_mark_is_always_shown_on_a_touch_screen(published, chromium) -> None:
    tab = open_page(chromium, published.url + SOURCE, PHONE)
    assert tab.evaluate("matchMedia('(hover: none)').matches")
    marks = tab.eval_on_selector_all(
        ".md-content__inner .kb-para-link", "a => a.map(x => getComputedStyle(x).opacity)"
    )
    assert marks and set(marks) == {"1"}
    tab.context.close()


PRINTED = """() => {
  const shown = sel => [...document.querySelectorAll(sel)]
    .some(el => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0);
  return {
    chrome: ['.md-header', '.md-tabs', '.md-sidebar', '.md-footer', '.md-path', '.md-search']
      .filter(shown),
    marks: ['.kb-para-link', '.headerlink'].filter(shown),
    text: shown('.md-content__inner p[id^="p-"]'),
    address: shown('.kb-print-address')
      ? document.querySelector('.kb-print-address').textContent.trim() : null,
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", [SOURCE, "cities/chengdu/"])
def test_the_print_view_is_the_text_and_its_address(published, chromium, path) -> None:
    tab = open_page(chromium, published.url + path, DESKTOP)
    assert tab.evaluate(PRINTED)["address"] is None  # on screen: not shown
    tab.emulate_media(media="print")
    printed = tab.evaluate(PRINTED)
    assert printed["chrome"] == [] and printed["marks"] == []
    assert printed["text"] or path != SOURCE
    assert printed["address"] == f"本页地址：{published.url}{path}"
    tab.context.close()


@pytest.mark.browser
def test_the_printed_address_is_where_the_page_was_opened_without_a_site_url(
    site_build: Build, chromium
) -> None:
    with browser.serve(site_build.site) as base:
        tab = open_page(chromium, base + SOURCE + "#p-2f08e9", DESKTOP)
        tab.emulate_media(media="print")
        assert tab.evaluate(PRINTED)["address"] == f"本页地址：{base}{SOURCE}"
        tab.context.close()


def test_the_glossary_names_the_home_page_as_such(site_build: Build) -> None:
    """The 使用页面 column said 主题教育实践知识库 (the site's name) for the home page."""
    usage = [row.css("td")[-1] for row in site_build.html("glossary/").css("tbody tr")]
    links = [(a.text(), a.attributes["href"]) for cell in usage for a in cell.css("a")]
    assert ("首页", "..") in links
    assert not [text for text, _ in links if text == "主题教育实践知识库"]
