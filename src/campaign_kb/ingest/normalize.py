"""Script and artefact normalisation: Traditional → Simplified, pinyin glosses, damaged bytes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

from ..plaintext import control_character
from ..problems import Problem

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (
    r"(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu"
    r"|ua|uo|ui|ue|ve|er|a|o|e|i|u|v|ng|n|m)"
)
_PINYIN_SYLLABLE = re.compile(rf"{_INITIAL}{_FINAL}")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A parenthesised Latin word right after a Han character: the shape of a pinyin gloss such as
# 領(lǐng). Whether it really is pinyin is decided by `_is_pinyin`, so "(LNG)" or "(App)" stay.
_GLOSS = re.compile(rf"(?<=[{_CJK}])[(（]([a-z{_TONED}üv]{{1,7}}[1-5]?)[)）]")
# Runs of "?" (optionally followed by a stray Latin letter) between Han characters are what a
# lossy re-encoding leaves where characters could not be mapped, e.g. 寧??h委.
DAMAGED = re.compile(rf"(?<=[{_CJK}])\?{{2,}}[A-Za-z]?(?=[{_CJK}])")


def _strip_tones(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable.replace("ü", "v"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).rstrip("12345")


def _is_pinyin(word: str) -> bool:
    return _PINYIN_SYLLABLE.fullmatch(_strip_tones(word)) is not None


def strip_pinyin_glosses(text: str) -> tuple[str, int]:
    """Remove `(pinyin)` glosses after Han characters; return the text and how many went."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if _is_pinyin(match.group(1)):
            count += 1
            return ""
        return match.group(0)

    return _GLOSS.sub(replace, text), count


def first_pinyin_gloss(text: str) -> tuple[int, str] | None:
    """The line and words of the first pinyin gloss (領(lǐng)), for the page to quote."""
    for number, line in enumerate(normalize_line_endings(text).split("\n"), start=1):
        for match in _GLOSS.finditer(line):
            if _is_pinyin(match.group(1)):
                return number, line[match.start() - 1 : match.end()]
    return None


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional characters to Simplified with OpenCC's standard t2s profile."""
    return _t2s().convert(text)


def traditional_only_chars(text: str) -> set[str]:
    """Characters that t2s would still change: what a Simplified text must not contain."""
    converted = to_simplified(text)
    if converted == text:
        return set()
    return {a for a, b in zip(text, converted, strict=False) if a != b}


def normalize_line_endings(text: str) -> str:
    """CRLF and CR become LF; a leading byte-order mark goes."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


_SHOWN_CONTROL_LINES = 10


def control_character_problems(text: str, display: str, fix: str) -> list[Problem]:
    """One problem per line holding a control character other than tab and newline (after
    line-ending normalisation): ESC, NUL or U+0085 would reach the page and the search index."""
    text = normalize_line_endings(text)
    if not control_character(text, allow_tab_and_newline=True):
        return []  # one scan of the whole text in the usual case
    found = [
        (number, unsafe)
        for number, line in enumerate(text.split("\n"), start=1)
        if (unsafe := control_character(line, allow_tab_and_newline=True))
    ]
    problems = [Problem(display, n, f"{unsafe.what}— {fix}") for n, unsafe in found]
    if len(problems) > _SHOWN_CONTROL_LINES:
        more = len(problems) - _SHOWN_CONTROL_LINES
        problems = problems[:_SHOWN_CONTROL_LINES]
        first = found[_SHOWN_CONTROL_LINES][0]
        problems.append(Problem(display, first, f"从这一行起还有 {more} 行含有控制字符 — {fix}"))
    return problems


def normalize_text(text: str) -> tuple[str, int]:
    """The full normalisation: glosses first (they sit between Traditional characters)."""
    text = normalize_line_endings(text)
    text, glosses = strip_pinyin_glosses(text)
    return to_simplified(text), glosses
