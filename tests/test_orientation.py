"""Where a page belongs: tabs, breadcrumbs, previous/next in the order of the tabs, and
Material's instant navigation (a click replaces the content; the search box and its worker stay)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Build
from kbbench import browser
from published import DESKTOP, PHONE, Published, open_page

SOURCES = yaml.safe_load((ROOT / "data/sources.yml").read_text(encoding="utf-8"))
CITIES = {c["id"]: c["name"] for c in yaml.safe_load((ROOT / "data/cities.yml").read_text())}


def texts(nodes) -> list[str]:
    return [re.sub(r"\s+", "", n.text()) for n in nodes]


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s["id"])
def test_a_source_page_is_under_sources_with_a_breadcrumb_to_its_city(
    site_build: Build, source: dict
) -> None:
    html = site_build.html(f"sources/{source['id']}/")
    assert texts(html.css(".md-tabs__item--active")) == ["来源"]
    crumbs = html.css("nav.md-path a")
    city = CITIES[source["city"]] + ("（推断）" if source.get("city_inferred") else "")
    assert texts(crumbs) == ["首页", "来源", city]
    assert [a.attributes["href"] for a in crumbs] == [
        "../..",
        "../",
        f"../../cities/{source['city']}/",
    ]


def test_source_pages_stay_out_of_the_sidebar(site_build: Build) -> None:
    """Hundreds of reports would make every page's navigation grow (not_in_nav)."""
    for url in ("", "sources/", f"sources/{SOURCES[0]['id']}/", "cities/chengdu/"):
        sidebar = site_build.html(url).css_first(".md-sidebar--primary")
        links = [a.attributes.get("href", "") for a in sidebar.css("a")]
        assert links and not [h for h in links if re.search(r"sources/[a-z0-9-]+/$", h)], url


def test_other_pages_have_a_breadcrumb_from_the_home_page(site_build: Build) -> None:
    assert texts(site_build.html("cities/chengdu/").css("nav.md-path a")) == ["首页", "城市"]
    assert texts(site_build.html("methods/wu-ji-lian-dong/").css("nav.md-path a")) == [
        "首页",
        "方法",
    ]


def test_previous_and_next_follow_the_tabs(site_build: Build) -> None:
    """From the home page, 下一页 walks every page in the navigation in the tabs' order."""
    order = [_resolve("", a.attributes["href"]) for a in site_build.html("").css("a.md-tabs__link")]

    def tab_of(url: str) -> int:
        """The last tab whose address starts the page's (the home page's "" starts every one)."""
        return max(rank for rank, tab in enumerate(order) if url.startswith(tab))

    url, seen = "", []
    while url is not None and len(seen) < 100:
        seen.append(url)
        link = site_build.html(url).css_first("a.md-footer__link--next")
        url = None if link is None else _resolve(url, link.attributes["href"])
    ranks = [tab_of(u) for u in seen]
    assert ranks == sorted(ranks), list(zip(seen, ranks, strict=True))
    assert len({r for r in ranks}) == len(order)  # every tab is reached
    previous = site_build.html(seen[1]).css_first("a.md-footer__link--prev")
    assert _resolve(seen[1], previous.attributes["href"]) == ""


def _resolve(base: str, href: str) -> str:
    parts = [p for p in base.split("/") if p]
    for piece in href.split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts) + "/" if parts else ""


# --- instant navigation ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    with browser.browser() as launched:
        yield launched


def _search(tab, query: str) -> list[str]:
    box = tab.locator(".kb-search input[name='query']")
    if not box.is_visible():
        tab.locator("label[for='__search']").first.click()
    tab.evaluate("document.querySelector('.kb-search').dataset.state = 'typing'")
    box.fill(query)
    tab.wait_for_function(
        "q => document.querySelector('.kb-search').dataset.state === 'done' && "
        "document.querySelector('.kb-search input').value === q",
        arg=query,
    )
    return tab.eval_on_selector_all(
        ".kb-search .md-search-result__item a", "a => a.map(x => x.href)"
    )


def _follow(tab, link) -> None:
    """Click a link; wait until its page is shown (instant navigation changes the address at
    once and swaps the content when the page has arrived)."""
    target = link.evaluate("a => a.href")
    same_page = tab.evaluate("t => new URL(t).pathname === location.pathname", target)
    tab.evaluate("document.querySelector('.md-content__inner').dataset.before = 'yes'")
    link.click()
    tab.wait_for_function("t => location.href === t", arg=target, polling=100)
    if not same_page:
        tab.wait_for_function(
            "!document.querySelector('.md-content__inner').dataset.before", polling=100
        )


@pytest.mark.browser
@pytest.mark.parametrize("screen", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_click_replaces_the_page_and_the_search_stays(
    published: Published, chromium, screen: dict
) -> None:
    tab = open_page(chromium, published.url, screen)
    tab.evaluate("window.kbSameDocument = true; window.kbSearchEngine.mark = 1")
    before = _search(tab, "红黑榜")
    tab.keyboard.press("Escape")
    tab.locator(".md-content__inner a[href$='glossary/']").first.click()
    tab.wait_for_url(published.url + "glossary/")
    tab.wait_for_function(
        "document.querySelector('.md-content__inner h1').textContent.includes('术语表')"
    )
    # Not a page load: the window, its search engine (the worker) and the box are the same.
    assert tab.evaluate("window.kbSameDocument === true && window.kbSearchEngine.mark === 1")
    assert before and _search(tab, "红黑榜") == before
    # The page's own scripts ran on the new content (assets/kb-reading.js, on Material's document$).
    tab.wait_for_selector(".md-content__inner table[data-kb-cards]", state="attached")
    # A search result is a click like any other: it replaces the page too, and so does Enter.
    _follow(tab, tab.locator(".kb-search .md-search-result__item a").first)
    assert tab.evaluate("window.kbSameDocument === true")
    results = _search(tab, "五级联动")
    tab.locator(".kb-search input[name='query']").press("Enter")
    tab.wait_for_function("url => location.href === url", arg=results[0], polling=100)
    assert tab.evaluate("window.kbSameDocument === true")
    tab.context.close()


@pytest.mark.browser
def test_the_source_tab_is_active_after_an_instant_page_change(
    published: Published, chromium
) -> None:
    tab = open_page(chromium, published.url + "sources/", DESKTOP)
    tab.evaluate("window.kbSameDocument = true")
    tab.locator(f".md-content__inner a[href*='{SOURCES[0]['id']}']").first.click()
    tab.wait_for_selector("nav.md-path")
    assert tab.evaluate("window.kbSameDocument === true")
    assert tab.locator(".md-tabs__item--active").inner_text().strip() == "来源"
    tab.context.close()


# Lines of Material's own partial that our copy changes on purpose (everything else is kept).
CHANGED_IN_COPY = {
    "tabs.html": set(),
    "tags.html": {'<nav class="md-tags" {{ hidden }}>'},  # named 本页标签; folded when many
    "path.html": {  # named 页面位置; starts at 首页
        '<nav class="md-path" aria-label="{{ lang.t(\'nav\') }}" {{ hidden }}>',
        "{{ item.render(nav.homepage) }}",
    },
}


@pytest.mark.parametrize("name", CHANGED_IN_COPY)
def test_copies_of_materials_partials_keep_the_rest_of_them(name: str) -> None:
    """overrides/partials/{tabs,tags,path}.html are copies: re-checked on every Material upgrade."""
    import material

    upstream = (Path(material.__file__).parent / "templates/partials" / name).read_text()
    ours = {line.strip() for line in (ROOT / "overrides/partials" / name).read_text().splitlines()}
    lost = {
        line.strip()
        for line in upstream.splitlines()
        if line.strip() and not line.strip().startswith(("{#", "-#}", "This file"))
    } - ours
    assert lost == CHANGED_IN_COPY[name]


@pytest.mark.browser
def test_page_scripts_work_on_pages_reached_by_a_click(published: Published, chromium) -> None:
    """Instant navigation loads no script again: the source list's filters, the compare page's
    city picker and the citation buttons start on Material's document$ for every new page."""
    tab = open_page(chromium, published.url, DESKTOP)
    tab.evaluate("window.kbSameDocument = true")
    _follow(tab, tab.locator(".md-tabs__link[href$='sources/']"))
    tab.wait_for_selector(".kb-source-list-tools__filters select")
    _follow(tab, tab.locator(f".md-content__inner a[href*='{SOURCES[0]['id']}']").first)
    tab.wait_for_selector(".md-content__inner p[id^='p-'] .kb-cite-button")
    _follow(tab, tab.locator(".md-tabs__link[href$='compare/']"))
    tab.wait_for_selector(".kb-compare-picker__slots select")
    assert tab.evaluate("window.kbSameDocument === true")
    # Each script started once on each page: one set of filters, one button a paragraph.
    tab.go_back()
    tab.wait_for_selector(".md-content__inner p[id^='p-'] .kb-cite-button")
    buttons = tab.eval_on_selector_all(
        ".md-content__inner p[id^='p-']",
        "ps => ps.map(p => p.querySelectorAll('.kb-cite-button').length)",
    )
    assert set(buttons) == {1}
    tab.context.close()
