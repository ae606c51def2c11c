"""Hand-written text that lists cities goes stale when a city is added (“重庆、成都、宁波各自
怎么做”). The rule, simple enough to explain: a line of a hand-written page (a paragraph, a list
item or a table row: pages are written one paragraph to a line) that names two or more of the
knowledge base's cities is a city list; if a city that has practices is not in it, the editor
is told to look at that line. On a method page only the cities with a practice of that method
count; on a city page, the page's own city does not.

It is advice (the build does not fail): some paragraphs compare two cities on purpose."""

from __future__ import annotations

import re

from ..catalog import Catalog
from ..front_matter import PageSource
from ..problems import Problem

_LINE = re.compile(r"[^\n]+")
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def _expected(page: PageSource, catalog: Catalog) -> set[str]:
    """The cities (ids) a list on this page should name."""
    method = page.meta.get("method")
    if isinstance(method, str) and method in catalog.methods:
        with_practices = {p.city for p in catalog.practices_of_method(method)}
    else:
        with_practices = {p.city for p in catalog.practices.values()}
    return with_practices - {page.meta.get("city")}


def stale_city_lists(pages: dict[str, PageSource], catalog: Catalog) -> list[Problem]:
    names = {city.id: city.name for city in catalog.cities.values()}
    found = []
    for src, page in sorted(pages.items()):
        if "source" in page.meta:  # generated from a report: its words are the report's
            continue
        expected = _expected(page, catalog)
        body = _MACRO.sub(lambda m: " " * len(m.group(0)), page.body)
        offset = page.text.count("\n") - page.body.count("\n")
        for match in _LINE.finditer(body):
            text = match.group(0)
            named = {cid for cid, name in names.items() if name in text}
            missing = sorted(expected - named, key=lambda cid: names[cid])
            if len(named) < 2 or not missing:
                continue
            line = offset + body.count("\n", 0, match.start()) + 1
            in_order = sorted(named, key=lambda cid: text.find(names[cid]))
            listed = "、".join(names[cid] for cid in in_order)
            found.append(
                Problem(
                    f"docs/{src}",
                    line,
                    f"这一段列举了城市（{listed}），没有写到同样有做法的"
                    f"{'、'.join(names[c] for c in missing)} — 加了城市后请看这一段是否要补上"
                    "或改写（见 CONTRIBUTING.md“手写的城市列举”）",
                )
            )
    return found
