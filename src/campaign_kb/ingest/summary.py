"""What `kb add-report` tells the editor, in Chinese: each metadata field with the line of the
raw report it came from, what is left 待核实 and how to fill it in, and how the text was cut."""

from __future__ import annotations

from .metadata import Reading, ReportMetadata
from .pipeline import IngestResult

# (attribute, Chinese name, field in data/sources.yml)
FIELDS = [
    ("title", "标题", "title"),
    ("original_title", "原标题", "original_title"),
    ("date", "日期", "date"),
    ("campaign", "所属活动", "campaign"),
    ("batch", "批次", "batch"),
    ("genre", "体裁", "genre"),
    ("outlet", "刊载", "outlet"),
    ("author", "作者", "author"),
    ("anonymised", "匿名稿", "anonymised"),
]
# Fields that are 待核实 when unknown (the others are simply left out).
REQUIRED = {"title", "date", "campaign", "genre"}


def _where(reading: Reading) -> str:
    parts = []
    if reading.evidence:
        parts.append(f"原文第 {reading.evidence.line} 行“{reading.evidence.words}”")
    if reading.how:
        parts.append(reading.how)
    return "；".join(parts)


def describe(
    meta: ReportMetadata, result: IngestResult, source_id: str, entry_line: int
) -> list[str]:
    """The lines printed after the files written."""
    found, unknown = [], []
    for attribute, label, key in FIELDS:
        reading: Reading = getattr(meta, attribute)
        if reading.known and reading.value:
            value = reading.value
            if attribute == "title":
                value += f"（title_origin: {meta.title_origin}）"
            where = _where(reading)
            found.append(f"  {label}（{key}）：{value}" + (f" — {where}" if where else ""))
        elif attribute in REQUIRED:
            unknown.append(f"  {label}（{key}）：待核实")
            unknown += [f"      {hint}" for hint in reading.hints]
        else:
            found += [f"  {label}（{key}）：原文未载 — {hint}" for hint in reading.hints]
    unknown += [
        "  发布或组织单位（issuer）：待核实",
        "      写原文中的发布或组织单位及其级别；原文未载就删去整个 issuer 项",
    ]
    out = [f"\n从原文读出的元数据（已写入 data/sources.yml 第 {entry_line} 行起，请逐项核对）："]
    out += found or ["  （没有读出任何一项）"]
    out += [
        "\n待核实（data/sources.yml 里写着“待核实”；填好之前 make build 和 CI 会失败，"
        "make serve 可以先预览）：",
        *unknown,
    ]
    out.append("\n" + body_summary(result))
    return out


def body_summary(result: IngestResult) -> str:
    paragraphs = sum(1 for b in result.blocks if b.kind == "paragraph")
    headings = sum(1 for b in result.blocks if b.kind == "heading")
    parts = [f"正文：{paragraphs} 段，{headings} 个小标题"]
    if result.meta:
        lines = "、".join(str(m.line) for m in result.meta)
        parts.append(f"第 {lines} 行是电头、署名或转载信息，记为元数据，不作正文")
    if result.removed:
        parts.append(f"删除网页杂项 {len(result.removed)} 行")
    text = "；".join(parts) + "（都列在来源页的“处理记录”里）。"
    for split in result.split:
        text += (
            f"\n原文没有分段：第 {split.line} 行（{split.chars} 字）按句末标点分为 "
            f"{split.parts} 段，每段一句。"
        )
    return text
