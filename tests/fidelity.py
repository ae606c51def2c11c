"""Fidelity: every sentence of a raw report must survive into the HTML of its source page."""

from __future__ import annotations

import re

from campaign_kb.ingest.normalize import normalize_text
from campaign_kb.ingest.script_fixes import ScriptFix, apply_fixes

_SENTENCE_SPLIT = re.compile(r"[。！？!?；;\n]")
_IGNORED = re.compile(r"[\s\u3000■□]")


def squash(text: str) -> str:
    """Drop whitespace and decorative bullets, which the page may lay out differently."""
    return _IGNORED.sub("", text)


def raw_sentences(
    raw: str, removed_lines: set[int], fixes: list[ScriptFix] | None = None
) -> list[str]:
    """Normalised sentences of a raw report, leaving out lines ingest removed on purpose and
    with the reviewed script fixes applied (each is listed in the page's 处理记录)."""
    text, _ = normalize_text(raw)
    kept = [
        apply_fixes(no, line, fixes or [])[0]
        for no, line in enumerate(text.split("\n"), 1)
        if no not in removed_lines
    ]
    sentences = []
    for line in kept:
        sentences += [s for s in (squash(p) for p in _SENTENCE_SPLIT.split(line)) if s]
    return sentences


def first_missing_sentence(sentences: list[str], page_text: str) -> str | None:
    """The first sentence not found in the page text, or None when all are there."""
    haystack = squash(page_text)
    return next((s for s in sentences if s not in haystack), None)
