"""Ingest pipeline: raw bytes → normalised lines → metadata lines and boilerplate set aside →
title → blocks → Markdown. Every line of the report ends up somewhere the page shows: the
title, a paragraph or heading, or a row of 处理记录 (metadata lines, removed boilerplate)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .boilerplate import BoilerplateRule, RemovedLine, first_matching
from .header import MetaLine, read_meta_line
from .normalize import DAMAGED, first_pinyin_gloss, normalize_text
from .script_fixes import FixedText, ScriptFix, apply_fixes
from .structure import Block, is_body, looks_like_title, sentences, structure


@dataclass(frozen=True)
class SplitLine:
    """A line holding a whole report without paragraph breaks, cut into its sentences."""

    line: int
    chars: int
    parts: int


@dataclass
class IngestResult:
    """Everything ingest learnt about one report; `blocks` is what the page shows."""

    blocks: list[Block]
    removed: list[RemovedLine] = field(default_factory=list)
    pinyin_glosses_removed: int = 0
    damaged: list[tuple[int, str]] = field(default_factory=list)
    title_line: int | None = None
    fixed: list[FixedText] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # old anchor → current anchor
    meta: list[MetaLine] = field(default_factory=list)
    split: list[SplitLine] = field(default_factory=list)
    title_text: str | None = None  # the title line as found (when asked to find one)
    gloss_example: tuple[int, str] | None = None  # (line, 領(lǐng)) quoted in 处理记录
    line_count: int = 0

    def paragraphs(self) -> dict[str, Block]:
        return {b.anchor: b for b in self.blocks if b.kind == "paragraph"}

    def resolve(self, anchor: str) -> str:
        """The current anchor for `anchor`, which may be an alias left by a correction."""
        return self.aliases.get(anchor, anchor)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data, for the build cache (`from_json` reads it back)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IngestResult:
        example = data["gloss_example"]
        return cls(
            blocks=[Block(**block) for block in data["blocks"]],
            removed=[RemovedLine(**line) for line in data["removed"]],
            pinyin_glosses_removed=data["pinyin_glosses_removed"],
            damaged=[(number, text) for number, text in data["damaged"]],
            title_line=data["title_line"],
            fixed=[FixedText(**fix) for fix in data["fixed"]],
            aliases=data["aliases"],
            meta=[
                MetaLine(m["line"], m["text"], tuple(tuple(f) for f in m["fields"]))
                for m in data["meta"]
            ],
            split=[SplitLine(**s) for s in data["split"]],
            title_text=data["title_text"],
            gloss_example=(example[0], example[1]) if example else None,
            line_count=data["line_count"],
        )


def count_lines(text: str) -> int:
    """Lines as an editor's text editor numbers them (a final newline starts no new line)."""
    if not text:
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def ingest_text(
    raw: str,
    rules: list[BoilerplateRule],
    title: str | None,
    fixes: list[ScriptFix] | None = None,
    aliases: dict[str, str] | None = None,
    *,
    find_title: bool = False,
) -> IngestResult:
    """Normalise and structure one report. `title`, when given, is consumed if it is the first
    line of the text; `find_title` takes the first line as the title when it looks like one
    (short, no sentence in it). `fixes` correct what t2s leaves (带著 → 带着); `aliases`
    keep old anchors valid."""
    text, glosses = normalize_text(raw)
    removed: list[RemovedLine] = []
    meta: list[MetaLine] = []
    candidates: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip().replace("\u3000", "")
        if not line:
            continue
        if found := read_meta_line(number, line, edge=False):
            meta.append(found)
        elif rule := first_matching(rules, line):
            removed.append(RemovedLine(number, line, rule.reason))
        else:
            candidates.append((number, line))
    candidates, signed = _signatures(candidates)
    meta = sorted(meta + signed, key=lambda m: m.line)

    title_line = title_text = None
    if candidates:
        number, first = candidates[0]
        if (title and first == title) or (not title and find_title and looks_like_title(first)):
            title_line, title_text = number, first
            candidates = candidates[1:]

    fixed: list[FixedText] = []
    damaged: list[tuple[int, str]] = []
    kept: list[tuple[int, str]] = []
    for number, line in candidates:
        damaged.extend((number, m.group(0)) for m in DAMAGED.finditer(line))
        line, done = apply_fixes(number, line, fixes or [])
        fixed += done
        kept.append((number, line))
    kept, split = _split_unbroken(kept)
    blocks = structure(kept)
    current = {b.anchor for b in blocks if b.kind == "paragraph"}
    live = {old: new for old, new in (aliases or {}).items() if new in current and old != new}
    return IngestResult(
        blocks,
        removed,
        glosses,
        damaged,
        title_line,
        fixed,
        live,
        meta,
        split,
        title_text,
        first_pinyin_gloss(raw) if glosses else None,
        count_lines(text),
    )


def _signatures(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[MetaLine]]:
    """An organisation's name alone on a line above the body or below it signs the report."""
    body = [i for i, (_, text) in enumerate(lines) if is_body(text)]
    if not body:
        return lines, []
    edges = set(range(body[0])) | set(range(body[-1] + 1, len(lines)))
    kept, signed = [], []
    for index, (number, text) in enumerate(lines):
        found = read_meta_line(number, text, edge=True) if index in edges else None
        if found:
            signed.append(found)
        else:
            kept.append((number, text))
    return kept, signed


def _split_unbroken(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[SplitLine]]:
    """A report whose body is one line (its line breaks lost) is cut at sentence ends, so that
    every sentence can be cited; nothing else is ever split."""
    body = [(number, text) for number, text in lines if is_body(text)]
    if len(body) != 1:
        return lines, []
    number, text = body[0]
    parts = sentences(text)
    if len(parts) < 2:
        return lines, []
    result: list[tuple[int, str]] = []
    for line_no, line in lines:
        result += [(line_no, part) for part in parts] if line_no == number else [(line_no, line)]
    return result, [SplitLine(number, len(text), len(parts))]
