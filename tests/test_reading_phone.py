"""Reading on a 390×844 touch screen: tables as cards, words that do not break, what a hover
shows on a tap, tags that do not push the text down; a table wider than the page says so."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT, Build, Project
from kbbench import browser
from published import DESKTOP, PHONE, Published, open_page

GLOSSARY = {t["id"]: t for t in yaml.safe_load((ROOT / "data/glossary.yml").read_text())}
TABLE_PAGES = [
    "",
    "cities/",
    "cities/chengdu/",
    "methods/wu-ji-lian-dong/",
    "glossary/",
    "timeline/",
    "sources/",
    "sources/chengdu-2023-you-li-you-xu/",
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium():
    with browser.browser() as launched:
        yield launched


CARDS = """() => [...document.querySelectorAll('.md-content__inner table')].map(table => ({
  columns: table.querySelectorAll('thead th').length,
  headers: [...table.querySelectorAll('thead th')].map(th => th.textContent.trim()),
  rows: [...table.querySelectorAll('tbody tr')].map(tr => {
    const box = tr.getBoundingClientRect();
    return {
      display: getComputedStyle(tr).display, left: box.left, right: box.right,
      cells: [...tr.children].filter(td => td.textContent.trim()).map(td =>
        getComputedStyle(td, '::before').content),
    };
  }),
}))"""


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_tables_are_cards_on_a_phone(published: Published, chromium, path: str) -> None:
    tab = open_page(chromium, published.url + path, PHONE)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    tables = tab.evaluate(CARDS)
    assert tables, "no table on the page"
    for table in tables:
        if table["columns"] < 3:
            continue
        for row in table["rows"]:
            assert row["display"] == "block"
            assert row["left"] >= 0 and row["right"] <= 390 and row["right"] - row["left"] > 300
            # Each cell says which column it is: the column's name, as in the table's head.
            assert row["cells"] and all(c.endswith('："') for c in row["cells"]), row
            names = [c.strip('"').removesuffix("：") for c in row["cells"]]
            assert set(names) <= set(table["headers"])
    tab.context.close()


def test_tables_stay_tables_on_a_desktop(published: Published, chromium) -> None:
    tab = open_page(chromium, published.url + "glossary/", DESKTOP)
    assert {r["display"] for t in tab.evaluate(CARDS) for r in t["rows"]} == {"table-row"}
    tab.context.close()


def test_the_glossary_is_a_list_of_entries_on_a_phone(published: Published, chromium) -> None:
    tab = open_page(chromium, published.url + "glossary/", PHONE)
    entries = tab.evaluate(
        """() => [...document.querySelectorAll('.md-content__inner tbody tr')].map(tr => ({
          term: tr.children[0].textContent.trim(),
          width: tr.children[1].getBoundingClientRect().width,
          lines: tr.children[1].getClientRects().length,
        }))"""
    )
    assert [e["term"] for e in entries] == [
        t["term"] for t in sorted(GLOSSARY.values(), key=lambda t: t["id"])
    ]
    # The definition takes the width of the screen, not a fifth of it (4–5 characters a line).
    assert all(e["width"] > 300 for e in entries), entries
    tab.context.close()


SHORT_LINKS = """() => [...document.querySelectorAll('.md-content__inner a')]
  .filter(a => a.offsetParent && /^[\\u4e00-\\u9fff]{2,6}$/.test(a.textContent.trim()))
  .map(a => ({text: a.textContent.trim(),
              lines: [...a.getClientRects()].filter(r => r.width > 0).length}))"""


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["", "glossary/", "cities/chengdu/", "methods/du-shu-ban/"])
def test_short_link_words_never_break(published: Published, chromium, path, screen) -> None:
    """原文, 五级联动, city names: a link of a few characters is on one line, never 原/文."""
    tab = open_page(chromium, published.url + path, screen)
    links = tab.evaluate(SHORT_LINKS)
    assert any(link["text"] == "原文" for link in links) or path not in ("", "glossary/")
    assert [link for link in links if link["lines"] != 1] == []
    tab.context.close()


def _tip(tab) -> dict | None:
    return tab.evaluate(
        """() => { const tip = document.querySelector('.kb-tip');
          if (!tip) return null;
          const link = tip.querySelector('a');
          return {text: tip.querySelector('p').textContent, visible: tip.offsetHeight > 0,
                  right: tip.getBoundingClientRect().right,
                  link: link && link.textContent, href: link && link.href,
                  described: document.querySelector('[aria-describedby="kb-tip"]') !== null}; }"""
    )


def test_a_tap_on_a_term_shows_its_definition_without_leaving(published, chromium) -> None:
    tab = open_page(chromium, published.url + "cities/chengdu/", PHONE)
    term = tab.locator(".md-content__inner a.kb-term").first
    term_id = term.get_attribute("href").split("#")[1]
    term.tap()
    tip = _tip(tab)
    assert tab.url == published.url + "cities/chengdu/"
    assert tip and tip["visible"] and tip["described"] and tip["right"] <= 390
    assert tip["text"] == GLOSSARY[term_id]["definition"]
    assert tip["link"] == "在术语表中查看 ›" and tip["href"].endswith(f"glossary/#{term_id}")
    tab.locator("h1").first.tap()  # anywhere else closes it
    assert _tip(tab) is None
    term.tap()
    tab.locator(".kb-tip a").tap()
    tab.wait_for_function("id => location.hash === '#' + id", arg=term_id, polling=100)
    tab.context.close()


def test_a_click_on_a_term_on_a_desktop_opens_the_glossary(published, chromium) -> None:
    tab = open_page(chromium, published.url + "cities/chengdu/", DESKTOP)
    term = tab.locator(".md-content__inner a.kb-term").first
    term.click()
    tab.wait_for_function("() => location.pathname.endsWith('/glossary/')", polling=100)
    assert _tip(tab) is None
    tab.context.close()


def test_a_tap_on_a_figure_shows_what_it_stands_for(published, chromium) -> None:
    """cities/ tells readers to hover over a figure for its range; on a phone a tap shows it,
    in the preview of the paragraph it comes from (assets/kb-cite.js), without leaving."""
    tab = open_page(chromium, published.url + "cities/", PHONE)
    figure = tab.locator(".md-content__inner td a[href*='#p-'][data-kb-span]").first
    span = figure.get_attribute("data-kb-span")
    assert re.match(r"^(=|>|≥|≤|<|\d)", span), span
    figure.tap()
    preview = tab.locator(".kb-preview:not([hidden])")
    assert preview.count() == 1 and preview.is_visible()
    assert f"数值：{span}" in preview.inner_text()
    assert _tip(tab) is None  # one box, not two
    assert tab.url == published.url + "cities/"
    tab.context.close()


def test_hover_instructions_say_what_to_do_on_a_touch_screen(site_build: Build) -> None:
    paths = [p.parent.relative_to(site_build.site) for p in site_build.site.rglob("index.html")]
    checked = 0
    for path in paths:
        url = "" if str(path) == "." else f"{path}/"
        for paragraph in site_build.html(url).css(".md-content__inner p, .md-content__inner li"):
            text = paragraph.text()
            if re.search("鼠标|悬停|hover", text):
                assert "触屏" in text, (url, text)
                checked += 1
    assert checked >= 2  # cities/ and the glossary say it


MANY_TAGS = "cities/chengdu/"  # 15 methods: more than fit beside a title on a phone


def test_many_tags_are_folded_under_the_title(published: Published, chromium) -> None:
    tab = open_page(chromium, published.url + MANY_TAGS, PHONE)
    layout = tab.evaluate(
        """() => { const h1 = document.querySelector('.md-content__inner h1');
          const tags = document.querySelector('.md-content__inner .kb-tags');
          return {below: tags.getBoundingClientRect().top >= h1.getBoundingClientRect().bottom,
                  height: tags.getBoundingClientRect().height, folded: tags.tagName === 'DETAILS'
                  && !tags.open, summary: tags.querySelector('summary').textContent,
                  count: tags.querySelectorAll('.md-tag').length}; }"""
    )
    assert layout["below"] and layout["folded"] and layout["height"] < 40, layout
    assert layout["summary"] == f"标签（{layout['count']} 个）" and layout["count"] > 6
    tab.locator(".kb-tags summary").tap()
    assert tab.locator(".kb-tags .md-tag").first.is_visible()
    tab.context.close()


def test_a_few_tags_are_shown_under_the_title(published: Published, chromium) -> None:
    tab = open_page(chromium, published.url + "sources/chengdu-2023-you-li-you-xu/", PHONE)
    below = tab.evaluate(
        """() => document.querySelector('.md-content__inner .kb-tags .md-tag')
            .getBoundingClientRect().top >=
          document.querySelector('.md-content__inner h1').getBoundingClientRect().bottom"""
    )
    assert below and tab.locator(".kb-tags .md-tag").first.is_visible()
    tab.context.close()


def test_a_table_wider_than_the_page_says_so(project: Project, chromium) -> None:
    """A table that cannot wrap (long unbroken words) fades at the side with more, and says so."""
    header = "| " + " | ".join(f"列{i}" for i in range(12)) + " |\n|" + "---|" * 12 + "\n"
    row = "| " + " | ".join("x" * 24 for _ in range(12)) + " |\n"
    project.append("docs/about/index.md", "\n" + header + row)
    build = project.build()
    assert build.returncode == 0, build.output
    with browser.serve(build.site) as base:
        tab = open_page(chromium, base + "about/", DESKTOP)
        box = ".md-typeset__scrollwrap"
        tab.locator(box).scroll_into_view_if_needed()  # laid out only when near (kb.css)
        tab.wait_for_function(f"document.querySelector('{box}').dataset.kbOverflow === 'right'")
        assert tab.locator(".kb-scroll-hint").inner_text() == "表格较宽，可左右滑动查看其余各列"
        assert "gradient" in tab.evaluate(
            f"getComputedStyle(document.querySelector('{box}')).maskImage"
        )
        tab.evaluate(f"document.querySelector('{box}').scrollLeft = 1e6")
        tab.wait_for_function(f"document.querySelector('{box}').dataset.kbOverflow === 'left'")
