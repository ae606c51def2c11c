"""What the browser needs to read a query like the index: a word list and a t2s character map.

Both are generated at build time, so nothing here is a hand-kept list: the words come from the
glossary, method and city names in `data/`, and the character map from OpenCC's t2s table.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import opencc

from ..catalog import Catalog

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
    converter = _t2s()
    normalised = {converter.convert(normalise(w)) for w in words}
    return sorted(w for w in normalised if len(w) > 1)


def synonyms(catalog: Catalog) -> dict[str, str]:
    """Known wrong forms of a glossary term → the term, so 红黑帮 also finds 红黑榜."""
    converter = _t2s()
    return {
        converter.convert(normalise(variant)): converter.convert(normalise(term.term))
        for term in catalog.glossary.values()
        for variant in term.variants
    }


def normalise(text: str) -> str:
    """Full-width to half-width and lower case, the same on index and query side."""
    return unicodedata.normalize("NFKC", text).lower()


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def t2s_characters() -> dict[str, str]:
    """Traditional → Simplified for every single ideograph OpenCC converts on its own."""
    converter = _t2s()
    table: dict[str, str] = {}
    for low, high in _IDEOGRAPH_RANGES:
        chars = [chr(c) for c in range(low, high + 1)]
        # One character per line, so OpenCC cannot read two neighbours as a phrase.
        converted = converter.convert("\n".join(chars)).split("\n")
        table.update((a, b) for a, b in zip(chars, converted, strict=True) if a != b and b)
    return table
