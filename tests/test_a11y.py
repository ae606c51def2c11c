"""WCAG 2.2 AA with axe-core (the copy bundled in axe-playwright-python; nothing is fetched) on
every kind of page, on a desktop and a 390×844 phone, in the light and the dark scheme."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from kbbench import browser
from published import DESKTOP, PAGE_TYPES, PHONE, SCREENS, Published, open_page

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
# In the dark scheme only the colours differ: the rules about colour.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

axe = Axe()


@pytest.fixture(scope="module")
def chromium():
    with browser.browser() as launched:
        yield launched


def blocking_violations(tab, rules: dict) -> list[str]:
    """Serious and critical violations, one line each with where they are."""
    found = axe.run(tab, options={"runOnly": rules, "resultTypes": ["violations"]}).response
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')[:160]}"
        for v in found["violations"]
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]


@pytest.mark.browser
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_violations(published: Published, chromium, kind: str, screen: str) -> None:
    tab = open_page(chromium, published.url + PAGE_TYPES[kind], SCREENS[screen])
    assert blocking_violations(tab, {"type": "tag", "values": WCAG_AA}) == []
    tab.context.close()


# The dark scheme on every kind of page on a desktop, and on a phone where the phone shows more
# (cards, ¶ marks, the search panel) — the contrast check is the slow part of axe.
DARK = [(kind, "desktop") for kind in PAGE_TYPES] + [
    (kind, "phone") for kind in ("home", "source", "glossary", "search open with results")
]


@pytest.mark.browser
@pytest.mark.parametrize(("kind", "screen"), DARK)
def test_dark_scheme_colours_pass(published: Published, chromium, kind: str, screen: str) -> None:
    tab = open_page(
        chromium, published.url + PAGE_TYPES[kind], SCREENS[screen], color_scheme="dark"
    )
    assert tab.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert blocking_violations(tab, {"type": "rule", "values": COLOUR_RULES}) == []
    tab.context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("system", "scheme"), [("light", "default"), ("dark", "slate")])
def test_the_palette_follows_the_system_until_the_reader_chooses(
    published: Published, chromium, system: str, scheme: str
) -> None:
    tab = open_page(chromium, published.url, DESKTOP, color_scheme=system)
    assert tab.evaluate("document.body.dataset.mdColorScheme") == scheme
    background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    # The toggle: system → light → dark → system, each a visible button in the header.
    seen = []
    for _ in range(3):
        toggle = tab.locator("form[data-md-component=palette] label:not([hidden])")
        assert toggle.count() == 1 and toggle.is_visible()
        toggle.click()
        seen.append(tab.evaluate("document.body.dataset.mdColorScheme"))
    assert seen == ["default", "slate", scheme]
    assert tab.evaluate("getComputedStyle(document.body).backgroundColor") == background
    tab.context.close()


@pytest.mark.browser
def test_the_palette_toggle_is_a_visible_tab_stop(published: Published, chromium) -> None:
    """The palette's radio buttons are 0×0: the one that takes focus shows it on the button
    beside it (Material's label of the checked option)."""
    tab = open_page(chromium, published.url, DESKTOP)
    for _ in range(12):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(
            """() => {
              const el = document.activeElement;
              const shown = el.matches('.md-option') ? el.nextElementSibling : el;
              const box = shown.getBoundingClientRect();
              return {option: el.matches('.md-option'), width: box.width, height: box.height,
                      outline: getComputedStyle(shown).outlineStyle};
            }"""
        )
        if focused["option"]:
            assert focused["width"] >= 24 and focused["height"] >= 24, focused
            assert focused["outline"] != "none", focused
            break
    else:
        pytest.fail("the palette toggle is not reached with Tab")
    tab.context.close()


def test_pages_are_in_simplified_chinese(published: Published) -> None:
    for path in ("index.html", "sources/chengdu-2023-you-li-you-xu/index.html", "404.html"):
        html = published.build.html(path.removesuffix("index.html"))
        assert html.css_first("html").attributes["lang"] == "zh-Hans", path


@pytest.mark.browser
def test_phone_and_desktop_are_the_screens_tested() -> None:
    """The sizes the issue names: a 390×844 phone with touch, a desktop."""
    assert PHONE["viewport"] == {"width": 390, "height": 844} and PHONE["has_touch"]
    assert DESKTOP["viewport"]["width"] >= 1280
