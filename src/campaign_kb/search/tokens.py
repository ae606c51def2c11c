"""The index's view of text: every ideograph is a word, and so is every run of digits or letters.

Indexing single characters (and searching phrases of them) finds any substring a reader types,
whatever a segmenter would have made of the sentence. The browser splits queries the same way
(`kb-search-worker.js`), with the same generated character map, so 3.34万 is `3 34 万` on both
sides.

Dictionary words (glossary terms, methods, cities) are indexed a second time as whole words
(`TermFinder`): the browser looks such a word up once instead of as a phrase of characters,
and Pagefind then loads one part of the index instead of one per character. Each is indexed
under a made-up Latin word (`term_token`): Pagefind's browser code splits Chinese queries with
the browser's own word breaker when it reads the page as Chinese (宁波市 → 宁波 市), so it could
not be trusted to look up the Chinese word whole; a Latin word is one word whatever language
Pagefind assumes. The lexicon tells the browser which word stands for which term.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import cached_property

from ..cache import content_key

_IDEOGRAPH = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_IDEOGRAPH}]|[0-9]+|[a-z]+")
_IDEOGRAPHS = re.compile(rf"[{_IDEOGRAPH}]+")


def folded_tokens(folded: str) -> str:
    """Folded text (`lexicon.fold`) as index words:
    '落实五级联动,覆盖4933个' → '落 实 五 级 联 动 覆 盖 4933 个'."""
    return " ".join(_TOKEN.findall(folded))


class TermFinder:
    """Every occurrence of the dictionary words in folded text, nested ones included (成都 in
    成都市), so each page's count of a word is the count a substring search gives."""

    def __init__(self, words: Iterable[str]) -> None:
        # Words of ideographs only: a whole word is one token of the index, like a character.
        self.words = sorted({w for w in words if _IDEOGRAPHS.fullmatch(w)})
        self.tokens = {w: term_token(w) for w in self.words}
        if len(set(self.tokens.values())) < len(self.tokens):  # 40 bits: not in practice
            raise ValueError("two dictionary words were given the same index word")
        self._prefixes = {w: [p for p in self.words if w.startswith(p)] for w in self.words}
        if self.words:
            starts = "".join(sorted({re.escape(w[0]) for w in self.words}))
            # Longest word at each position (a trie, so each character is tried once), looked
            # for only where a word can start; the shorter words there are its prefixes.
            self._pattern = re.compile(f"(?=[{starts}])(?=({_trie(self.words)}))")

    @cached_property
    def key(self) -> str:
        """A hash of the words: what a page's index words depend on."""
        return content_key(*self.words)

    def find(self, folded: str) -> list[str]:
        """'成都市成都' → ['成都', '成都市', '成都'] (with both words in the dictionary)."""
        if not self.words:
            return []
        return [w for longest in self._pattern.findall(folded) for w in self._prefixes[longest]]

    def index_words(self, folded: str) -> str:
        """The index words of every dictionary word in `folded`, one per occurrence."""
        return " ".join(self.tokens[w] for w in self.find(folded))


def term_token(word: str) -> str:
    """'五级联动' → 'kb' + ten letters + 'q': lower-case letters only, so Pagefind neither splits
    it (it splits letters from digits) nor stems it (no English word ends in q)."""
    digest = hashlib.sha1(word.encode("utf-8")).hexdigest()[:10]
    return "kb" + digest.translate(_HEX_TO_LETTERS) + "q"


_HEX_TO_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def _trie(words: list[str]) -> str:
    """A regular expression matching the longest of `words` at a position."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(c) + pattern(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(root)
