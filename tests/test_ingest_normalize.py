"""Script conversion and artefact removal, on the Ningbo report and on text it was not tuned on."""

from __future__ import annotations

import re
from pathlib import Path

from campaign_kb.ingest.normalize import (
    DAMAGED,
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
