"""Metadata still marked 待核实: what `kb add-report` could not read off a report. One problem
per field, at its line in data/sources.yml, saying what to write there. The build fails on
them; under `mkdocs serve` they are the preview's banner, so the page can still be looked at."""

from __future__ import annotations

from ..catalog import Catalog
from ..models import UNKNOWN, Genre, Source
from ..problems import Problem

_GENRES = "、".join(g.value for g in Genre if g is not Genre.UNKNOWN)

# field path → (the field's Chinese name, how to fill it in)
FIELDS: dict[tuple[str, ...], tuple[str, str]] = {
    ("title",): (
        "标题",
        "原文有标题行就照抄那一行并写 title_origin: 原题；原文没有标题时自拟一个，"
        "写 title_origin: 编者拟题，并在 notes 里说明据哪一句拟定",
    ),
    ("date",): (
        "日期",
        "写原文给出的日期（如 2023-05-23、2023-05 或 2023）；原文没有写明时，按文中的线索"
        "推断，并用 date_inferred 写明依据（kb add-report 的输出列出了文中的日期）",
    ),
    ("campaign",): (
        "所属活动",
        "写 data/campaigns.yml 里的活动编号；不是主题教育材料写 none，并用 campaign_note 说明",
    ),
    ("genre",): ("体裁", f"写 {_GENRES} 之一"),
    ("issuer", "name"): (
        "发布或组织单位",
        "写原文中的发布或组织单位（如 中共杭州市委）；原文未载就删去整个 issuer 项",
    ),
    ("issuer", "level"): ("发布单位的级别", "写 市级、区级 等；原文未载就删去整个 issuer 项"),
}


def unverified_fields(source: Source) -> list[tuple[str, ...]]:
    """The field paths of `source` whose value is still 待核实."""
    found = []
    for path in FIELDS:
        value: object = source
        for name in path:
            value = getattr(value, name, None)
        if value == UNKNOWN:
            found.append(path)
    return found


def check_unverified(catalog: Catalog) -> list[Problem]:
    problems = []
    for source in catalog.sources.values():
        for path in unverified_fields(source):
            label, how = FIELDS[path]
            field = ".".join(path)
            problems.append(
                catalog.problem(
                    "sources",
                    source.id,
                    f"来源 {source.id} 的{label}（{field}）待核实 — 核对原文后在这一行填写："
                    f"{how}。发布前必须填好；make serve 可以先预览",
                    *path,
                )
            )
    return problems
