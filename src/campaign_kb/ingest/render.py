"""Write an ingested report as a source page (Markdown with paragraph anchors and provenance)."""

from __future__ import annotations

import hashlib

from ..markup import escape_markdown
from ..models import Source
from .normalize import DAMAGED
from .pipeline import IngestResult

REDACTION = '<span class="kb-redaction" title="匿名化：原文在此隐去名称">&#42;</span>'
DAMAGED_SPAN = '<span class="kb-damaged" title="原文此处字符损坏，无法还原">{}</span>'


def render_text(text: str, source: Source) -> str:
    """Escape report text; show redaction stars and damaged characters for what they are."""
    parts = []
    last = 0
    for match in DAMAGED.finditer(text):
        parts.append(_render_plain(text[last : match.start()], source))
        parts.append(DAMAGED_SPAN.format(escape_markdown(match.group(0)).replace("?", "&#63;")))
        last = match.end()
    parts.append(_render_plain(text[last:], source))
    return "".join(parts)


def _render_plain(text: str, source: Source) -> str:
    escaped = escape_markdown(text)
    return escaped.replace("\\*", REDACTION) if source.anonymised else escaped


def render_page(source: Source, result: IngestResult, raw_bytes: bytes) -> str:
    """The complete page; deterministic, so re-ingesting the same input is byte-identical."""
    lines = [
        "---",
        f"source: {source.id}",
        "---",
        "",
        f"# {escape_markdown(source.title)}",
        "",
        f"<!-- 本页由 `kb ingest` 从 data/raw/{source.raw} 生成，请勿手工修改。"
        "要更正元数据，请改 data/sources.yml；要改清理规则，请改 data/ingest/boilerplate.yml，"
        "然后运行 make ingest。 -->",
        "",
    ]
    for block in result.blocks:
        if block.kind == "heading":
            lines += ["#" * block.level + " " + render_text(block.text, source), ""]
        else:
            # An old anchor (before a correction changed the text) stays a second id here.
            kept = "".join(
                f'<span id="{old}" class="kb-anchor-alias"></span>'
                for old, new in sorted(result.aliases.items())
                if new == block.anchor
            )
            lines += [kept + render_text(block.text, source), f"{{: #{block.anchor} }}", ""]
    lines += _provenance(source, result, raw_bytes)
    return "\n".join(lines).rstrip("\n") + "\n"


def _provenance(source: Source, result: IngestResult, raw_bytes: bytes) -> list[str]:
    digest = hashlib.sha256(raw_bytes).hexdigest()
    out = [
        "## 处理记录",
        "",
        f"- 原始文本：原样存档在本站的代码仓库里（SHA-256 `{digest[:16]}…`），原文共 "
        f"{result.line_count} 行，导入时未作改动。",
        "- 繁简转换：用 OpenCC `t2s` 统一为简体字。",
    ]
    for fix in result.fixed:
        times = f" {fix.count} 处" if fix.count > 1 else ""
        out.append(
            f"- 繁简转换的例外：原文第 {fix.line} 行“{escape_markdown(fix.find)}”改为"
            f"“{escape_markdown(fix.replace)}”{times}（{escape_markdown(fix.reason)}）。"
        )
    for old, new in sorted(result.aliases.items()):
        out.append(
            f"- 段落锚点：更正文字后，段落锚点由 `{old}` 改为 `{new}`；指向旧锚点的链接仍然"
            "有效，本站的引用已改为新锚点。"
        )
    if result.pinyin_glosses_removed:
        example = ""
        if result.gloss_example:
            line, words = result.gloss_example
            example = f"（如原文第 {line} 行的“{escape_markdown(words)}”）"
        out.append(
            f"- 拼音注音：删去汉字后的括注拼音 {result.pinyin_glosses_removed} 处{example}。"
        )
    if result.title_line:
        if source.column:
            full = escape_markdown(f"{source.title}（{source.column}）")
            out.append(
                f"- 标题：原文第 {result.title_line} 行“{full}”，括号前的部分作为本页标题；"
                "括号中是报纸的栏目名，不作标题，列在来源信息中。"
            )
        else:
            out.append(f"- 标题：原文第 {result.title_line} 行，作为本页标题。")
    else:
        out.append(
            "- 标题：本页标题为编者拟题："
            "原文没有标题行，或编者改写了标题；原文的每一行都留在正文或本记录中。"
        )
    for split in result.split:
        out.append(
            f"- 分段：原文没有分段，第 {split.line} 行（{split.chars} 字）包含全文，按句末标点"
            f"（。！？）分为 {split.parts} 段，每段一句，以便逐句引用。"
        )
    headings = [b for b in result.blocks if b.kind == "heading"]
    if headings:
        lines_of = "、".join(str(b.line) for b in headings if b.level == 2)
        lead_ins = [b for b in headings if b.level == 3]
        text = f"- 小标题：原文第 {lines_of} 行识别为小标题" if lines_of else "- 小标题："
        if lead_ins:
            text += (
                f"{'；' if lines_of else ''}原文第 {'、'.join(str(b.line) for b in lead_ins)} "
                f"行段首的短语（如“{escape_markdown(lead_ins[0].text)}。”）拆为下一级小标题"
            )
        out.append(text + "。")
    for line, text in result.damaged:
        out.append(
            f"- 字符损坏：原文第 {line} 行“{escape_markdown(text)}”无法还原，原样保留并标出。"
        )
    if source.anonymised:
        out.append(
            f"- 匿名化：原文以“\\*”隐去单位、人名等，页面原样保留并标为 {REDACTION}，"
            "不作推测性补全。"
        )
    if result.meta:
        out += [
            f"- 识别为元数据的行 {len(result.meta)} 行（电头、署名、转载信息等，不作正文，"
            "写入上方的来源信息）：",
            "",
            "| 原文行号 | 内容 | 识别为 |",
            "| ---: | --- | --- |",
        ]
        out += [f"| {m.line} | {escape_markdown(m.text)} | {m.shown} |" for m in result.meta]
        out.append("")
    if result.removed:
        out += [
            f"- 删除网页杂项 {len(result.removed)} 行：",
            "",
            "| 原文行号 | 删除的内容 | 原因 |",
            "| ---: | --- | --- |",
        ]
        out += [
            f"| {r.line} | {escape_markdown(r.text)} | {escape_markdown(r.reason)} |"
            for r in result.removed
        ]
    else:
        out.append("- 删除网页杂项：无。")
    return out + [""]
