"""The search box in a real browser (Debian's chromium) against the built site on localhost."""

from __future__ import annotations

import difflib
import gzip
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from conftest import ROOT, Build
from kbbench import browser
from kbbench.judge import is_hit

from campaign_kb.search.indexer import LEXICON_FILE as LEXICON
from campaign_kb.search.lexicon import fold


@pytest.fixture(scope="module")
def served(site_build: Build):
    with browser.serve(site_build.site) as base, browser.browser() as chromium:
        yield base, chromium


@pytest.fixture
def page(served):
    base, chromium = served
    context = chromium.new_context()
    tab = context.new_page()
    log = browser.RequestLog(base)
    tab.on("request", lambda request: log.urls.append(request.url))
    tab.goto(base)
    tab.request_log = log
    yield tab
    context.close()


def type_query(page, query: str) -> list[dict]:
    """Use the header search box as a reader does; return the results it shows."""
    box = page.locator(".kb-search input[name='query']")
    box.click()
    box.fill(query)
    page.wait_for_function(
        "q => document.querySelector('.kb-search').dataset.state === 'done' && "
        "document.querySelector('.kb-search input').value === q",
        arg=query,
    )
    return page.eval_on_selector_all(
        ".kb-search .md-search-result__item",
        """items => items.map(li => {
            const link = li.querySelector('a.md-search-result__link');
            const url = new URL(link.href);
            return {
                href: url.origin + url.pathname + url.hash,  // where it lands
                marks: url.searchParams.get('h'),  // the words marked there
                best: li.classList.contains('kb-search__best'),
                title: li.querySelector('h1').textContent,
                where: li.querySelector('.kb-search__where')?.textContent ?? '',
                snippet: li.querySelector('.kb-search__snippet').innerHTML,
            };
        })""",
    )


def _facts() -> list[dict]:
    return yaml.safe_load((ROOT / "data" / "facts.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("fact_id", ["cd2023-grassroots-organisations", "nb2019-party-lectures"])
def test_a_figure_finds_the_paragraph_that_reports_it(page, site_build: Build, fact_id):
    fact = next(f for f in _facts() if f["id"] == fact_id)
    results = type_query(page, str(fact["amount"]))
    expected = f"sources/{fact['source']}/#{fact['paragraph']}"
    assert any(r["href"].endswith(expected) for r in results), [r["href"] for r in results]
    assert is_hit(site_build.site, results[0]["href"], str(fact["amount"]))
    assert "<mark>" in results[0]["snippet"]


@pytest.mark.parametrize("term", ["五级联动", "包乡走村", "调研红线", "红黑榜"])
def test_a_term_lands_on_a_section_that_holds_it(page, site_build: Build, term):
    results = type_query(page, term)
    assert results, f"no results for {term}"
    assert is_hit(site_build.site, results[0]["href"], term)
    assert f"<mark>{term}</mark>" in "".join(r["snippet"] for r in results)


def test_every_quoted_fact_finds_its_source_paragraph(page):
    """All facts in data/: searching the quoted words lists the paragraph they come from."""
    missing = []
    for fact in _facts():
        found = browser.search(page, fact["quote"], limit=10)
        expected = f"sources/{fact['source']}/#{fact['paragraph']}"
        if not any(url.endswith(expected) for url in found["urls"]):
            missing.append((fact["id"], fact["quote"]))
    assert missing == []


def test_every_city_that_has_a_practice_appears_on_the_first_page(page):
    results = type_query(page, "读书班")
    cities = {w for r in results for w in ("重庆", "成都", "宁波") if w in r["where"]}
    assert cities == {"重庆", "成都", "宁波"}


def test_traditional_query_gives_the_simplified_results(page):
    simplified = type_query(page, "领导干部")
    traditional = type_query(page, "領導幹部")
    assert traditional == simplified and simplified


def test_full_width_figures_give_the_ascii_results(page):
    """Queries and paragraphs are folded with NFKC, so a figure typed with a Chinese input
    method's full-width digits finds what the ASCII digits find."""
    amount = str(
        next(f for f in _facts() if f["id"] == "cd2023-grassroots-organisations")["amount"]
    )
    full_width = amount.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    assert full_width != amount
    assert type_query(page, full_width) == type_query(page, amount) != []


def test_words_run_together_are_split_with_the_dictionary(page, site_build: Build):
    results = type_query(page, "成都调研")
    assert results
    assert is_hit(site_build.site, results[0]["href"], "成都 调研")


def test_a_wrong_form_of_a_term_finds_the_term(page):
    """红黑帮 is a known wrong form of 红黑榜: it names the term's glossary row (the best
    match), and the paragraphs found hold the right form."""
    best, *paragraphs = type_query(page, "红黑帮")
    assert best["best"] and best["title"] == "红黑榜"
    assert paragraphs and "<mark>红黑榜</mark>" in paragraphs[0]["snippet"]


def test_city_filter_keeps_only_that_city(page):
    everything = type_query(page, "调研")
    page.select_option(".kb-search select[name='城市']", "宁波")
    page.wait_for_function("document.querySelector('.kb-search').dataset.state === 'done'")
    page.wait_for_timeout(200)
    filtered = page.eval_on_selector_all(
        ".kb-search .kb-search__where", "els => els.map(e => e.textContent)"
    )
    assert filtered and all("宁波" in w for w in filtered)
    assert any("宁波" not in r["where"] for r in everything)


def test_a_result_from_a_source_whose_city_is_inferred_says_so(page):
    """错位观 occurs only in the anonymous 主持词, whose city 重庆 is inferred: its result
    shows 重庆（推断）, and the 重庆 filter still keeps it."""
    source = "sources/chongqing-2023-di-er-pi-zhu-chi-ci/"
    results = type_query(page, "错位观")
    [hit] = [r for r in results if source in r["href"]]
    assert "重庆（推断）" in hit["where"]
    page.select_option(".kb-search select[name='城市']", "重庆")
    page.wait_for_function("document.querySelector('.kb-search').dataset.state === 'done'")
    page.wait_for_timeout(200)
    filtered = page.eval_on_selector_all(
        ".kb-search .md-search-result__item",
        """items => items.map(li => [
            li.querySelector('a').href, li.querySelector('.kb-search__where').textContent])""",
    )
    assert [w for href, w in filtered if source in href] == [hit["where"]]


def test_method_filter_keeps_only_that_method(page):
    type_query(page, "调研")
    page.select_option(".kb-search select[name='方法']", "调研红线")
    page.wait_for_timeout(300)
    hrefs = page.eval_on_selector_all(
        ".kb-search .md-search-result__link", "a => a.map(e => e.href)"
    )
    assert hrefs
    assert all("diao-yan-hong-xian" in h or "/sources/" in h for h in hrefs), hrefs


def test_clicking_a_result_lands_on_its_paragraph(page):
    results = type_query(page, "4933")
    page.locator(".kb-search .md-search-result__link").first.click()
    page.wait_for_load_state()
    landed = page.evaluate("location.origin + location.pathname + location.hash")
    assert landed == results[0]["href"]
    assert page.evaluate("document.querySelector(':target') !== null")


def test_the_engine_runs_in_a_worker_not_on_the_page_thread(page):
    """The index, Pagefind's meta and the records are fetched by the worker (the page's own
    timeline has none of them), so the page's busy start does not hold the search up. Chromium
    lists the worker's scripts (pagefind.js) on the page's timeline, as the page loads them."""
    assert type_query(page, "调研")
    on_page = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert any(u.endswith("/assets/kb-search-worker.js") for u in page.request_log.urls)
    assert any("/pagefind/index/" in u for u in page.request_log.urls)
    assert any("/assets/search/records/" in u for u in page.request_log.urls)
    fetched_by_page = [u for u in on_page if "/pagefind/" in u or "/assets/search/" in u]
    assert all(u.endswith("/pagefind/pagefind.js") for u in fetched_by_page)


@pytest.mark.parametrize("missing", ["pagefind/pagefind.js", "assets/search/lexicon.json"])
def test_a_search_engine_that_cannot_load_says_so_in_chinese(served, missing):
    base, chromium = served
    context = chromium.new_context()
    context.route(f"{base}{missing}", lambda route: route.fulfill(status=404, body="gone"))
    tab = context.new_page()
    tab.goto(base)
    tab.locator(".kb-search input[name='query']").fill("调研")
    tab.wait_for_function(
        "document.querySelector('.kb-search .md-search-result__meta').textContent"
        ".includes('搜索暂时不可用')"
    )
    context.close()


def test_pagefind_files_that_arrive_un_gzipped_still_work(served, page):
    """A server may un-gzip Pagefind's files on the way (Content-Encoding: gzip); the worker
    passes such files on as they are, and the answers are the same."""
    base, chromium = served
    context = chromium.new_context()
    unzipped = []

    def gunzip(route):
        response = route.fetch()
        unzipped.append(route.request.url)
        route.fulfill(response=response, body=gzip.decompress(response.body()))

    context.route(re.compile(r".*/pagefind/.*\.(pf_meta|pf_index|pf_filter|pagefind)$"), gunzip)
    tab = context.new_page()
    tab.goto(base)
    assert type_query(tab, "调研") == type_query(page, "调研") != []
    assert any(u.endswith(".pf_index") for u in unzipped)
    context.close()


def test_a_page_opened_as_a_file_says_to_use_a_server(served, site_build: Build):
    """Browsers start no worker for a file:// page; the box says why and what to run."""
    _, chromium = served
    context = chromium.new_context()
    tab = context.new_page()
    tab.goto((site_build.site / "index.html").as_uri())
    tab.locator(".kb-search input[name='query']").fill("调研")
    tab.wait_for_function(
        "document.querySelector('.kb-search .md-search-result__meta').textContent"
        ".includes('make serve')"
    )
    context.close()


def test_nothing_is_requested_from_outside_the_site(page):
    type_query(page, "主题教育")
    type_query(page, "宁波 初心之旅")
    assert page.request_log.urls, "no requests were recorded"
    assert page.request_log.external == []
    assert any("/pagefind/" in u for u in page.request_log.urls)


def test_no_match_says_so_in_chinese(page):
    type_query(page, "月球基地")
    message = page.text_content(".kb-search .md-search-result__meta")
    assert "没有找到" in message


def test_header_override_matches_material_except_search():
    """overrides/partials/header.html is a copy: re-check it whenever Material is upgraded."""
    import material

    upstream = (Path(material.__file__).parent / "templates/partials/header.html").read_text()
    ours = (ROOT / "overrides/partials/header.html").read_text()
    changed = [
        line
        for line in difflib.unified_diff(upstream.splitlines(), ours.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    removed = [line for line in changed if line.startswith("-")]
    assert all(
        "search" in line
        or line.strip("- ").startswith(("{%", "<label", "</label", "{#", "-#}", "This file"))
        for line in removed
    ), removed


def test_page_furniture_and_processing_notes_are_not_searchable(page):
    """处理记录 lists removed web junk such as 返回顶部; search must not offer it."""
    found = browser.search(page, "返回顶部")
    assert found["urls"] == []
    assert browser.search(page, "本段被引用于")["urls"] == []


def test_more_results_on_request(page):
    first = type_query(page, "主题教育")
    assert len(first) == 10
    page.click(".kb-search__more button")
    page.wait_for_function(
        "document.querySelectorAll('.kb-search .md-search-result__item').length > 10"
    )
    more = page.eval_on_selector_all(
        ".kb-search .md-search-result__link",
        "a => a.map(e => e.origin + e.pathname + e.hash)",
    )
    assert more[:1] == [first[0]["href"]] and len(set(more)) == len(more)


def test_slash_opens_the_search_and_escape_closes_it(page):
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "query"
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_a_query_in_the_address_opens_the_search(served):
    base, chromium = served
    tab = chromium.new_page()
    tab.goto(base + "?q=" + "包乡走村")
    tab.wait_for_function("document.querySelector('.kb-search').dataset.state === 'done'")
    assert tab.input_value(".kb-search input[name='query']") == "包乡走村"
    assert tab.locator(".kb-search .md-search-result__item").count() > 0
    tab.close()


def test_a_dictionary_word_is_one_lookup_that_finds_exactly_the_pages_holding_it(
    page, site_build: Build
):
    """Each term is indexed whole under the word the lexicon names; Pagefind's results for that
    word are exactly the pages (their records files, named in each result's metadata) whose
    text holds the term."""
    records = site_build.site / "assets" / "search" / "records"
    lexicon = json.loads((site_build.site / LEXICON).read_text(encoding="utf-8"))
    texts = {
        file.name: [fold(r["text"]) for r in json.loads(file.read_text("utf-8"))["records"]]
        for file in records.glob("*.json")
    }
    for term in ["五级联动", "主题教育", "宁波市", "成都"]:
        token = lexicon["terms"][term]
        found = page.evaluate(
            "async t => { const pagefind = await import('/pagefind/pagefind.js');"
            " await pagefind.options({ basePath: '/pagefind/' });"
            ' const found = await pagefind.search(`"${t}"`);'
            " return Promise.all(found.results.map(async r => (await r.data()).meta.records)); }",
            token,
        )
        holding = {name for name, paragraphs in texts.items() if any(term in p for p in paragraphs)}
        assert holding and set(found) == holding, term


# ---- names, counts, input methods, keyboard, landing ------------------------------------------


def _data(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def _path(url: str) -> str:
    """'http://host/methods/x/?h=…#a' → 'methods/x/#a'."""
    parts = urlsplit(url)
    return unquote(parts.path).lstrip("/") + (
        f"#{unquote(parts.fragment)}" if parts.fragment else ""
    )


def test_every_method_and_city_name_is_the_best_match(page):
    named = {m["name"]: f"methods/{m['id']}/" for m in _data("methods")}
    named |= {c["name"]: f"cities/{c['id']}/" for c in _data("cities")}
    for name, url in named.items():
        found = browser.search(page, name)
        assert found["urls"] and _path(found["urls"][0]) == url, name


@pytest.mark.parametrize(
    ("query", "url"),
    [("读书班与集中研讨", "methods/du-shu-ban/"), ("巡回指导", "methods/xun-hui-zhi-dao/")],
)
def test_the_best_match_is_marked_and_enter_opens_it(page, query, url):
    best, *rest = type_query(page, query)
    assert best["best"] and _path(best["href"]) == url
    assert "最佳匹配" in page.text_content(".kb-search .kb-search__best")
    assert not any(r["best"] for r in rest)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{url}?h=*")


@pytest.mark.parametrize(
    ("query", "page_url", "word"),
    [("成都调研", "cities/chengdu/", "调研"), ("宁波 党课", "cities/ningbo/", "党课")],
)
def test_a_name_and_a_word_land_on_the_section_of_the_named_page(
    page, site_build: Build, query, page_url, word
):
    """The query is split on the dictionary before any phrase lookup: no help text that
    happens to contain 成都调研 can win; the named page's section holding the word does."""
    best, *rest = type_query(page, query)
    assert best["best"] and _path(best["href"]).startswith(page_url + "#")
    assert is_hit(site_build.site, best["href"], word)
    assert not any("about/" in r["href"] for r in [best, *rest])


def test_a_source_paragraph_and_the_pages_quoting_it_are_one_result(page):
    """4933 is stated in one Chengdu paragraph and repeated on the city page: one result, the
    paragraph, with the quoting page named under it."""
    fact = next(f for f in _facts() if f["id"] == "cd2023-grassroots-organisations")
    results = type_query(page, str(fact["amount"]))
    assert [_path(r["href"]) for r in results] == [f"sources/{fact['source']}/#{fact['paragraph']}"]
    quoting = page.eval_on_selector_all(
        ".kb-search .kb-search__quoted a", "a => a.map(e => new URL(e.href).pathname)"
    )
    assert "/cities/chengdu/" in quoting


def _meta(page) -> str:
    return page.text_content(".kb-search .md-search-result__meta")


def _wait_counted(page, query: str) -> None:
    page.wait_for_function(
        "q => document.querySelector('.kb-search').dataset.counted === q", arg=query
    )


def _expected_counts(site: Path, parts: list[str], city: str | None) -> tuple[int, int]:
    """Paragraphs (records) holding every part in their text or heading, and their pages,
    read from the records files the browser reads."""
    paragraphs, pages = 0, set()
    for file in (site / "assets" / "search" / "records").glob("*.json"):
        data = json.loads(file.read_text(encoding="utf-8"))
        for record in data["records"]:
            if city and city not in record["cities"]:
                continue
            text, section = fold(record["text"]), fold(record["section"])
            if all(p in text or p in section for p in parts):
                paragraphs += 1
                pages.add(data["url"])
    return paragraphs, len(pages)


@pytest.mark.parametrize(
    ("query", "parts", "city"),
    [
        ("宁波 党课", ["宁波", "党课"], None),
        ("宁波 党课", ["宁波", "党课"], "宁波"),
        ("调研", ["调研"], None),
    ],
)
def test_counts_are_the_paragraphs_and_pages_holding_every_word(
    page, site_build: Build, query, parts, city
):
    box = page.locator(".kb-search input[name='query']")
    box.click()
    if city:
        page.wait_for_selector(".kb-search__filters:not([hidden])")
        page.select_option(".kb-search select[name='城市']", city)
    box.fill(query)
    _wait_counted(page, query)
    paragraphs, pages = _expected_counts(site_build.site, parts, city)
    assert paragraphs and f"共 {paragraphs} 段，来自 {pages} 个页面" in _meta(page)
    # a larger site counts in the background, reading every candidate page: the same numbers
    counted = page.evaluate(
        "([q, f]) => window.kbSearch.count(q, f)", [query, {"城市": city} if city else {}]
    )
    assert counted == {"paragraphs": paragraphs, "pages": pages}


def test_clear_resets_the_text_and_the_filters(page):
    box = page.locator(".kb-search input[name='query']")
    box.click()
    page.wait_for_selector(".kb-search__filters:not([hidden])")
    page.select_option(".kb-search select[name='城市']", "宁波")
    page.select_option(".kb-search select[name='类型']", "来源报道")
    box.fill("党课")
    _wait_counted(page, "党课")
    page.click(".kb-search button[type=reset]")
    page.wait_for_function("document.querySelector('.kb-search input').value === ''")
    assert page.eval_on_selector_all(".kb-search select", "s => s.map(e => e.value)") == [""] * 3
    results = type_query(page, "成都")  # no longer filtered to 宁波 and reports
    assert any("成都" in r["where"] or r["best"] for r in results)


def test_no_search_while_an_input_method_composes(page):
    """Typing pinyin with an input method: nothing is searched (no 没有找到) until the reader
    picks the characters; then the search runs once, on what was chosen."""
    box = page.locator(".kb-search input[name='query']")
    box.click()
    cdp = page.context.new_cdp_session(page)
    for typed in ("hong", "honghei", "hongheibang"):
        cdp.send(
            "Input.imeSetComposition",
            {"text": typed, "selectionStart": len(typed), "selectionEnd": len(typed)},
        )
    page.wait_for_timeout(300)
    assert page.input_value(".kb-search input[name='query']") == "hongheibang"
    assert page.evaluate("document.querySelector('.kb-search').dataset.state") is None
    assert "没有找到" not in _meta(page)
    cdp.send("Input.insertText", {"text": "红黑榜"})
    _wait_counted(page, "红黑榜")
    assert "红黑榜" in _meta(page) and "没有找到" not in _meta(page)


@pytest.mark.parametrize(
    ("query", "suggested"),
    [("hongheibang", "红黑榜"), ("chongqing", "重庆"), ("包乡走材", "包乡走村")],
)
def test_pinyin_and_near_misses_suggest_the_term(page, query, suggested):
    type_query(page, query)
    assert page.text_content(".kb-search .kb-search__suggestion") == f"你是不是要找：{suggested}"
    page.click(".kb-search .kb-search__suggestion a")
    _wait_counted(page, suggested)
    best = page.locator(".kb-search .kb-search__best h1").text_content()
    assert page.input_value(".kb-search input[name='query']") == suggested and best == suggested


@pytest.mark.parametrize("query", ["首都", "成部", "月球基地"])
def test_no_suggestion_for_two_characters_or_for_nothing_near(page, query):
    type_query(page, query)
    assert page.is_hidden(".kb-search .kb-search__suggestion")


def test_tab_stays_in_the_open_search_and_reaches_every_result(page):
    results = type_query(page, "读书班")
    links = page.locator(".kb-search .md-search-result__list a").count()  # quoting pages too
    assert links >= len(results) > 1
    stops = []
    for _ in range(links + 8):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                """() => { const e = document.activeElement; const box = e.getBoundingClientRect();
                return { inside: !!e.closest('.kb-search'), tag: e.tagName, name: e.name || '',
                  result: !!e.closest('.md-search-result__list'), visible: box.width > 0 &&
                  box.height > 0, outline: getComputedStyle(e).outlineStyle }; }"""
            )
        )
    assert all(s["inside"] and s["visible"] for s in stops), stops
    assert sum(s["result"] for s in stops) >= links
    assert not any(s["tag"] == "DIV" for s in stops)  # the scroll area is no Tab stop
    assert all(s["outline"] != "none" for s in stops if s["result"])  # focus is visible
    assert {s["name"] for s in stops} >= {"城市", "方法", "类型", "query"}
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    # closed, its results are transparent: Shift+Tab from the page must not stop on them
    page.locator(".md-tabs__link").first.focus()
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("!document.activeElement.closest('.md-search__output')")


def test_opening_a_result_marks_the_query_words_in_its_paragraph(page):
    type_query(page, "宁波 党课")
    page.locator(".kb-search .md-search-result__item:not(.kb-search__best) a").first.click()
    page.wait_for_load_state()
    marked = page.evaluate(
        """() => [...document.querySelectorAll('mark.kb-landing')].map(m => m.textContent)"""
    )
    assert set(marked) == {"宁波", "党课"}


@pytest.mark.parametrize(
    ("url", "line"), [("methods/bao-xiang-zou-cun/", "blockquote p"), ("glossary/", "td")]
)
def test_a_quote_link_marks_the_quoted_words_in_the_source(served, url, line):
    """A practice's quote (method and city pages) and a glossary term's 原文用例."""
    base, chromium = served
    tab = chromium.new_page()
    tab.goto(base + url)
    cell = tab.locator(f"article {line}:has(.kb-quote)").first
    link = cell.locator("a[href*='#p-']").first
    quote = cell.locator(".kb-quote").first.text_content()
    link.click()
    tab.wait_for_load_state()
    marked = tab.evaluate(
        """() => [...document.querySelectorAll('mark.kb-landing')].map(m =>
            [m.textContent, m.closest('[id]').id])"""
    )
    # one mark a text node: a glossary link inside the quote splits it
    assert "".join(text for text, _ in marked) == quote
    assert {anchor for _, anchor in marked} == {urlsplit(tab.url).fragment}
    tab.close()
