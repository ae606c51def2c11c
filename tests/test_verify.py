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
