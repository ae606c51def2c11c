"""The reader tools in a real browser (Debian's chromium) against the built site on localhost:
比较 keeps its cities in the address, 复制引文 puts the GB/T 7714 citation on the clipboard,
every link to a source paragraph previews that paragraph, and the source list filters and sorts."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from conftest import ROOT, Build
from kbbench import browser

from campaign_kb.catalog import load_catalog
from campaign_kb.citation import citation, numbered

pytestmark = pytest.mark.browser

CATALOG = load_catalog(ROOT)
SITE = "主题教育实践知识库"
SOURCE = "chengdu-2023-you-li-you-xu"


@pytest.fixture(scope="module")
def served(site_build: Build):
    with browser.serve(site_build.site) as base, browser.browser() as chromium:
        yield base, chromium


@pytest.fixture
def tab(served):
    base, chromium = served
    context = chromium.new_context(
        permissions=["clipboard-read", "clipboard-write"], viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    log = browser.RequestLog(base)
    errors: list[str] = []
    page.on("request", lambda request: log.urls.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.base = base
    yield page
    context.close()
    assert errors == []
    assert log.external == []


def _today() -> str:
    return datetime.date.today().isoformat()


def _clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def _target(page: str, href: str) -> tuple[str, str]:
    """(path in the site, anchor) of a link's target; the query (the search's `?h=` marks of
    the quoted words) is not part of where it leads."""
    parts = urlsplit(urljoin(page, href))
    return parts.path.lstrip("/"), parts.fragment


def _paragraph(build: Build, url_path: str, anchor: str) -> str:
    node = build.html(url_path).css_first(f"p[id='{anchor}']")
    for link in node.css("a.kb-para-link"):
        link.decompose()
    return node.text()


# --- 比较 ------------------------------------------------------------------------------------


def _chosen(page) -> list[str]:
    return page.eval_on_selector_all(".kb-compare-picker select", "s => s.map(x => x.value)")


def _shown_cells(page, method: str) -> list[str]:
    return page.eval_on_selector_all(
        f".kb-compare-item[data-method='{method}'] .kb-compare-cell",
        "cells => cells.filter(c => !c.hidden).map(c => c.dataset.city)",
    )


def test_compare_address_round_trip(tab) -> None:
    tab.goto(tab.base + "compare/?a=chongqing&b=chengdu")
    assert _chosen(tab) == ["chongqing", "chengdu"]
    assert _shown_cells(tab, "du-shu-ban") == ["chongqing", "chengdu"]

    tab.select_option(".kb-compare-picker select[name='b']", "ningbo")
    assert parse_qs(urlsplit(tab.url).query) == {"a": ["chongqing"], "b": ["ningbo"]}
    assert _shown_cells(tab, "du-shu-ban") == ["chongqing", "ningbo"]

    tab.reload()
    assert _chosen(tab) == ["chongqing", "ningbo"]
    assert _shown_cells(tab, "du-shu-ban") == ["chongqing", "ningbo"]

    tab.get_by_role("button", name="再加一个城市").click()
    tab.select_option(".kb-compare-picker select[name='c']", "chengdu")
    assert parse_qs(urlsplit(tab.url).query) == {
        "a": ["chongqing"],
        "b": ["ningbo"],
        "c": ["chengdu"],
    }
    assert _shown_cells(tab, "du-shu-ban") == ["chongqing", "ningbo", "chengdu"]


def test_compare_shows_the_chosen_order_and_folds_what_neither_city_shows(tab) -> None:
    tab.goto(tab.base + "compare/?a=chengdu&b=chongqing")
    assert _shown_cells(tab, "du-shu-ban") == ["chengdu", "chongqing"]
    done = {(p.method, p.city) for p in CATALOG.practices.values()}
    for method in CATALOG.methods:
        hidden = tab.eval_on_selector(
            f".kb-compare-item[data-method='{method}']", "item => item.hidden"
        )
        neither = (method, "chengdu") not in done and (method, "chongqing") not in done
        assert hidden == neither, method
    tab.get_by_label("也显示所选城市都未见的方法").check()
    assert tab.eval_on_selector_all(".kb-compare-item", "items => items.every(i => !i.hidden)")


def test_compare_names_a_city_in_the_address_it_does_not_know(tab) -> None:
    tab.goto(tab.base + "compare/?a=chongqing&b=atlantis")
    assert "atlantis" in tab.inner_text(".kb-compare-picker__summary")
    assert _chosen(tab) == ["chongqing", ""]


# --- 复制引文 ---------------------------------------------------------------------------------


def test_copy_citation_of_a_source_paragraph(tab) -> None:
    tab.goto(tab.base + f"sources/{SOURCE}/")
    tab.locator("p#p-2f08e9 .kb-cite-button").click()
    address = tab.base + f"sources/{SOURCE}/#p-2f08e9"
    expected = citation(CATALOG.sources[SOURCE], SITE, address, _today())
    assert _clipboard(tab) == expected
    assert tab.inner_text("p#p-2f08e9 .kb-cite-button") == "已复制"


def test_the_source_page_shows_and_copies_the_citation_of_the_whole_text(tab) -> None:
    tab.goto(tab.base + f"sources/{SOURCE}/")
    expected = citation(CATALOG.sources[SOURCE], SITE, tab.base + f"sources/{SOURCE}/", _today())
    assert tab.inner_text(".kb-cite-source") == expected
    tab.locator(".kb-cite-source + .kb-cite-button").click()
    assert _clipboard(tab) == expected


def test_copy_citation_from_the_preview_of_a_fact(tab) -> None:
    fact = CATALOG.facts["cd2023-grassroots-organisations"]
    tab.goto(tab.base + "cities/chengdu/")
    link = tab.locator(
        f"table a[href$='sources/{fact.source}/#{fact.paragraph}']", has_text=fact.written
    ).first
    link.scroll_into_view_if_needed()
    link.hover()
    preview = tab.locator(".kb-preview:not([hidden])")
    preview.wait_for()
    assert "数值：= 4,933" in preview.inner_text()
    preview.get_by_role("button", name="复制引文").click()
    address = tab.base + f"sources/{fact.source}/#{fact.paragraph}"
    assert _clipboard(tab) == citation(CATALOG.sources[fact.source], SITE, address, _today())


def test_copy_citation_of_a_practice_gives_every_paragraph_it_quotes(tab) -> None:
    practice = next(p for p in CATALOG.practices.values() if len(p.citations) > 1)
    tab.goto(tab.base + f"cities/{practice.city}/")
    first = practice.citations[0]
    quote = tab.locator("blockquote", has=tab.locator(f"text={first.quote}")).first
    quote.locator(".kb-cite-actions .kb-cite-button").click()
    paragraphs = list(dict.fromkeys((c.source, c.paragraph) for c in practice.citations))
    expected = numbered(
        [
            citation(CATALOG.sources[s], SITE, tab.base + f"sources/{s}/#{a}", _today())
            for s, a in paragraphs
        ]
    )
    assert _clipboard(tab) == expected


# --- previews ----------------------------------------------------------------------------------


def test_every_paragraph_link_on_a_method_page_previews_that_paragraph(
    tab, site_build: Build
) -> None:
    page = "methods/du-shu-ban/"
    tab.goto(tab.base + page)
    links = tab.locator("article a[href*='sources/'][href*='#p-']:not(.kb-preview *)")
    count = links.count()
    assert count >= 5
    for index in range(count):
        link = links.nth(index)
        href = link.get_attribute("href")
        path, anchor = _target(page, href)
        link.scroll_into_view_if_needed()
        link.hover()
        box = tab.locator(".kb-preview:not([hidden])")
        box.wait_for()
        assert box.locator(".kb-preview__text").inner_text() == _paragraph(
            site_build, path, anchor
        ), href
        tab.mouse.move(0, 0)
        box.wait_for(state="hidden")


def test_a_preview_opens_on_keyboard_focus_and_its_buttons_are_reachable(
    tab, site_build: Build
) -> None:
    tab.goto(tab.base + "cities/ningbo/")
    link = tab.locator("article blockquote a[href*='#p-']").first
    link.focus()
    box = tab.locator(".kb-preview:not([hidden])")
    box.wait_for()
    path, anchor = _target("cities/ningbo/", link.get_attribute("href"))
    assert box.locator(".kb-preview__text").inner_text() == _paragraph(site_build, path, anchor)
    assert link.get_attribute("aria-expanded") == "true"
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.closest('.kb-preview') !== null")
    tab.keyboard.press("Escape")
    box.wait_for(state="hidden")
    assert tab.evaluate("document.activeElement.getAttribute('href')") == link.get_attribute("href")


def test_a_page_reached_by_instant_navigation_gets_its_previews_and_citations(
    published, served
) -> None:
    """Published with its address (as on GitHub Pages), Material swaps the content in without
    loading the page; the tools set up again, and citations name the published address."""
    _, chromium = served
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(published.url + "cities/")
    tab.evaluate("window.kbSameDocument = true")
    tab.locator("article a[href$='chengdu/']").first.click()
    tab.wait_for_url(published.url + "cities/chengdu/")
    tab.wait_for_function("document.querySelector('article h1').textContent.includes('成都')")
    assert tab.evaluate("window.kbSameDocument === true")  # not a page load
    link = tab.locator("article blockquote a[href*='#p-']").first
    link.scroll_into_view_if_needed()
    link.hover()
    box = tab.locator(".kb-preview:not([hidden])")
    box.wait_for()
    path, anchor = _target("cities/chengdu/", link.get_attribute("href"))
    path = path.removeprefix(urlsplit(published.url).path.lstrip("/"))
    assert box.locator(".kb-preview__text").inner_text() == _paragraph(
        published.build, path, anchor
    )
    box.get_by_role("button", name="复制引文").click()
    source = path.split("/")[1]
    expected = citation(CATALOG.sources[source], SITE, f"{published.url}{path}#{anchor}", _today())
    assert _clipboard(tab) == expected
    context.close()


def test_on_a_phone_a_tap_previews_and_the_preview_leads_to_the_paragraph(
    served, site_build: Build
) -> None:
    base, chromium = served
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    phone = context.new_page()
    phone.goto(base + "cities/chengdu/")
    link = phone.locator("article blockquote a[href*='#p-']").first
    link.scroll_into_view_if_needed()
    link.tap()
    box = phone.locator(".kb-preview:not([hidden])")
    box.wait_for()
    assert phone.url == base + "cities/chengdu/"
    path, anchor = _target("cities/chengdu/", link.get_attribute("href"))
    assert box.locator(".kb-preview__text").inner_text() == _paragraph(site_build, path, anchor)
    box.get_by_role("link", name="打开原文").tap()
    phone.wait_for_url(lambda url: _target("", url) == (path, anchor))
    context.close()


# --- 来源 filters --------------------------------------------------------------------------------


def _visible_rows(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".kb-source-list tbody tr",
        "rows => rows.filter(r => !r.hidden).map(r => ({...r.dataset, "
        "title: r.cells[0].textContent}))",
    )


def test_the_source_list_filters_by_city_year_campaign_genre_and_issuer(tab) -> None:
    tab.goto(tab.base + "sources/")
    assert len(_visible_rows(tab)) == len(CATALOG.sources)
    tab.select_option(".kb-source-list-tools select[name='city']", "重庆")
    rows = _visible_rows(tab)
    chongqing = [s for s in CATALOG.sources.values() if s.city == "chongqing"]
    assert {r["title"] for r in rows} == {s.title for s in chongqing}
    assert f"显示 {len(chongqing)} 份" in tab.inner_text(".kb-source-list-tools__count")
    tab.select_option(".kb-source-list-tools select[name='year']", "2019")
    rows = _visible_rows(tab)
    assert {r["title"] for r in rows} == {s.title for s in chongqing if s.date.startswith("2019")}
    tab.get_by_role("button", name="清除筛选").click()
    assert len(_visible_rows(tab)) == len(CATALOG.sources)
    for name, value in (("genre", "工作总结"), ("issuer", "中共成都市委")):
        tab.select_option(f".kb-source-list-tools select[name='{name}']", value)
        assert [r[name] for r in _visible_rows(tab)] == [value]
        tab.get_by_role("button", name="清除筛选").click()
    tab.select_option(
        ".kb-source-list-tools select[name='campaign']", "2023年学习贯彻新思想主题教育"
    )
    assert {r["title"] for r in _visible_rows(tab)} == {
        s.title for s in CATALOG.sources.values() if s.campaign == "xxgc-2023"
    }


def test_the_source_list_sorts_by_a_column_both_ways(tab) -> None:
    tab.goto(tab.base + "sources/")
    header = tab.locator(".kb-source-list th", has_text="年份")
    header.get_by_role("button").click()
    years = [r["year"] for r in _visible_rows(tab)]
    assert years == sorted(years)
    assert header.get_attribute("aria-sort") == "ascending"
    header.get_by_role("button").click()
    years = [r["year"] for r in _visible_rows(tab)]
    assert years == sorted(years, reverse=True)
    assert header.get_attribute("aria-sort") == "descending"


def test_an_open_preview_and_the_copy_buttons_pass_axe(tab) -> None:
    """WCAG 2.2 AA (axe-core, as tests/test_a11y.py runs it) with a preview open."""
    from test_a11y import WCAG_AA, blocking_violations

    tab.goto(tab.base + "cities/chengdu/")
    link = tab.locator("article blockquote a[href*='#p-']").first
    link.focus()
    tab.locator(".kb-preview:not([hidden])").wait_for()
    assert blocking_violations(tab, {"type": "tag", "values": WCAG_AA}) == []
