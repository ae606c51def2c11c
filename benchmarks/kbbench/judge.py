"""Judge a search result by what the reader sees where it lands, read from the built HTML.

Deliberately independent of campaign_kb.search.records: the landing text is the element the
anchor names (a paragraph, a table row) or, for a heading, everything up to the next heading
of the same or a higher level.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import opencc
from selectolax.lexbor import LexborHTMLParser, LexborNode

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    return _converter().convert(text)


def landing_text(site_dir: Path, url: str) -> str:
    parts = urlsplit(url)
    path = unquote(parts.path).lstrip("/")
    file = site_dir / path / "index.html" if not path.endswith(".html") else site_dir / path
    return _landing(file, unquote(parts.fragment))


@cache
def _landing(file: Path, anchor: str) -> str:
    tree = LexborHTMLParser(file.read_text(encoding="utf-8"))
    article = tree.css_first("article.md-content__inner")
    if article is None:
        return ""
    if not anchor:
        return article.text(separator=" ")
    target = article.css_first(f'[id="{anchor}"]')
    if target is None:
        return ""
    if target.tag in _HEADINGS:
        return _section_text(target)
    row = _ancestor(target, "tr")
    if row is not None:
        return row.text(separator=" ")
    return target.text(separator=" ")


def _ancestor(node: LexborNode, tag: str) -> LexborNode | None:
    while node is not None and node.tag != tag:
        node = node.parent
    return node


def _section_text(heading: LexborNode) -> str:
    level = int(heading.tag[1])
    texts = [heading.text(separator=" ")]
    node = heading.next
    while node is not None:
        if node.tag in _HEADINGS and int(node.tag[1]) <= level:
            break
        if node.tag != "-text" or node.text().strip():
            texts.append(node.text(separator=" "))
        node = node.next
    return " ".join(texts)


def is_hit(site_dir: Path, url: str, query: str) -> bool:
    """Does the section `url` lands on hold every word of `query`?"""
    text = simplified(landing_text(site_dir, url)).replace(" ", "")
    return all(simplified(word) in text for word in query.split())
