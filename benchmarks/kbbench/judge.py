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
import yaml
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


def is_source_paragraph(url: str) -> bool:
    """A result that lands on a paragraph of a source report (not a page quoting it)."""
    parts = urlsplit(url)
    return unquote(parts.path).lstrip("/").startswith("sources/") and parts.fragment.startswith(
        "p-"
    )


@cache
def _source_paragraphs(site_dir: Path) -> tuple[str, ...]:
    """The text of every source paragraph on the built site (Simplified, without spaces)."""
    texts = []
    for file in sorted((site_dir / "sources").glob("*/index.html")):
        tree = LexborHTMLParser(file.read_text(encoding="utf-8"))
        for node in tree.css('article.md-content__inner p[id^="p-"]'):
            texts.append(simplified(node.text(separator=" ")).replace(" ", ""))
    return tuple(texts)


def source_holds(site_dir: Path, query: str) -> bool:
    """Does some source paragraph hold every word of `query`?"""
    words = [simplified(word) for word in query.split()]
    return any(all(w in text for w in words) for text in _source_paragraphs(site_dir))


def page_of(url: str) -> str:
    """A result's page as 'methods/x/' (a glossary term keeps its anchor: 'glossary/#term')."""
    parts = urlsplit(url)
    path = unquote(parts.path).lstrip("/")
    return f"{path}#{unquote(parts.fragment)}" if path == "glossary/" else path


def named_pages(root: Path) -> dict[str, set[str]]:
    """Every name in data/ (methods, cities with their full names, sources' titles, glossary
    terms with their aliases and variants) → the pages it names, read from the data files and
    the site's URL scheme, not from the search code."""

    def load(name: str) -> list[dict]:
        return yaml.safe_load((root / "data" / f"{name}.yml").read_text(encoding="utf-8")) or []

    named: dict[str, set[str]] = {}

    def add(name: str, page: str) -> None:
        named.setdefault(name, set()).add(page)

    for method in load("methods"):
        add(method["name"], f"methods/{method['id']}/")
    for city in load("cities"):
        add(city["name"], f"cities/{city['id']}/")
        add(city["full_name"], f"cities/{city['id']}/")
    for source in load("sources"):
        add(source["title"], f"sources/{source['id']}/")
    for term in load("glossary"):
        for form in (term["term"], *term.get("aliases", []), *term.get("variants", [])):
            add(form, f"glossary/#{term['id']}")
    # A Traditional or wrong form names what its Simplified form names (五級聯動: the method too).
    for name, pages in named.items():
        if simplified(name) != name and simplified(name) in named:
            pages |= named[simplified(name)]
    return named
