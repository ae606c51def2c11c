"""The index's view of text: every ideograph is a word, and so is every run of digits or letters.

Indexing single characters (and searching phrases of them) finds any substring a reader types,
whatever a segmenter would have made of the sentence. The browser splits queries the same way
(`kb-search.js`), with the same generated character map, so 3.34万 is `3 34 万` on both sides.
"""

from __future__ import annotations

import re

from .lexicon import fold

_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[0-9]+|[a-z]+")


def index_tokens(text: str) -> str:
    """'落实五级联动，覆盖4933个' → '落 实 五 级 联 动 覆 盖 4933 个'."""
    return " ".join(_TOKEN.findall(fold(text)))
