"""GB/T 7714—2015 citations, on the metadata of every source in data/ and on made-up cases."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT
from pydantic import ValidationError

from campaign_kb.citation import citation, numbered
from campaign_kb.models import Source

SITE = "主题教育实践知识库"
ADDRESS = "https://example.org/kb/sources/x/#p-0a1b2c"
ACCESSED = "2026-03-05"
RAW_SOURCES = yaml.safe_load((ROOT / "data/sources.yml").read_text(encoding="utf-8"))
CODE = {"报纸": "N", "期刊": "J", "网站": "EB", "报告": "R", "其他": "Z"}


def _cite(entry: dict) -> str:
    return citation(Source.model_validate(entry), SITE, ADDRESS, ACCESSED)


@pytest.mark.parametrize("entry", RAW_SOURCES, ids=[s["id"] for s in RAW_SOURCES])
def test_every_source_cites_what_its_metadata_says_and_nothing_else(entry: dict) -> None:
    text = _cite(entry)
    original, _, site = text.partition(" 转引自: ")
    # This site's part: the page title, [EB/OL], the reader's access date, the address.
    assert site == f"{SITE}. {entry['title']}[EB/OL]. [{ACCESSED}]. {ADDRESS}."
    # The original's part: author (without the role in brackets) first, when one is named.
    if entry.get("author"):
        name = re.sub(r"（[^（）]*）$", "", entry["author"])
        assert original.startswith(f"{name}. ")
    title = entry.get("original_title") or entry["title"]
    if entry["title_origin"] == "编者拟题" and not entry.get("original_title"):
        title += "（本站拟题）"
    assert title in original
    medium = entry.get("medium")
    code = CODE.get(medium) if medium else None
    if entry.get("url"):
        code = f"{code or 'EB'}/OL"
    assert (f"{title}[{code}]." in original) if code else (f"{title}." in original)
    # The outlet when recorded, the date only when the text gives it (not an inference).
    assert (entry.get("outlet") or "") in original
    date = str(entry["date"])
    assert (date in original) == (not entry.get("date_inferred"))
    # Nothing that stands for an unknown is ever written into a citation.
    for unknown in ("None", "待核实", "原文未载", "推断", "未记录"):
        assert unknown not in original
    assert original.endswith(".")


def test_the_citations_of_this_corpus_read_as_written() -> None:
    """Golden output for two sources: a reprint with a known author and date, and an
    anonymous meeting script of which only the title is known."""
    by_id = {s["id"]: s for s in RAW_SOURCES}
    assert _cite(by_id["chengdu-2023-you-li-you-xu"]) == (
        "吴亚飞. 从党的创新理论中获取奋进力量[N]. 四川日报（人民网四川频道转载）, 2023-05-23. "
        f"转引自: {SITE}. 成都有力有序推进主题教育工作[EB/OL]. [{ACCESSED}]. {ADDRESS}."
    )
    assert _cite(by_id["chongqing-2023-di-er-pi-zhu-chi-ci"]) == (
        "在第二批主题教育领导小组第一次会议上的主持词. "
        f"转引自: {SITE}. 在第二批主题教育领导小组第一次会议上的主持词[EB/OL]. "
        f"[{ACCESSED}]. {ADDRESS}."
    )


# A minimal source entry, as data/sources.yml holds it.
ENTRY = {
    "id": "a",
    "raw": "x.txt",
    "title": "标题",
    "title_origin": "原题",
    "city": "c",
    "campaign": "none",
    "date": "2023-04-01",
    "genre": "新闻报道",
}


def test_an_original_address_makes_it_an_online_document() -> None:
    base = ENTRY
    url = "https://news.example.cn/2023/0401/a.html"
    assert _cite(base | {"medium": "报纸", "url": url}).startswith(
        f"标题[N/OL]. 2023-04-01. {url}. 转引自: "
    )
    assert _cite(base | {"url": url}).startswith(f"标题[EB/OL]. 2023-04-01. {url}. 转引自: ")
    assert _cite(base).startswith("标题. 2023-04-01. 转引自: ")


def test_a_date_still_to_be_checked_is_left_out() -> None:
    entry = ENTRY | {"date": "待核实"}
    assert _cite(entry).startswith("标题. 转引自: ")


def test_an_address_that_is_not_http_is_refused() -> None:
    entry = dict(RAW_SOURCES[0]) | {"url": "javascript:alert(1)"}
    with pytest.raises(ValidationError):
        Source.model_validate(entry)


def test_several_citations_are_numbered_and_one_is_not() -> None:
    assert numbered(["甲."]) == "甲."
    assert numbered(["甲.", "乙."]) == "[1] 甲.\n[2] 乙."
