"""Find the line of a Markdown file that produced something seen in the HTML."""

from __future__ import annotations

import re

_MACRO_CALL = re.compile(r"\{\{.*?\}\}")


def line_of(text: str, *needles: str) -> int | None:
    """1-based line of the first needle found (needles in order of preference)."""
    for needle in needles:
        if not needle:
            continue
        at = text.find(needle)
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None


def macro_lines(text: str) -> list[int]:
    """Lines that call a macro: where generated content comes from."""
    return [text.count("\n", 0, m.start()) + 1 for m in _MACRO_CALL.finditer(text)]
