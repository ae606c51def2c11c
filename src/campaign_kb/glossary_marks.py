"""Links on the first use of each glossary term, found inside running Chinese text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .catalog import Catalog
from .markup import escape_html
from .models import GlossaryTerm

# Elements whose text must not be wrapped: links, headings, code, and our own markers.
_SKIP = ("a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "abbr", "th")
_SKIP_TAG = re.compile(r"</?\s*(?i:" + "|".join(_SKIP) + r")(?=[\s/>])[^>]*>")


@dataclass(frozen=True)
class TermMatcher:
    """Longest-first alternation of every term form, for marking and usage counts."""

    pattern: re.Pattern[str]
    by_form: dict[str, GlossaryTerm]
    variants: dict[str, GlossaryTerm]

    @classmethod
    def build(cls, catalog: Catalog) -> TermMatcher:
        by_form = {form: t for t in catalog.glossary.values() for form in t.forms}
        variants = {v: t for t in catalog.glossary.values() for v in t.variants}
        forms = sorted(by_form, key=len, reverse=True) or ["(?!x)x"]
        return cls(re.compile("|".join(map(re.escape, forms))), by_form, variants)


def mark_first_uses(html: str, matcher: TermMatcher, glossary_url: str) -> tuple[str, set[str]]:
    """Wrap the first use of each term in a link with a tooltip; return the ids of terms used.

    Plain substring matching (no word boundaries), so 主题教育 is found inside 开展主题教育以来.
    """
    # Two regex scans (tags that open or close a skipped element; terms), merged by position:
    # much faster than walking every tag in Python.
    skips = _SKIP_TAG.finditer(html)
    skip = next(skips, None)
    used: set[str] = set()
    marked: set[str] = set()  # linked already: only the first use in running text is
    depth = 0  # how many skipped elements (links, headings, code…) we are inside
    out: list[str] = []
    done = 0  # html[:done] is in `out`
    for match in matcher.pattern.finditer(html):
        form = match.group()
        term = matcher.by_form[form]
        if term.id in marked:  # linked and counted already: nothing left to learn here
            continue
        start = match.start()
        while skip is not None and skip.start() < start:
            tag = skip[0]
            if not tag.endswith("/>"):
                depth = max(depth + (-1 if tag.startswith("</") else 1), 0)
            skip = next(skips, None)
        if html.rfind("<", 0, start) > html.rfind(">", 0, start):
            continue  # inside a tag: an attribute value, not text
        used.add(term.id)
        if depth == 0:
            out += html[done:start], _term_link(term, form, glossary_url)
            done = match.end()
            marked.add(term.id)
    out.append(html[done:])
    return "".join(out), used


def _term_link(term: GlossaryTerm, form: str, glossary_url: str) -> str:
    return (
        f'<a class="kb-term" href="{glossary_url}#{term.id}" '
        f'title="{escape_html(term.definition)}">{form}</a>'
    )
