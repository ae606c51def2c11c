"""The metadata box shown under a source page's title, rendered from data/sources.yml."""

from __future__ import annotations

from .catalog import Catalog
from .markup import escape_markdown
from .models import Source


def _item(label: str, value: str, inferred: str | None = None) -> str:
    line = f"    - **{label}**：{value}"
    if inferred:
        line += f" *（推断）* — 推断依据：{escape_markdown(inferred)}"
    return line


def render_source_card(source: Source, catalog: Catalog, city_link: str | None) -> str:
    """Markdown admonition; `city_link` is the city page's path relative to the source page."""
    city = catalog.cities[source.city]
    rank = city.rank.value if city.rank else "级别待核实"
    city_text = escape_markdown(f"{city.name}（{rank}）")
    if city_link:
        city_text = f"[{escape_markdown(city.name)}]({city_link})（{rank}）"
    issuer = "原文未载"
    if source.issuer:
        # one level of brackets: 某区某局主题教育领导小组（匿名；区级，推断）
        name, _, inside = source.issuer.name.partition("（")
        level = source.issuer.level.replace("（推断）", "，推断")
        extra = "；".join(x for x in (inside.rstrip("）"), level) if x)
        issuer = escape_markdown(f"{name}（{extra}）")
    items = [
        _item("城市", city_text, source.city_inferred),
        _item("发布或组织单位", issuer),
        _item(
            "所属活动", escape_markdown(catalog.campaign_label(source).replace("，批次为推断", ""))
        )
        + (
            f" *（批次为推断）* — 推断依据：{escape_markdown(source.batch_inferred)}"
            if source.batch_inferred
            else ""
        ),
        _item("时间", escape_markdown(source.shown_date), source.date_inferred),
        _item("体裁", source.genre.value),
        _item("标题", source.title_origin.value),
    ]
    if source.original_title:
        items.append(_item("原标题", escape_markdown(source.original_title)))
    if source.column:
        full = escape_markdown(f"{source.title}（{source.column}）")
        items.append(_item("原文标题行", f"{full}（括号中是报纸的栏目名，不是标题）"))
    items.append(_item("刊载", escape_markdown(source.outlet) if source.outlet else "原文未载"))
    if source.author:
        items.append(_item("作者", escape_markdown(source.author)))
    if source.anonymised:
        items.append(_item("匿名化", "原文以 \\* 隐去单位和人名，本页原样保留并标出"))
    items += [_item("编者说明", escape_markdown(note)) for note in source.notes]
    return '!!! info "来源信息"\n\n' + "\n".join(items) + "\n"


def insert_after_title(markdown: str, block: str) -> str:
    """Put `block` right under the page's `# ` title (or at the top if there is none)."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: index + 1] + ["", block] + lines[index + 1 :])
    return block + "\n" + markdown
