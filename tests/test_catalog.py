"""Schema errors in data/*.yml: one located, plain-words message per kind of mistake."""

from __future__ import annotations

import pytest
from conftest import Project

from campaign_kb.catalog import load_catalog
from campaign_kb.problems import DataError


def problems_of(project: Project) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_catalog(project.path)
    return [str(p) for p in caught.value.problems]


def test_real_data_loads_without_problems(root) -> None:
    catalog = load_catalog(root)
    assert len(catalog.facts) >= 60 and len(catalog.methods) >= 12


def test_unknown_city(project: Project) -> None:
    line = project.edit("data/facts.yml", "  city: chengdu\n", "  city: chongqin\n")
    assert problems_of(project) == [
        f"data/facts.yml:{line}: unknown city 'chongqin' (known: chengdu, chongqing, ningbo)"
    ]


def test_unknown_method(project: Project) -> None:
    line = project.edit("data/practices.yml", "  method: hong-hei-bang\n", "  method: hong-hei\n")
    [message] = problems_of(project)
    assert message.startswith(f"data/practices.yml:{line}: unknown method 'hong-hei' (known: ")


def test_unknown_source(project: Project) -> None:
    line = project.edit(
        "data/facts.yml", "  source: chengdu-2023-you-li-you-xu\n", "  source: chengdu-2023\n"
    )
    [message] = problems_of(project)
    assert message.startswith(f"data/facts.yml:{line}: unknown source 'chengdu-2023' (known: ")


def test_duplicate_id(project: Project) -> None:
    project.edit("data/cities.yml", "- id: ningbo\n", "- id: chengdu\n")
    [message] = problems_of(project)
    assert message == (
        "data/cities.yml:11: duplicate id 'chengdu' — already used at line 7; "
        "give this entry its own id"
    )


def test_malformed_yaml(project: Project) -> None:
    line = project.edit("data/methods.yml", "  aspect: 学习\n", "  aspect: [学习\n")
    [message] = problems_of(project)
    assert message.startswith(f"data/methods.yml:{line + 1}: YAML syntax error:")
    assert "check indentation, colons and quotes" in message


def test_wrong_type(project: Project) -> None:
    line = project.edit("data/campaigns.yml", "  year: 2019\n", "  year: 二〇一九\n")
    assert problems_of(project) == [
        f"data/campaigns.yml:{line}: 'year' should be a whole number, got '二〇一九'"
    ]


def test_missing_field(project: Project) -> None:
    line = project.edit("data/cities.yml", "  full_name: 宁波市\n", "")
    assert problems_of(project) == [
        f"data/cities.yml:{line - 2}: missing field 'full_name' — add a line `full_name: …`"
    ]


def test_unknown_field_is_a_typo(project: Project) -> None:
    line = project.edit("data/cities.yml", "  full_name: 宁波市\n", "  fullname: 宁波市\n")
    messages = problems_of(project)
    assert (
        f"data/cities.yml:{line}: unknown field 'fullname' — check the spelling; "
        "allowed fields: id, name, full_name, rank" in messages
    )


def test_wrong_enum_value(project: Project) -> None:
    line = project.edit("data/methods.yml", "  aspect: 学习\n", "  aspect: 理论学习\n")
    [message] = problems_of(project)
    assert message.startswith(f"data/methods.yml:{line}: '理论学习' is not allowed for 'aspect'")
    assert "'学习'" in message


def test_bad_paragraph_anchor_format(project: Project) -> None:
    line = project.edit("data/facts.yml", "  paragraph: p-", "  paragraph: 第3段-")
    [message] = problems_of(project)
    assert message.startswith(f"data/facts.yml:{line}: '第3段-")
    assert "copy the anchor from the ¶ link" in message


def test_non_utf8_data_file(project: Project) -> None:
    text = (project.path / "data/cities.yml").read_text(encoding="utf-8")
    (project.path / "data/cities.yml").write_bytes(text.encode("gbk"))
    [message] = problems_of(project)
    assert message.startswith("data/cities.yml:")
    assert "file is not UTF-8 text — save it as UTF-8" in message


def test_all_problems_are_reported_together(project: Project) -> None:
    project.edit("data/cities.yml", "  full_name: 宁波市\n", "")
    project.edit("data/campaigns.yml", "  year: 2019\n", "  year: x\n")
    assert len(problems_of(project)) == 2
