"""Plain-text fields: markup, entities, script links and control characters are refused."""

from __future__ import annotations

import pytest
from conftest import Project

from campaign_kb import plaintext
from campaign_kb.catalog import load_catalog
from campaign_kb.models import City, Fact, GlossaryTerm
from campaign_kb.problems import DataError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<b>x</b>", '名称 "<b>x</b>" 含有 HTML 标记（< 或 >）— 名称只能是纯文本，请删去尖括号'),
        ("重庆>", '名称 "重庆>" 含有 HTML 标记（< 或 >）— 名称只能是纯文本，请删去尖括号'),
        (
            "&lt;script&gt;",
            '名称 "&lt;script&gt;" 含有 HTML 字符实体（&lt;）— 名称只能是纯文本，请删去“&lt;”',
        ),
        ("&#60;b", '名称 "&#60;b" 含有 HTML 字符实体（&#60;）— 名称只能是纯文本，请删去“&#60;”'),
        (
            "JavaScript:alert(1)",
            '名称 "JavaScript:alert(1)" 含有脚本链接（JavaScript:）— 名称只能是纯文本，'
            "请删去“JavaScript:”",
        ),
        (
            "重庆\x1b[31m",
            '名称 "重庆\\u001b[31m" 含有控制字符（U+001B ESC）— 名称只能是纯文本，'
            "请删去这个字符（它在编辑器里通常看不见，可删去整行后重新输入）",
        ),
        (
            "重\x00庆",
            '名称 "重\\u0000庆" 含有控制字符（U+0000 NUL）— 名称只能是纯文本，'
            "请删去这个字符（它在编辑器里通常看不见，可删去整行后重新输入）",
        ),
        (
            "重\x85庆",
            '名称 "重\\u0085庆" 含有控制字符（U+0085 NEL）— 名称只能是纯文本，'
            "请删去这个字符（它在编辑器里通常看不见，可删去整行后重新输入）",
        ),
    ],
)
def test_unsafe_names_are_explained(value: str, expected: str) -> None:
    assert plaintext.problem_text("名称", value) == expected


@pytest.mark.parametrize("value", ["重庆", "“四下基层”", "A&B 党支部", "1—2", "data 数据", "-"])
def test_plain_names_pass(value: str) -> None:
    assert plaintext.problem_text("名称", value) is None


def test_long_values_are_cut_in_messages() -> None:
    message = plaintext.problem_text("标题", "<" + "长" * 100)
    assert message is not None and '"<' + "长" * 59 + '…"' in message


def test_models_use_the_plain_text_type() -> None:
    with pytest.raises(ValueError, match="含有 HTML 标记"):
        City(id="x", name="<i>x</i>", full_name="x市")
    with pytest.raises(ValueError, match="含有 HTML 标记"):
        GlossaryTerm(id="x", term="x", definition="d", variants=["<x"])
    with pytest.raises(ValueError, match="含有控制字符"):
        Fact(
            id="x", city="c", source="s", paragraph="p-000000", label="l", amount="1",
            unit="个\x07", quote="1",
        )  # fmt: skip


def test_free_text_may_hold_angle_brackets_but_no_control_characters() -> None:
    GlossaryTerm(id="x", term="x", definition="低于<5%的比例\n第二行\t")
    with pytest.raises(ValueError, match="含有控制字符"):
        GlossaryTerm(id="x", term="x", definition="a\x1bb")


def test_catalog_locates_markup_in_a_source_issuer(project: Project) -> None:
    line = project.edit(
        "data/sources.yml", "    name: 中共成都市委\n", "    name: 中共<i>成都</i>市委\n"
    )
    with pytest.raises(DataError) as caught:
        load_catalog(project.path)
    assert [str(p) for p in caught.value.problems] == [
        f'data/sources.yml:{line}: 发布单位 "中共<i>成都</i>市委" 含有 HTML 标记（< 或 >）'
        "— 发布单位只能是纯文本，请删去尖括号"
    ]


def test_page_titles_are_plain_text(root) -> None:
    from campaign_kb.checks.page_source import check_front_matter
    from campaign_kb.front_matter import parse_page

    text = '---\ntitle: "<img src=x onerror=alert(1)>"\ndescription: 概述&amp;\n---\n\n正文\n'
    page = parse_page(text)
    assert [str(p) for p in check_front_matter("about.md", page, load_catalog(root))] == [
        'docs/about.md:2: 标题 "<img src=x onerror=alert(1)>" 含有 HTML 标记（< 或 >）'
        "— 标题只能是纯文本，请删去尖括号",
        'docs/about.md:3: 摘要 "概述&amp;" 含有 HTML 字符实体（&amp;）— 摘要只能是纯文本，'
        "请删去“&amp;”",
    ]
