"""How text becomes index words: characters, digit and letter runs, and dictionary words whole."""

from __future__ import annotations

import random

import pytest

from campaign_kb.search.lexicon import fold
from campaign_kb.search.tokens import TermFinder, folded_tokens, term_token

WORDS = ["成都", "成都市", "五级联动", "五级联动学", "红黑榜", "黑榜单", "调研", "调研红线"]


def _occurrences(text: str, word: str) -> int:
    """Every start position of `word`, overlapping ones too."""
    return sum(1 for i in range(len(text)) if text.startswith(word, i))


@pytest.mark.parametrize("seed", range(20))
def test_each_word_is_found_as_often_as_it_occurs(seed):
    pieces = WORDS + ["，", "的", "市", "红", "黑", "榜单", "动学", "a1"]
    rng = random.Random(seed)
    text = "".join(rng.choice(pieces) for _ in range(60))
    found = TermFinder(WORDS).find(text)
    for word in WORDS:
        assert found.count(word) == _occurrences(text, word), (word, text)


def test_nested_and_overlapping_words():
    finder = TermFinder(WORDS)
    assert sorted(finder.find("成都市")) == ["成都", "成都市"]
    assert sorted(finder.find("红黑榜单")) == ["红黑榜", "黑榜单"]  # overlapping, not nested
    assert finder.find("五级，联动") == []  # a word broken by punctuation is not that word


def test_only_words_of_ideographs_are_indexed_whole():
    finder = TermFinder(["12345热线", "e党建", "主题教育"])
    assert finder.words == ["主题教育"]
    assert TermFinder([]).index_words("主题教育") == ""


def test_index_words_are_latin_letters_that_pagefind_keeps_whole():
    finder = TermFinder(WORDS)
    tokens = finder.index_words("成都市的调研红线").split()
    assert tokens == [term_token(w) for w in ["成都", "成都市", "调研", "调研红线"]]
    for word in WORDS:
        token = term_token(word)
        # letters only (Pagefind splits letters from digits) and no English ending to stem
        assert token.isascii() and token.isalpha() and token.islower() and token.endswith("q")
    assert len({term_token(w) for w in WORDS}) == len(WORDS)


def test_characters_and_runs():
    assert folded_tokens(fold("落实五级联动，覆盖4933个")) == "落 实 五 级 联 动 覆 盖 4933 个"
    assert folded_tokens(fold("3.34萬 ABC123")) == "3 34 万 abc 123"
