"""Hostile input from a pull request, run through `kb check` as editors and CI run it.

Each case breaks a fresh copy of the project in one way a stranger's pull request could, and
asserts `kb check`'s exit code and its exact `path:line: 问题 — 改法` lines.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Project

KB = Path(sys.executable).parent / "kb"
REPORT = "data/raw/004_5ab8efcb78ba7db0.txt"
PLAIN = "只能是纯文本，"
MARKUP = "含有 HTML 标记（< 或 >）— "
REIMPORT = (
    "原始材料只能是纯文本，而导入后的原文不能修改：从 data/sources.yml 删去这个来源，从 "
    "data/raw/ 删去这个文件及其在 SHA256SUMS 里的校验值，去掉控制字符后用 kb add-report 重新导入"
)
RAW_NAME = (
    "不是 data/raw/ 里的文件名 — raw 只写 data/raw/ 里的文件名，不带文件夹，例如 "
    "005_18caf8c817e2f59e.txt；新材料用 kb add-report 导入"
)
FIRST_RAW = "raw: 000_0172a6a78381110f.txt"


def markup(path: str, line: int, label: str, value: str) -> str:
    return f'{path}:{line}: {label} "{value}" {MARKUP}{label}{PLAIN}请删去尖括号'


def _city(p: Project) -> list[str]:
    line = p.edit("data/cities.yml", "  name: 宁波\n", '  name: "<script>alert(1)</script>"\n')
    return [markup("data/cities.yml", line, "名称", "<script>alert(1)</script>")]


def _method(p: Project) -> list[str]:
    value = "<img src=x onerror=alert(1)>"
    line = p.edit("data/methods.yml", "  name: 五级联动\n", f'  name: "{value}"\n')
    return [markup("data/methods.yml", line, "名称", value)]


def _title(p: Project) -> list[str]:
    value = '"><svg onload=alert(1)>'
    text = (p.path / "data/sources.yml").read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("  title: 理论大学习"))
    line = p.edit("data/sources.yml", old, f"  title: '{value}'")
    return [markup("data/sources.yml", line, "标题", value)]


def _outlet(p: Project) -> list[str]:
    value = '<a href="javascript:alert(1)">人民网</a>'
    line = p.edit(
        "data/sources.yml", "  outlet: 《机关党建研究》2024年第2期", f"  outlet: '{value}'"
    )
    return [markup("data/sources.yml", line, "刊发媒体", value)]


def _entity(p: Project) -> list[str]:
    value = "&lt;script&gt;alert(1)&lt;/script&gt;"
    line = p.edit("data/glossary.yml", "  term: 主题教育\n", f"  term: '{value}'\n")
    return [
        f'data/glossary.yml:{line}: 术语 "{value}" 含有 HTML 字符实体（&lt;）— '
        f"术语{PLAIN}请删去“&lt;”"
    ]


def _javascript(p: Project) -> list[str]:
    line = p.edit(
        "data/metrics.yml", "  name: 市委部署开展的单位\n", "  name: 'JavaScript:alert(1)'\n"
    )
    return [
        f'data/metrics.yml:{line}: 名称 "JavaScript:alert(1)" 含有脚本链接（JavaScript:）'
        f"— 名称{PLAIN}请删去“JavaScript:”"
    ]


def _data_url(p: Project) -> list[str]:
    value = "data:text/html,<script>alert(1)</script>"
    line = p.edit("data/glossary.yml", "  aliases: [第二批]", f"  aliases: ['{value[:14]}']")
    return [
        f'data/glossary.yml:{line}: 别名 "{value[:14]}" 含有脚本链接（data:）— 别名{PLAIN}'
        "请删去“data:”"
    ]


def _fact_label(p: Project) -> list[str]:
    value = "<b onmouseover=alert(1)>会议</b>"
    line = p.edit("data/facts.yml", "  label: 市委书记主持召开的常委会会议", f"  label: '{value}'")
    return [markup("data/facts.yml", line, "标签", value)]


def _escape_in_name(p: Project) -> list[str]:
    line = p.edit(
        "data/campaigns.yml",
        "  short_name: 不忘初心、牢记使命\n",
        '  short_name: "不忘\\e[2J初心"\n',
    )
    return [
        f'data/campaigns.yml:{line}: 简称 "不忘\\u001b[2J初心" 含有控制字符（U+001B ESC）— 简称'
        f"{PLAIN}请删去这个字符（它在编辑器里通常看不见，可删去整行后重新输入）"
    ]


def _page_title(p: Project) -> list[str]:
    value = "<img src=x onerror=alert(1)>"
    p.edit("docs/timeline.md", "render_macros: true\n", f"render_macros: true\ntitle: '{value}'\n")
    return [markup("docs/timeline.md", 3, "标题", value)]


def _dotdot(p: Project) -> list[str]:
    line = p.edit("data/sources.yml", FIRST_RAW, "raw: ../../etc/passwd")
    return [f'data/sources.yml:{line}: 原文文件 "../../etc/passwd" {RAW_NAME}']


def _absolute(p: Project) -> list[str]:
    line = p.edit("data/sources.yml", FIRST_RAW, "raw: /etc/passwd")
    return [f'data/sources.yml:{line}: 原文文件 "/etc/passwd" {RAW_NAME}']


def _inside_then_out(p: Project) -> list[str]:
    line = p.edit("data/sources.yml", FIRST_RAW, "raw: data/raw/../../etc/passwd")
    return [f'data/sources.yml:{line}: 原文文件 "data/raw/../../etc/passwd" {RAW_NAME}']


def _symlink(p: Project) -> list[str]:
    os.symlink("/etc/passwd", p.path / "data/raw/005_passwd.txt")
    line = p.edit("data/sources.yml", FIRST_RAW, "raw: 005_passwd.txt")
    return [
        f"data/sources.yml:{line}: 原文文件 data/raw/005_passwd.txt 是符号链接（或经过符号链接），"
        "不是 data/raw/ 里的普通文件 — 删去这个链接，把材料本身用 kb add-report 导入"
    ]


def _checksum_list(p: Project) -> list[str]:
    line = p.edit("data/sources.yml", FIRST_RAW, "raw: SHA256SUMS")
    return [f'data/sources.yml:{line}: 原文文件 "SHA256SUMS" {RAW_NAME}']


def _report_control(char: str, name: str) -> Callable[[Project], list[str]]:
    def case(p: Project) -> list[str]:
        line = p.edit(REPORT, "本次会议结束", f"本次{char}会议结束")
        return [f"{REPORT}:{line}: 含有控制字符（{name}）— {REIMPORT}"]

    return case


def _edited_report(p: Project) -> list[str]:
    p.edit(REPORT, "本次会议结束，散会！", "本次会议结束，散会。")
    return [
        f"{REPORT}: 原文文件与登记的校验值不符（data/raw/SHA256SUMS 第 5 行）— 原始材料一经导入"
        f"就不能修改：用 git 恢复原文件（git checkout -- {REPORT}）；原文确有错误时，"
        "把更正后的材料作为新来源导入（kb add-report 文件 --city 城市）",
        "docs/sources/chongqing-2023-di-er-pi-zhu-chi-ci.md: "
        "来源页与原始报道不一致（缺失、过期或被手工改过）— "
        "运行 `make ingest` 重新生成，不要手工修改 docs/sources/ 下的文件",
    ]


LINK_OUT = "是指向项目之外的符号链接 — 构建只读项目里的文件：删去这个链接，把内容本身放进项目"


def _page_link_out(p: Project) -> list[str]:
    os.symlink("/etc/passwd", p.path / "docs/passwd.md")
    return [f"docs/passwd.md: {LINK_OUT}"]


def _data_folder_link_out(p: Project) -> list[str]:
    os.symlink("/etc", p.path / "data/ingest/etc")
    return [f"data/ingest/etc: {LINK_OUT}"]


CASES: dict[str, Callable[[Project], list[str]]] = {
    "script-in-city-name": _city,
    "img-onerror-in-method-name": _method,
    "svg-onload-in-source-title": _title,
    "javascript-link-in-outlet": _outlet,
    "entity-encoded-script-in-term": _entity,
    "javascript-scheme-in-metric-name": _javascript,
    "data-url-in-glossary-alias": _data_url,
    "bold-handler-in-fact-label": _fact_label,
    "escape-sequence-in-campaign-name": _escape_in_name,
    "img-onerror-in-page-title": _page_title,
    "raw-dotdot": _dotdot,
    "raw-absolute": _absolute,
    "raw-inside-then-out": _inside_then_out,
    "raw-symlink-to-etc-passwd": _symlink,
    "raw-is-the-checksum-list": _checksum_list,
    "nul-in-report": _report_control("\x00", "U+0000 NUL"),
    "esc-in-report": _report_control("\x1b[2J", "U+001B ESC"),
    "nel-in-report": _report_control("\x85", "U+0085 NEL"),
    "raw-report-edited": _edited_report,
    "page-symlink-to-etc-passwd": _page_link_out,
    "data-symlink-to-etc": _data_folder_link_out,
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_kb_check_and_the_build_refuse(project: Project, case: str) -> None:
    expected = CASES[case](project)
    done = subprocess.run(
        [str(KB), "--root", str(project.path), "check"], capture_output=True, text=True
    )
    assert done.returncode == 1, done.stdout
    assert done.stderr == "\n".join(expected) + f"\n\n共 {len(expected)} 个问题。\n"
    build = project.build()  # the same functions: the same messages, exit 1, no traceback
    assert build.returncode == 1 and "Traceback" not in build.output, build.output
    assert all(message in build.output for message in expected), build.output
