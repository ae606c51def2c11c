"""Recognise a report's own structure: headings, lead-in phrases, paragraphs with stable anchors."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_SENTENCE_END = "。！？!?"
# ■/□ lead a section heading in People's Daily style reports; □ also leads bylines.
_SECTION_MARK = re.compile(r"^■\s*(?P<text>.+)$")
_CHINESE_ORDINAL = re.compile(r"^[一二三四五六七八九十]{1,3}、")
# A short phrase closed by 。 that opens a paragraph, e.g. 带头扛在肩。 or 原原本本深入学。
_LEAD_IN = re.compile(rf"^(?P<lead>[{_CJK}]{{4,8}})。(?P<rest>.+)$")
_MAX_HEADING_CHARS = 40
_MAX_ORDINAL_HEADING_CHARS = 60
_BODY_MIN_CHARS = 60

BlockKind = Literal["heading", "paragraph"]


@dataclass(frozen=True)
class Block:
    """A heading (level 2 or 3) or a paragraph; paragraphs carry a content-derived anchor."""

    kind: BlockKind
    text: str
    line: int
    level: int = 0
    anchor: str = ""


# A title is a short line with no sentence in it: nothing after which a sentence ends, no
# 。 inside. Body text never is (a 300-character first paragraph is not a title).
MAX_TITLE_CHARS = 50
_NOT_TITLE_END = "。！？!?；;：:，,、…"
# A sentence ends at 。！？ (with any closing quotes or brackets after it).
_SENTENCE = re.compile(r".+?(?:[。！？!?]+[”’」』）)]*|$)")


def looks_like_title(text: str) -> bool:
    return (
        len(text) <= MAX_TITLE_CHARS
        and text[-1] not in _NOT_TITLE_END
        and "。" not in text
        and text[0] not in "（(【["
        and not re.search(r"\s>\s|>>|[|｜]|https?:|www\.", text)  # site navigation
    )


def sentences(text: str) -> list[str]:
    """A line cut after each sentence end; nothing is dropped (the parts join to the line)."""
    return [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0)]


def paragraph_anchor(text: str) -> str:
    """`p-` + 6 hex digits of the paragraph's hash: survives re-ingest and edits elsewhere."""
    return "p-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def is_body(text: str) -> bool:
    return text[-1] in _SENTENCE_END or len(text) >= _BODY_MIN_CHARS


def _heading_text(text: str) -> str | None:
    """The heading a line stands for, or None when it is running text."""
    marked = _SECTION_MARK.match(text)
    if marked:
        return marked.group("text").strip()
    if text[-1] in _SENTENCE_END + "：:；;，,）)”」" or re.search(r"[。！？]", text):
        return None
    if text[0] in "（(□—【" or re.search(r"[:：|>]", text):
        return None  # asides, bylines, datelines, "原标题:" lines
    limit = _MAX_ORDINAL_HEADING_CHARS if _CHINESE_ORDINAL.match(text) else _MAX_HEADING_CHARS
    return text if len(text) <= limit else None


def structure(lines: list[tuple[int, str]]) -> list[Block]:
    """Classify kept lines. Headings are only looked for once the body has started."""
    blocks: list[Block] = []
    in_body = False
    for line_no, text in lines:
        heading = _heading_text(text) if in_body else None
        if heading:
            blocks.append(Block("heading", heading, line_no, level=2))
            continue
        blocks.append(Block("paragraph", text, line_no))
        in_body = in_body or is_body(text)
    blocks = _split_lead_ins(blocks)
    return _with_anchors(blocks)


def _split_lead_ins(blocks: list[Block]) -> list[Block]:
    """Lead-in phrases become level-3 headings where a section has two or more of them."""
    sections: list[list[Block]] = [[]]
    for block in blocks:
        if block.kind == "heading":
            sections.append([])
        sections[-1].append(block)
    result: list[Block] = []
    for section in sections:
        leads = [b for b in section if b.kind == "paragraph" and _LEAD_IN.match(b.text)]
        for block in section:
            if len(leads) >= 2 and block in leads:
                match = _LEAD_IN.match(block.text)
                assert match is not None
                result.append(Block("heading", match.group("lead"), block.line, level=3))
                result.append(Block("paragraph", match.group("rest"), block.line))
            else:
                result.append(block)
    return result


def _with_anchors(blocks: list[Block]) -> list[Block]:
    seen: dict[str, int] = {}
    result = []
    for block in blocks:
        if block.kind != "paragraph":
            result.append(block)
            continue
        anchor = paragraph_anchor(block.text)
        seen[anchor] = seen.get(anchor, 0) + 1
        if seen[anchor] > 1:
            anchor = f"{anchor}-{seen[anchor]}"
        result.append(Block("paragraph", block.text, block.line, anchor=anchor))
    return result
