"""Reviewed exceptions to OpenCC t2s (e.g. 带著 → 带着) and paragraph-anchor aliases, both
kept as data under data/ingest/ so every change to a report's text is reviewable."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from ..problems import DataError, Problem
from ..yamlio import load_yaml

FIXES_FILE = "data/ingest/script_fixes.yml"
ALIASES_FILE = "data/ingest/anchor_aliases.yml"
_ANCHOR = re.compile(r"^p-[0-9a-f]{6}(?:-\d+)?$")


class ScriptFix(BaseModel):
    """Replace `find` by `replace` after t2s, everywhere it occurs; `find` should be long
    enough (带著, not 著) that it cannot hit a correct use (著作)."""

    model_config = ConfigDict(extra="forbid")

    find: str
    replace: str
    reason: str

    @model_validator(mode="after")
    def _a_real_fix(self) -> ScriptFix:
        if not self.find or self.find == self.replace:
            raise ValueError("`find` and `replace` must differ")
        if len(self.find) < 2:
            raise ValueError("`find` needs context (at least two characters, e.g. 带著)")
        return self


@dataclass(frozen=True)
class FixedText:
    line: int
    find: str
    replace: str
    reason: str
    count: int


def load_fixes(root: Path) -> list[ScriptFix]:
    path = root / FIXES_FILE
    if not path.exists():
        return []
    loaded = load_yaml(path, FIXES_FILE)
    if loaded.data is None:
        return []
    if not isinstance(loaded.data, list):
        raise DataError([Problem(FIXES_FILE, 1, "应是一个列表（每项以 `- find: …` 开头）")])
    fixes, problems = [], []
    for index, item in enumerate(loaded.data):
        try:
            fixes.append(ScriptFix.model_validate(item))
        except ValueError as err:
            problems.append(Problem(FIXES_FILE, loaded.line_of((index,)), f"有误的规则：{err}"))
    if problems:
        raise DataError(problems)
    return fixes


def apply_fixes(line_no: int, text: str, fixes: list[ScriptFix]) -> tuple[str, list[FixedText]]:
    done = []
    for fix in fixes:
        count = text.count(fix.find)
        if count:
            text = text.replace(fix.find, fix.replace)
            done.append(FixedText(line_no, fix.find, fix.replace, fix.reason, count))
    return text, done


class _Aliases(BaseModel):
    model_config = ConfigDict(extra="forbid")

    aliases: dict[str, dict[str, str]] = {}

    @field_validator("aliases")
    @classmethod
    def _anchors(cls, value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for by_old in value.values():
            for old, new in by_old.items():
                if not (_ANCHOR.match(old) and _ANCHOR.match(new)):
                    raise ValueError(f"'{old}: {new}' — both must be anchors like p-3fa2c1")
        return value


def load_aliases(root: Path) -> dict[str, dict[str, str]]:
    """source id → old anchor → current anchor."""
    path = root / ALIASES_FILE
    if not path.exists():
        return {}
    loaded = load_yaml(path, ALIASES_FILE)
    try:
        return _Aliases.model_validate({"aliases": loaded.data or {}}).aliases
    except ValueError as err:
        raise DataError([Problem(ALIASES_FILE, 1, f"有误：{err}")]) from None


def write_aliases(root: Path, aliases: dict[str, dict[str, str]]) -> None:
    lines = [
        "# Old paragraph anchors that still work: source id → old anchor → current anchor.",
        "# Written by `kb ingest` when a correction (e.g. data/ingest/script_fixes.yml) changes a",
        "# paragraph's text and so its anchor; the old id stays on the paragraph so links survive.",
    ]
    for source_id in sorted(aliases):
        if not aliases[source_id]:
            continue
        lines.append(f"{source_id}:")
        lines += [f"  {old}: {new}" for old, new in sorted(aliases[source_id].items())]
    (root / ALIASES_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
