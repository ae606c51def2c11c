"""Plain text: names, titles and labels that land in headings, tags and <title> carry no markup.

Every page escapes what it shows, but a name also passes through Markdown tables, tag lists and
the browser tab before any escaping we control, so markup is refused where it is typed: in
data/*.yml (through the `PlainText` type of models.py), in page titles and in `kb new-…`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Control characters: C0, DEL and C1 (U+0085 NEL included). Tab and newline are allowed only in
# free text (summaries, definitions, quotes), never in a name.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_SCRIPT_SCHEME = re.compile(r"(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
_SHOWN_LENGTH = 60
_CONTROL_NAMES = {0x00: "NUL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL"}
_CONTROL_NAMES |= {0x09: "TAB", 0x0A: "LF", 0x0D: "CR", 0x85: "NEL"}


@dataclass(frozen=True)
class Unsafe:
    """What makes a value unfit for a plain-text field, and how to fix it."""

    what: str
    fix: str


def control_character(value: str, *, allow_tab_and_newline: bool) -> Unsafe | None:
    """The first control character in `value`, if any (tab and newline may be allowed)."""
    pattern = _CONTROL_IN_TEXT if allow_tab_and_newline else _CONTROL
    if match := pattern.search(value):
        return Unsafe(
            f"含有控制字符（{codepoint(match.group())}）",
            "请删去这个字符（它在编辑器里通常看不见，可删去整行后重新输入）",
        )
    return None


def find_unsafe(value: str) -> Unsafe | None:
    """Why `value` cannot be a name, title or label, or None when it is plain text."""
    if unsafe := control_character(value, allow_tab_and_newline=False):
        return unsafe
    if "<" in value or ">" in value:
        return Unsafe("含有 HTML 标记（< 或 >）", "请删去尖括号")
    if match := _ENTITY.search(value):
        return Unsafe(f"含有 HTML 字符实体（{match.group()}）", f"请删去“{match.group()}”")
    if match := _SCRIPT_SCHEME.search(value):
        scheme = match.group()
        return Unsafe(f"含有脚本链接（{scheme}）", f"请删去“{scheme}”")
    return None


def codepoint(char: str) -> str:
    """U+001B ESC: how an editor can find an invisible character."""
    name = _CONTROL_NAMES.get(ord(char)) or unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def shown(value: str) -> str:
    """The value as it can be printed in a message: control characters escaped, long text cut."""
    text = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    return text if len(text) <= _SHOWN_LENGTH else text[:_SHOWN_LENGTH] + "…"


def message(label: str, value: str, unsafe: Unsafe) -> str:
    """`名称 "<b>x</b>" 含有 HTML 标记（< 或 >）— 名称只能是纯文本，请删去尖括号`."""
    return f'{label} "{shown(value)}" {unsafe.what}— {label}只能是纯文本，{unsafe.fix}'


def problem_text(label: str, value: str) -> str | None:
    """The editor-facing sentence for an unsafe plain-text value, or None when it is fine."""
    unsafe = find_unsafe(value)
    return message(label, value, unsafe) if unsafe else None
