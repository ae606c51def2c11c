"""What the browser needs to read a query like the index: a word list and a t2s character map.

Both are generated at build time, so nothing here is a hand-kept list: the words come from the
glossary, method and city names in `data/`, and the character map from OpenCC's t2s table.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..catalog import Catalog
from ..ingest.normalize import to_simplified

# CJK Unified Ideographs, Extension A and the compatibility block: what a reader can type.
_IDEOGRAPH_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def dictionary_words(catalog: Catalog) -> list[str]:
    """Words the query segmenter keeps whole: glossary terms and their forms, methods, cities."""
    words: set[str] = set()
    for term in catalog.glossary.values():
        words.update([term.term, *term.aliases, *term.variants])
    for method in catalog.methods.values():
        words.add(method.name)
    for city in catalog.cities.values():
        words.update([city.name, city.full_name])
    return sorted({fold(w) for w in words if len(fold(w)) > 1})


def synonyms(catalog: Catalog) -> dict[str, str]:
    """Known wrong forms of a glossary term → the term, so 红黑帮 also finds 红黑榜. A form that
    folds to the term itself (a Traditional spelling) is left out: the browser would search the
    same phrase twice and count every match twice."""
    pairs = ((fold(v), fold(t.term)) for t in catalog.glossary.values() for v in t.variants)
    return {wrong: right for wrong, right in pairs if wrong != right}


def fold(text: str) -> str:
    """Text as index and queries see it: NFKC, lower case, t2s character by character (exactly
    what the browser does with the generated map, so dictionary words match typed queries).
    A regular expression finds the few characters that change; `str.translate` would look up
    every character and took 0.7 s of the 1,000-report benchmark's build."""
    table = _folding_table()
    return _folded_characters().sub(lambda found: table[ord(found.group())], text)


@cache
def _folded_characters() -> re.Pattern[str]:
    changed = "".join(re.escape(chr(code)) for code in sorted(_folding_table()))
    return re.compile(f"[{changed}]")


@cache
def _folding_table() -> dict[int, str]:
    """NFKC, lower case and t2s for every BMP character, as one `str.translate` table."""
    t2s = t2s_characters()
    table: dict[int, str] = {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        folded = "".join(t2s.get(c, c) for c in unicodedata.normalize("NFKC", char).lower())
        if folded != char:
            table[code] = folded
    return table


@cache
def t2s_characters() -> dict[str, str]:
    """Traditional → Simplified for every single ideograph OpenCC converts on its own."""
    table: dict[str, str] = {}
    for low, high in _IDEOGRAPH_RANGES:
        chars = [chr(c) for c in range(low, high + 1)]
        # One character per line, so OpenCC cannot read two neighbours as a phrase.
        converted = to_simplified("\n".join(chars)).split("\n")
        table.update((a, b) for a, b in zip(chars, converted, strict=True) if a != b and b)
    return table
