"""The names a reader may type to reach a page: methods, cities, sources and glossary terms.

A query that is such a name (or one of its aliases, variants, or a near form of it) puts the
named page first, as the search's best match; the pinyin of the dictionary names and the names
themselves let the browser say “你是不是要找：…” for pinyin and for near misses. Everything
here is generated from data/ at build time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata

from ..cache import DiskCache, code_version, content_key
from ..catalog import Catalog
from .facets import KIND_CITY, KIND_GLOSSARY, KIND_METHOD, KIND_SOURCE
from .indexer import records_file
from .lexicon import fold

# How strongly a form names its entry: the name itself, an alias or a known variant; or a near
# form (half of a method's “甲与乙” name, a clause of a source title).
EXACT = 2
NEAR = 1
# Which page wins when two entries share a form of the same strength.
KIND_ORDER = (KIND_METHOD, KIND_CITY, KIND_SOURCE, KIND_GLOSSARY)
# A clause of a source title this long names the source (理论大学习); shorter ones are too
# common (不忘初心 is a campaign's name, in many titles).
MIN_TITLE_CLAUSE = 5
# Shown under the best match: the entry's definition or description, cut to this many characters.
ABOUT_LENGTH = 90
# Spaces and punctuation (folded text: NFKC has made full-width ASCII punctuation plain).
_NOT_IN_FORM = re.compile(r"[\s\u2010-\u2027\u3000-\u303f\uff00-\uff0f\uff1a-\uff20·,.:;!?\"'()]+")
_IDEOGRAPHS = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")


@dataclass
class Name:
    """One page a name leads to."""

    name: str
    kind: str
    url: str  # site-relative, with the anchor for a glossary term
    about: str
    forms: dict[str, int] = field(default_factory=dict)  # folded form → EXACT or NEAR
    # Dictionary names (not sources): their pinyin, for “你是不是要找”.
    spoken: list[str] = field(default_factory=list)

    def add(self, form: str, strength: int) -> None:
        key = name_key(form)
        if key and self.forms.get(key, 0) < strength:
            self.forms[key] = strength


def name_key(text: str) -> str:
    """A name or query as names are compared: folded, without spaces and punctuation, so
    “调研 红线” and 調研紅線 both name 调研红线."""
    return _NOT_IN_FORM.sub("", fold(text))


def spellings(word: str) -> list[str]:
    """Toneless pinyin of a Chinese word, as a reader types it without an input method:
    '红黑榜' → ['hongheibang', …]: the usual reading of each character first, then the word with
    one character read another way (以上率下 → yishanglvxia, yishangshuaixia, …; 重庆 →
    zhongqing, chongqing, …), so that a place or a term read its own way is found."""
    if not _IDEOGRAPHS.match(word):
        return []
    # Imported here: loading pypinyin costs time, which a build with the spellings in its cache
    # (see Spellings) does not pay. Its phrase dictionary is not loaded (pypinyin's documented
    # switch): it took ~45 MB and 0.3 s to decide the reading of a few names, and each
    # character's other readings are offered anyway.
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    from pypinyin import Style, lazy_pinyin, pinyin

    usual = lazy_pinyin(word, style=Style.NORMAL)
    readings = pinyin(word, style=Style.NORMAL, heteronym=True)
    found = ["".join(usual)]
    if len(readings) == len(usual):
        for at, options in enumerate(readings):
            found += ["".join([*usual[:at], other, *usual[at + 1 :]]) for other in options]
    return list(dict.fromkeys(found))


class Spellings:
    """`spellings` of each word, remembered in the kb cache: the pinyin of a word changes only
    with pypinyin's version (part of the key), and most builds ask for the same words."""

    def __init__(self, cache: DiskCache | None = None) -> None:
        self.cache = cache
        self.key = content_key("spellings", code_version(), metadata.version("pypinyin"))
        saved = cache.get(self.key) if cache is not None else None
        self.known: dict[str, list[str]] = saved if isinstance(saved, dict) else {}
        self.learnt = False

    def __call__(self, word: str) -> list[str]:
        if word not in self.known:
            self.known[word] = spellings(word)
            self.learnt = True
        return self.known[word]

    def save(self) -> None:
        if self.cache is not None and self.learnt:
            self.cache.put(self.key, self.known)
        elif self.cache is not None:
            self.cache.get(self.key)  # used this build: kept by the cache's prune


def name_entries(
    catalog: Catalog, page_urls: dict[str, str], spell: Callable[[str], list[str]] = spellings
) -> list[Name]:
    """Every name in data/ with the page it leads to; pages that were not built are left out."""
    entries: list[Name] = []

    def entry(src: str, name: str, kind: str, about: str, anchor: str = "") -> Name | None:
        url = page_urls.get(src)
        if url is None:
            return None
        found = Name(name, kind, url + (f"#{anchor}" if anchor else ""), _cut(about))
        entries.append(found)
        return found

    for method in catalog.methods.values():
        if found := entry(f"methods/{method.id}.md", method.name, KIND_METHOD, method.definition):
            found.add(method.name, EXACT)
            for half in method.name.split("与"):
                if half != method.name and len(half) > 1:
                    found.add(half, NEAR)
    for city in catalog.cities.values():
        rank = city.rank.value if city.rank else "级别待核实"
        sources = len(catalog.sources_of_city(city.id))
        practices = len(catalog.practices_of_city(city.id))
        about = f"{city.full_name}，{rank}；本站收录 {sources} 篇来源、{practices} 条做法。"
        if found := entry(f"cities/{city.id}.md", city.name, KIND_CITY, about):
            found.add(city.name, EXACT)
            found.add(city.full_name, EXACT)
    for source in catalog.sources.values():
        city = catalog.cities[source.city].name + ("（推断）" if source.city_inferred else "")
        about = f"{city} · {source.shown_date} · {source.genre.value}"
        if found := entry(f"sources/{source.id}.md", source.title, KIND_SOURCE, about):
            for title in filter(None, (source.title, source.original_title)):
                found.add(title, EXACT)
                for clause in _NOT_IN_FORM.split(fold(title)):
                    if len(clause) >= MIN_TITLE_CLAUSE and clause != name_key(title):
                        found.add(clause, NEAR)
    for term in catalog.glossary.values():
        if found := entry("glossary.md", term.term, KIND_GLOSSARY, term.definition, term.id):
            for form in (term.term, *term.aliases, *term.variants):
                found.add(form, EXACT)
    for found in entries:
        if found.kind != KIND_SOURCE:
            exact = [f for f, strength in found.forms.items() if strength == EXACT]
            found.spoken = list(dict.fromkeys(s for f in exact for s in spell(f)))
    return entries


def names_lexicon(entries: list[Name]) -> dict:
    """What the browser needs: the entries, each form's entries (best first), and each
    pinyin spelling's dictionary form."""
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    forms: dict[str, list[tuple[int, int]]] = {}
    for index, found in enumerate(entries):
        for form, strength in found.forms.items():
            forms.setdefault(form, []).append((strength, index))
    ranked = {
        form: [
            index
            for strength, index in sorted(
                pairs, key=lambda p: (-p[0], order[entries[p[1]].kind], p[1])
            )
        ]
        for form, pairs in sorted(forms.items())
    }
    strengths = {form: max(s for s, _ in pairs) for form, pairs in forms.items()}
    spoken: dict[str, str] = {}
    for found in entries:
        for spelling in found.spoken:
            spoken.setdefault(spelling, found.name)
    return {
        "entries": [
            {
                "name": e.name,
                "kind": e.kind,
                "url": e.url,
                "records": records_file(e.url.partition("#")[0]),
                "about": e.about,
            }
            for e in entries
        ],
        "forms": ranked,
        # exact forms of dictionary names (not source titles): what a near miss may be near
        "dictionary": sorted(
            form
            for form, pairs in forms.items()
            if strengths[form] == EXACT and any(entries[i].kind != KIND_SOURCE for _, i in pairs)
        ),
        "pinyin": dict(sorted(spoken.items())),
    }


def _cut(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= ABOUT_LENGTH else text[: ABOUT_LENGTH - 1] + "…"
