"""Script conversion and artefact removal, on the Ningbo report and on text it was not tuned on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from campaign_kb.ingest.normalize import (
    DAMAGED,
    control_character_problems,
    normalize_text,
    strip_pinyin_glosses,
    traditional_only_chars,
)


def test_pinyin_glosses_go_and_real_parentheses_stay() -> None:
    text, count = strip_pinyin_glosses(
        "領(lǐng)導(dǎo)小組、區縣(市)、黨委(黨組)、液化氣(LNG)、我們(men)"
    )
    assert text == "領導小組、區縣(市)、黨委(黨組)、液化氣(LNG)、我們"
    assert count == 3


def test_unseen_traditional_text_becomes_simplified() -> None:
    # Not from any source: a made-up report in Traditional script with glosses.
    raw = "廣州市委組(zǔ)織(zhī)部開展調(diào)查研究,幹部們深入學習(xí)。"
    text, glosses = normalize_text(raw)
    assert text == "广州市委组织部开展调查研究,干部们深入学习。"
    assert glosses == 4
    assert traditional_only_chars(text) == set()


def test_ningbo_report_normalises_completely(root: Path) -> None:
    raw = (root / "data/raw/003_63d2ed913681413c.txt").read_text(encoding="utf-8")
    assert traditional_only_chars(raw), "the raw report should be Traditional"
    text, glosses = normalize_text(raw)
    assert glosses == len(re.findall(r"\([a-zü\u00e0-\u01dc]+\)", raw))
    assert not re.search(r"\([a-zü\u00e0-\u01dc]+\)", text), "a pinyin gloss survived"
    assert traditional_only_chars(text) == set()
    assert "领导" in text


def test_damaged_characters_are_found_between_han_characters() -> None:
    assert [m.group(0) for m in DAMAGED.finditer("參加指導寧??h委常委會, 問題?? ok")] == ["??h"]


FIX = "去掉它"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一行\n第二\x1b[31m行\n", ["r.txt:2: 含有控制字符（U+001B ESC）— 去掉它"]),
        ("第一行\r\n\r\n第三\x00行\r\n", ["r.txt:3: 含有控制字符（U+0000 NUL）— 去掉它"]),
        ("一\r二\x85\r三", ["r.txt:2: 含有控制字符（U+0085 NEL）— 去掉它"]),
        ("\ufeff标题\n正文\t有制表符。\n", []),
    ],
)
def test_control_characters_are_located_after_line_endings_are_normalised(text, expected):
    assert [str(p) for p in control_character_problems(text, "r.txt", FIX)] == expected


def test_many_control_characters_are_summarised():
    problems = control_character_problems("\x1b\n" * 15, "r.txt", FIX)
    assert len(problems) == 11
    assert str(problems[-1]) == "r.txt:11: 从这一行起还有 5 行含有控制字符 — 去掉它"
