"""What the build reads from a rendered page, and the cache that spares reading it again."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaign_kb import page_reading
from campaign_kb.cache import DiskCache
from campaign_kb.page_reading import PageReadings, SearchInput, read_page, safe_content
from campaign_kb.search.facets import KIND_SOURCE, Facets, PageFacets
from campaign_kb.search.tokens import TermFinder

CONTENT = (
    '<h2 id="zuo-fa">做法</h2>'
    '<p id="p-1a2b3c">成都市推行五级联动，覆盖 4933 个村。</p>'
    '<p><a href="../methods/wu-ji-lian-dong/">五级联动</a></p>'
)


def _search(city: str = "成都") -> SearchInput:
    return SearchInput(PageFacets(Facets(KIND_SOURCE, (city,))), TermFinder(["五级联动", "成都"]))


def test_a_page_is_read_once_for_checks_previews_and_search() -> None:
    reading = read_page(CONTENT, "sources/a/", "甲", _search())
    assert reading.unsafe == []
    assert {"zuo-fa", "p-1a2b3c"} <= set(reading.ids)
    assert reading.headings == ["zuo-fa"]
    assert reading.hrefs == ["../methods/wu-ji-lian-dong/"]
    assert reading.summary == "成都市推行五级联动，覆盖 4933 个村。"
    assert reading.search is not None
    assert reading.search.facet_counts["城市"] == {"成都": reading.search.records}
    assert '"anchor":"p-1a2b3c"' in reading.search.records_json  # a result lands on it
    assert read_page(CONTENT, "sources/a/", "甲", None).search is None  # not searched


def test_script_is_named_and_the_page_is_read_without_it() -> None:
    content = CONTENT + '<p>看<img src="x" onerror="alert(1)"></p>'
    reading = read_page(content, "sources/a/", "甲", _search())
    assert reading.unsafe == ["onerror="]
    assert "onerror" not in safe_content(content, reading)
    assert safe_content(CONTENT, read_page(CONTENT, "sources/a/", "甲", None)) == CONTENT


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    real = page_reading.read_page

    def counting(content, url, title, search):  # type: ignore[no-untyped-def]
        reads.append(url)
        return real(content, url, title, search)

    monkeypatch.setattr(page_reading, "read_page", counting)
    return reads


def test_an_unchanged_page_is_taken_from_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    reads = _count_reads(monkeypatch)
    first = PageReadings(DiskCache(tmp_path)).read(CONTENT, "sources/a/", "甲", _search())
    again = PageReadings(DiskCache(tmp_path)).read(CONTENT, "sources/a/", "甲", _search())
    assert again == first and reads == ["sources/a/"]


@pytest.mark.parametrize(
    "change",
    [
        {"content": CONTENT + "<p>新增一句。</p>"},
        {"url": "sources/b/"},
        {"title": "乙"},
        {"search": _search(city="重庆")},  # the page's facets
        {"search": SearchInput(_search().facets, TermFinder(["五级联动"]))},  # the words
        {"search": None},
    ],
)
def test_anything_a_reading_depends_on_reads_the_page_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, change: dict
) -> None:
    page = {"content": CONTENT, "url": "sources/a/", "title": "甲", "search": _search()}
    PageReadings(DiskCache(tmp_path)).read(**page)
    reads = _count_reads(monkeypatch)
    reading = PageReadings(DiskCache(tmp_path)).read(**{**page, **change})
    assert len(reads) == 1
    assert reading == read_page(**{**page, **change})


def test_without_a_cache_every_page_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _count_reads(monkeypatch)
    for _ in range(2):
        PageReadings(None).read(CONTENT, "sources/a/", "甲", _search())
    assert reads == ["sources/a/", "sources/a/"]
