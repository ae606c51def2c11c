"""Ingest pipeline: raw bytes → normalised lines → boilerplate removed → blocks → Markdown."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .boilerplate import BoilerplateRule, RemovedLine, first_matching
from .normalize import DAMAGED, normalize_text
from .script_fixes import FixedText, ScriptFix, apply_fixes
from .structure import Block, structure


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
        return cls(
            blocks=[Block(**block) for block in data["blocks"]],
            removed=[RemovedLine(**line) for line in data["removed"]],
            pinyin_glosses_removed=data["pinyin_glosses_removed"],
            damaged=[(number, text) for number, text in data["damaged"]],
            title_line=data["title_line"],
            fixed=[FixedText(**fix) for fix in data["fixed"]],
            aliases=data["aliases"],
        )


def ingest_text(
    raw: str,
    rules: list[BoilerplateRule],
    title: str | None,
    fixes: list[ScriptFix] | None = None,
    aliases: dict[str, str] | None = None,
) -> IngestResult:
    """Normalise and structure one report; `title`, when given, is consumed if the text has it.
    `fixes` correct what t2s leaves (带著 → 带着); `aliases` keep old anchors valid."""
    text, glosses = normalize_text(raw)
    fixed: list[FixedText] = []
    kept: list[tuple[int, str]] = []
    removed: list[RemovedLine] = []
    damaged: list[tuple[int, str]] = []
    title_line = None
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip().replace("\u3000", "")
        if not line:
            continue
        rule = first_matching(rules, line)
        if rule:
            removed.append(RemovedLine(number, line, rule.reason))
            continue
        if title and title_line is None and not kept and line == title:
            title_line = number
            continue
        damaged.extend((number, m.group(0)) for m in DAMAGED.finditer(line))
        line, done = apply_fixes(number, line, fixes or [])
        fixed += done
        kept.append((number, line))
    blocks = structure(kept)
    current = {b.anchor for b in blocks if b.kind == "paragraph"}
    live = {old: new for old, new in (aliases or {}).items() if new in current and old != new}
    return IngestResult(blocks, removed, glosses, damaged, title_line, fixed, live)
