"""Metadata lines (datelines, bylines, reprint headers) and dates as reports write them."""

from __future__ import annotations

import pytest

from campaign_kb.ingest.dates import date_only, find_dates
from campaign_kb.ingest.header import inline_byline, read_meta_line


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("2023年05月23日07:43 | 来源:四川日报", (("日期", "2023年05月23日"), ("来源", "四川日报"))),
        (
            "2023-06-12 08:30 来源：杭州日报 作者：记者 王某某",
            (("日期", "2023-06-12"), ("来源", "杭州日报"), ("作者", "记者 王某某")),
        ),
        (
            "来源：人民网－人民日报 2023年06月12日",
            (("日期", "2023年06月12日"), ("来源", "人民网－人民日报")),
        ),
        ("原标题:从党的创新理论中获取奋进力量", (("原标题", "从党的创新理论中获取奋进力量"),)),
        ("责任编辑：张三", (("编辑", "张三"),)),
        ("□四川日报全媒体记者 吴亚飞", (("作者", "四川日报全媒体记者 吴亚飞"),)),
        ("本报记者 张三 李四 通讯员 王五", (("作者", "本报记者 张三 李四 通讯员 王五"),)),
        ("二〇一九年十二月三十日", (("日期", "二〇一九年十二月三十日"),)),
        ("（2020年1月10日）", (("日期", "2020年1月10日"),)),
    ],
)
def test_metadata_lines(line: str, fields) -> None:
    found = read_meta_line(7, line, edge=False)
    assert found is not None and found.fields == fields and found.line == 7


@pytest.mark.parametrize(
    "line",
    [
        "同志们：",
        "坚持系统观念，注重有机融合",
        "今年4月以来，全区开展调研。",
        "来源：群众反映的问题，经核实已经解决。",  # a sentence: content, whatever it starts with
        "宁波市委主题教育领导小组办公室",  # an organisation signs only above or below the body
        "坚持以人民为中心",
    ],
)
def test_content_is_never_metadata(line: str) -> None:
    assert read_meta_line(1, line, edge=False) is None


def test_an_organisation_signs_at_the_edge() -> None:
    found = read_meta_line(1, "宁波市委主题教育领导小组办公室", edge=True)
    assert found is not None and found.fields == (("署名单位", "宁波市委主题教育领导小组办公室"),)
    assert read_meta_line(1, "奋力开创新局", edge=True) is None


def test_dates_as_written() -> None:
    found = find_dates(
        3, "2019年6月以来，今年4月启动，6月28日召开，二〇二三年五月完成，2023-05-23发布"
    )
    assert [(d.words, d.iso(), d.relative) for d in found] == [
        ("2019年6月", "2019-06", False),
        ("今年4月", None, True),
        ("6月28日", None, False),
        ("二〇二三年五月", "2023-05", False),
        ("2023-05-23", "2023-05-23", False),
    ]
    assert found[1].iso(2023) == "2023-04"  # 今年 once the year is known
    assert find_dates(1, "2023年13月40日") == []  # no such date: not read as one


def test_a_date_line_is_only_a_date() -> None:
    assert date_only("2023年05月23日 星期二 07:43") is not None
    assert date_only("2023年5月23日召开会议") is None


def test_inline_byline_of_a_news_paragraph() -> None:
    assert inline_byline("本报讯（记者 林晓 通讯员 周明）学习贯彻……") == "记者 林晓 通讯员 周明"
    assert inline_byline("新华社杭州6月12日电（记者 王某）今天……") == "记者 王某"
    assert inline_byline("今年以来，全区……") is None
