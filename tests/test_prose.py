"""Prose checks: words in quotation marks are source words, figures are recorded facts —
in data (summaries, definitions) and in editor-written pages, in `kb check` and in the build."""

from __future__ import annotations

import subprocess
import sys

from conftest import Build, Project

from campaign_kb.checks.prose import figures, quoted_terms


def kb_check(project: Project) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "campaign_kb.cli", "--root", str(project.path), "check"],
        capture_output=True,
        text=True,
    )
    return proc.stdout + proc.stderr


def failed(build: Build) -> str:
    assert build.returncode != 0, "the build should have failed:\n" + build.output
    return build.output


def test_names_years_and_dates_are_not_quantities() -> None:
    text = "五级联动、“三张清单”、“1+4+N”、第一批、一把手、2019年6月19日、十四届六次全会"
    assert list(figures(text)) == []
    assert [w for w, _, _ in figures("182个单位同步学习一周，低于95%，两批四期，1—2个")] == [
        "182个",
        "一周",
        "95%",
        "两批",
        "四期",
        "1—2个",
    ]


def test_quoted_terms_are_found_in_both_kinds_of_marks() -> None:
    assert list(quoted_terms("以“关键少数”带动「绝大多数」")) == ["关键少数", "绝大多数"]


def test_a_term_no_source_uses_fails_check_and_build(project: Project) -> None:
    line = project.edit(
        "docs/methods/yi-shang-lv-xia.md",
        "三地都强调领导带头",
        "三地都强调领导带头，宁波写“三个带头”",
    )
    message = (
        f"docs/methods/yi-shang-lv-xia.md:{line}: "
        "引号中的“三个带头”不是原文用语：它不在所引的段落里"
    )
    assert message in kb_check(project)
    assert message in failed(project.build())


def test_a_figure_that_is_no_fact_fails_check_and_build(project: Project) -> None:
    line = project.edit(
        "docs/methods/hong-se-jiao-yu.md",
        "重庆2019年的报道写的是",
        "重庆2019年的报道写的是一次",
    )
    message = f"docs/methods/hong-se-jiao-yu.md:{line}: 数字“一次”不是所引段落中记录的数字"
    assert message in kb_check(project)
    assert message in failed(project.build())


def test_a_summary_must_quote_its_own_paragraphs(project: Project) -> None:
    line = project.edit(
        "data/practices.yml",
        "  summary: 重庆市直机关根据职能职责建立贯彻落实工作台账",
        "  summary: 重庆市直机关为每项任务建立“两个带动”台账",
    )
    output = kb_check(project)
    assert f"data/practices.yml:{line}: 引号中的“两个带动”" not in output, (
        "a glossary term may be quoted anywhere"
    )
    project.edit("data/practices.yml", "建立“两个带动”台账", "建立“任务台账”，共3张")
    output = kb_check(project)
    assert f"data/practices.yml:{line}: 引号中的“任务台账”不是原文用语" in output
    assert f"data/practices.yml:{line}: 数字“3张”不是所引段落中记录的数字" in output
    assert "chongqing-2024-ji-guan-xue-xi p-d06362" in output


def test_a_definition_is_checked_against_its_practices(project: Project) -> None:
    line = project.edit(
        "data/methods.yml",
        "  definition: 领导干部或单位领取调研课题",
        "  definition: 领导干部“限期解决”，领取调研课题",
    )
    message = f"data/methods.yml:{line}: 引号中的“限期解决”不是原文用语"
    assert message in failed(project.build())
