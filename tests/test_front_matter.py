"""A page's front matter is read exactly as MkDocs reads it, so `kb check` and the build agree."""

from __future__ import annotations

import pytest
from mkdocs.utils.meta import get_data

from campaign_kb.front_matter import parse_page

CASES = [
    "---\ncity: chengdu\n---\n\n# 成都\n",
    "---\ncity: chengdu\n...\n正文\n",
    "---\ntitle: [未闭合\n---\n正文\n",  # broken YAML: MkDocs keeps the whole text
    "---\n- a\n- b\n---\n正文\n",  # YAML that is not a mapping
    "---\n---\n正文\n",
    "---\n\n---\n正文\n",
    "Title: 说明\nSummary: 两行\n    续行\n\n正文\n",  # MultiMarkdown metadata
    "Note: 这一行会被 MkDocs 当作元数据\n正文\n",
    "# 只有正文\n\n没有元数据。\n",
    "",
    "---\ncity: chengdu\n---",  # no newline after the closing line: not front matter
]


@pytest.mark.parametrize("text", CASES)
def test_parse_page_agrees_with_mkdocs(text: str) -> None:
    body, meta = get_data(text)
    page = parse_page(text)
    assert (page.body, page.meta) == (body, meta)


def test_broken_yaml_is_told_apart_from_no_front_matter() -> None:
    assert parse_page("---\ntitle: [未闭合\n---\n正文\n").broken_yaml
    assert not parse_page("---\ncity: chengdu\n---\n正文\n").broken_yaml
    assert not parse_page("正文\n").broken_yaml


def test_body_line_is_the_line_of_the_file_where_the_body_starts() -> None:
    page = parse_page("---\ncity: chengdu\nrender_macros: true\n---\n\n\n# 成都\n")
    assert page.body == "# 成都\n" and page.body_line == 7
