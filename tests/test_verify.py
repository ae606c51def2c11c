"""Quote verification: a fact or citation must quote its paragraph verbatim, figure included."""

from __future__ import annotations

import yaml
from conftest import Project

from campaign_kb.catalog import load_catalog
from campaign_kb.sources import ingest_all
from campaign_kb.verify import verify


def paragraph_of(project: Project, fact_id: str) -> str:
    facts = yaml.safe_load((project.path / "data/facts.yml").read_text(encoding="utf-8"))
    return next(f["paragraph"] for f in facts if f["id"] == fact_id)


def line_with(project: Project, relative: str, text: str) -> int:
    content = (project.path / relative).read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


def verify_messages(project: Project) -> list[str]:
    catalog = load_catalog(project.path)
    return [str(p) for p in verify(catalog, ingest_all(catalog))]


def test_real_data_verifies(root) -> None:
    catalog = load_catalog(root)
    assert verify(catalog, ingest_all(catalog)) == []


def test_a_wrong_digit_in_the_quote_fails(project: Project) -> None:
    paragraph = paragraph_of(project, "cd2023-grassroots-organisations")
    line = project.edit("data/facts.yml", "  quote: 基层党组织4933个", "  quote: 基层党组织4934个")
    amount_line = line_with(project, "data/facts.yml", 'amount: "4933"')
    assert verify_messages(project) == [
        f"data/facts.yml:{line}: the quote «基层党组织4934个» is not in paragraph '{paragraph}' of "
        "docs/sources/chengdu-2023-you-li-you-xu.md — copy the words exactly as they appear on "
        "that page (same characters and punctuation)",
        f"data/facts.yml:{amount_line}: amount '4933' does not occur in the quote "
        "«基层党组织4934个» — check the digits",
    ]


def test_a_wrong_digit_in_the_amount_fails(project: Project) -> None:
    line = project.edit("data/facts.yml", '  amount: "4933"', '  amount: "493"')
    assert verify_messages(project) == [
        f"data/facts.yml:{line}: amount '493' does not occur in the quote «基层党组织4933个» "
        "— check the digits"
    ]


def test_more_than_must_be_modelled(project: Project) -> None:
    project.edit(
        "data/facts.yml", "  bound: more-than\n  metric: research-plans", "  metric: research-plans"
    )
    line = line_with(project, "data/facts.yml", 'amount: "890"')
    assert verify_messages(project) == [
        f"data/facts.yml:{line}: the quote gives '890' as more-than but the fact says bound: "
        "exact — set `bound: more-than` "
        "（more-than 的标志：数字后的“余”“多”（也可在单位后，如“一周多”））"
    ]


def test_wrong_paragraph_suggests_the_right_one(project: Project) -> None:
    right = paragraph_of(project, "cd2023-grassroots-organisations")
    wrong = paragraph_of(project, "cd2023-research-plans")
    assert right != wrong
    head = (
        "- id: cd2023-grassroots-organisations\n  city: chengdu\n"
        "  source: chengdu-2023-you-li-you-xu\n"
    )
    project.edit("data/facts.yml", f"{head}  paragraph: {right}", f"{head}  paragraph: {wrong}")
    [message] = verify_messages(project)
    assert f"is not in paragraph '{wrong}'" in message
    assert f"but in '{right}' — set `paragraph: {right}`" in message


def test_practice_citation_quote_is_checked(project: Project) -> None:
    line = project.edit(
        "data/practices.yml", "      quote: 将建立“红黑榜”制度", "      quote: 已建立“红黑榜”制度"
    )
    [message] = verify_messages(project)
    assert message.startswith(
        f"data/practices.yml:{line}: the quote «已建立“红黑榜”制度» is not in"
    )


# --- what a figure means, what a practice is, what a metric compares ---------------------------


def test_an_upper_bound_must_be_modelled(project: Project) -> None:
    line = line_with(project, "data/facts.yml", "  quote: 在1周内完成组建机构")
    project.edit(
        "data/facts.yml",
        "  bound: at-most\n  quote: 在1周内完成组建机构",
        "  quote: 在1周内完成组建机构",
    )
    amount_line = line - 3
    assert verify_messages(project) == [
        f"data/facts.yml:{amount_line}: the quote gives '1' as at-most but the fact says bound: "
        "exact — set `bound: at-most` （at-most 的标志：单位后的“内”“以内”，或“不超过”）"
    ]


def test_spans_show_the_real_range() -> None:
    from campaign_kb.models import Fact

    def fact(amount: str, bound: str, quote: str, unit: str = "") -> Fact:
        return Fact.model_validate(
            {
                "id": "x",
                "city": "c",
                "source": "s",
                "paragraph": "p-000000",
                "label": "l",
                "amount": amount,
                "unit": unit,
                "bound": bound,
                "quote": quote,
            }
        )

    assert fact("1", "at-most", "在1周内", "周").span == "≤1"
    assert fact("1", "at-most", "在1周内", "周").written == "≤1周"
    assert fact("1—2", "range", "1—2个").span == "1—2"
    assert fact("95", "below", "低于95%", "%").span == "<95%"
    assert fact("1", "at-least", "至少1次").span == "≥1"
    assert fact("7.8万", "exact", "7.8万人次").span == "= 78,000"
    assert fact("一", "more-than", "一周多时间", "周").span == ">1"
    assert fact("一", "more-than", "一周多时间", "周").written == "一周多"


def test_a_fact_with_another_unit_cannot_join_a_metric(project: Project) -> None:
    line = project.edit(
        "data/facts.yml",
        "  unit: 讲\n  quote: 市委当代党员杂志社主题教育微党课100讲上线",
        "  unit: 讲\n  metric: party-lectures\n  quote: 市委当代党员杂志社主题教育微党课100讲上线",
    )
    [message] = verify_messages(project)
    assert message.startswith(f"data/facts.yml:{line + 1}: 数字不能放进指标“专题党课”（单位不同：")
    assert "指标以“场次”计，此数字以“讲”计" in message
    assert "范围不同" in message and "定义不同" in message
    assert message.endswith("照指标写 `unit:`、`scope:`、`counts:`")


def test_a_fact_of_another_definition_cannot_join_a_metric(project: Project) -> None:
    line = project.edit(
        "data/facts.yml",
        "  unit: 个\n  quote: 成都市委确定的14个调研方向",
        "  unit: 个\n  metric: research-topics\n  counts: 市委确定、由市领导领题的调研课题\n"
        "  scope: 市委\n  quote: 成都市委确定的14个调研方向",
    )
    [message] = verify_messages(project)
    assert message.startswith(f"data/facts.yml:{line + 1}: 数字不能放进指标“市级确定的调研课题”")
    assert "范围不同：指标统计“市领导”的数，此数字的 scope 是“市委”" in message


def test_a_plan_cannot_be_ticked_as_done(project: Project) -> None:
    project.edit(
        "data/practices.yml",
        "  method: hong-hei-bang\n  status: planned\n",
        "  method: hong-hei-bang\n",
    )
    [message] = verify_messages(project)
    assert "引文“将建立“红黑榜”制度”写的是计划，做法却标为已实施 — 设 `status: planned`" in message


def test_a_meeting_instruction_is_not_a_done_practice(project: Project) -> None:
    project.edit(
        "data/practices.yml",
        "  method: diao-yan-hong-xian\n  status: instructed\n",
        "  method: diao-yan-hong-xian\n",
    )
    [message] = verify_messages(project)
    assert message.endswith(
        "引文全部来自会议主持词，写的是会上的要求，不是已做的事 — 设 `status: instructed`"
    )


def test_a_method_needs_its_place_in_each_campaign(project: Project) -> None:
    project.edit(
        "data/methods.yml",
        "    bwcx-2019: 调查研究\n    xxgc-2023: 调查研究\n  definition: 对调研作风",
        "    bwcx-2019: 调查研究\n  definition: 对调研作风",
    )
    messages = verify_messages(project)
    assert messages and all(
        "方法“调研红线”没有写它在2023年活动中的位置 — 在 data/methods.yml 的 `places:` 加 "
        "`xxgc-2023: …`（理论学习、调查研究、推动发展、检视整改 之一）" in m
        for m in messages
    )


def test_a_place_must_be_a_part_of_that_campaign(project: Project) -> None:
    from campaign_kb.problems import DataError

    line = project.edit(
        "data/methods.yml",
        "    bwcx-2019: 调查研究\n    xxgc-2023: 调查研究\n  definition: 对调研作风",
        "    bwcx-2019: 理论学习\n    xxgc-2023: 调查研究\n  definition: 对调研作风",
    )
    try:
        load_catalog(project.path)
    except DataError as err:
        assert [str(p) for p in err.problems] == [
            f"data/methods.yml:{line}: “理论学习”不是2019年活动自己的组成部分 — 改为 "
            "学习教育、调查研究、检视问题、整改落实 之一（见 data/campaigns.yml）"
        ]
    else:
        raise AssertionError("a 2023 part given for the 2019 campaign must be refused")


def test_one_practice_per_campaign(project: Project) -> None:
    project.edit(
        "data/practices.yml",
        "      quote: 重庆市委派出19个巡回指导组\n",
        "      quote: 重庆市委派出19个巡回指导组\n    - source: chongqing-2024-ji-guan-xue-xi\n"
        "      paragraph: p-cf19ad\n      quote: 以上率下、层层传导\n",
    )
    [message] = verify_messages(project)
    assert "引文来自不同的活动（bwcx-2019、none） — 每次活动各写一条做法" in message


def test_three_campaign_states(project: Project) -> None:
    from campaign_kb.tables import source_list

    project.edit(
        "data/sources.yml",
        "  campaign: xxgc-2023\n  batch: 第一批\n",
        "  campaign: 待核实\n  batch: 第一批\n",
    )
    catalog = load_catalog(project.path)
    table = source_list(catalog, "index.md")
    assert "所属活动待核实" in table
    assert "非主题教育材料：机关日常理论学习" in table
    project.edit("data/sources.yml", "  campaign: 待核实\n", "  campaign: changtai-2024\n")
    from campaign_kb.problems import DataError

    try:
        load_catalog(project.path)
    except DataError as err:
        assert "unknown campaign 'changtai-2024'" in str(err)
    else:
        raise AssertionError("an unknown campaign id must be refused")
