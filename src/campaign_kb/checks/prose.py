"""Editor-written prose must say no more than its sources: quoted terms are source terms, and
every figure is a recorded fact (or a count the page itself generates)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..catalog import Catalog
from ..models import Fact
from ..problems import DataError, Problem
from ..sources import Document

# Text in Chinese quotation marks: “…” or 「…」 (the innermost pair when they nest).
QUOTED = re.compile(r"“([^“”]+)”|「([^「」]+)」")
# Measure words after a Chinese numeral that make it a quantity (一周, 两批, 五方面…);
# 五级联动, 一把手, 一岗双责 are names, not quantities.
MEASURE_WORDS = (
    "人次|场次|批次|方面|整天|个|次|名|项|批|场|份|家|户|人|天|周|条|种|讲|期|例|篇|位|遍|张"
)
_CHINESE = "一二两三四五六七八九十"
_FIGURE = re.compile(
    rf"(?P<arabic>(?<![\d.+—])\d+(?:\.\d+)?(?:万|亿)?(?:—\d+(?:\.\d+)?)?%?(?![\d+]))"
    rf"(?P<aunit>{MEASURE_WORDS})?"
    rf"|(?<![第届{_CHINESE}百千万])(?P<chinese>[{_CHINESE}]+)(?P<cunit>{MEASURE_WORDS})"
)
# Not quantities: years, dates and times of day.
_NOT_QUANTITY = re.compile(r"(?:\d{4}年|\d{1,2}月|\d{1,2}日|\d{1,2}[:：]\d)")
# Parts of a page that are not prose: macro calls, code, link targets, HTML, attribute lists.
_NOT_PROSE = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|`[^`]*`|\]\([^)]*\)|<[^>]+>|\{:[^}]*\}|https?://\S+"
)
# Pages whose prose is checked: the home page, city and method pages (not the about pages,
# whose figures are measurements of the site itself).
CHECKED_PAGES = re.compile(r"^(?:index\.md|cities/[^/]+\.md|methods/[^/]+\.md)$")


@dataclass(frozen=True)
class Scope:
    """What a piece of prose may rely on: the paragraphs it cites, and counts it generates."""

    paragraphs: tuple[tuple[str, str], ...]  # (source id, anchor)
    counts: frozenset[int] = frozenset()

    def where(self) -> str:
        shown = "、".join(f"{sid} {anchor}" for sid, anchor in self.paragraphs[:6])
        more = f" 等 {len(self.paragraphs)} 段" if len(self.paragraphs) > 6 else ""
        return shown + more if shown else "（没有引用任何段落）"


def _contexts(documents: dict[str, Document]) -> dict[tuple[str, str], str]:
    """Each paragraph's text with the headings it sits under (a section heading such as
    坚持“五个第一”… belongs to every paragraph of its section)."""
    key = tuple((sid, id(d)) for sid, d in documents.items())
    if _cache.get("key") != key:
        _cache["key"], _cache["value"] = key, _build_contexts(documents)
    return _cache["value"]  # type: ignore[return-value]


_cache: dict[str, object] = {}  # the last documents' contexts: one build asks once per page


def _build_contexts(documents: dict[str, Document]) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for sid, document in documents.items():
        headings: dict[int, str] = {}
        for block in document.result.blocks:
            if block.kind == "heading":
                headings = {k: v for k, v in headings.items() if k < block.level}
                headings[block.level] = block.text
            else:
                out[(sid, block.anchor)] = "\n".join([*headings.values(), block.text])
    return out


def quoted_terms(text: str) -> Iterator[str]:
    for match in QUOTED.finditer(text):
        yield match.group(1) or match.group(2)


def figures(text: str) -> Iterator[tuple[str, str, str]]:
    """(as written, amount, measure word) of every quantity outside quotation marks and names."""
    masked = QUOTED.sub(lambda m: "　" * len(m.group(0)), text)
    for match in _FIGURE.finditer(masked):
        if _NOT_QUANTITY.match(masked, match.start()):
            continue
        amount = match["arabic"] or match["chinese"]
        unit = match["aunit"] or match["cunit"] or ""
        if amount.endswith("%"):
            amount, unit = amount[:-1], "%"
        if match["arabic"] and masked[match.start() - 1 : match.start()] in ("+", "—"):
            continue
        yield match.group(0), amount, unit


def _fact_matches(fact: Fact, amount: str, unit: str) -> bool:
    if fact.amount.rstrip("%") != amount:
        return False
    if not unit:
        return True
    fact_unit = fact.unit or ""
    return not fact_unit or fact_unit.startswith(unit) or unit.startswith(fact_unit)


def _numeral_names(catalog: Catalog) -> list[str]:
    """Glossary forms and method names that contain numerals (五级联动, 两个带动, 三张清单),
    longest first: they are names, not quantities."""
    names = catalog.glossary_forms | {m.name for m in catalog.methods.values()}
    numeral = [n for n in names if any(ch.isdigit() or ch in _CHINESE for ch in n)]
    return sorted(numeral, key=len, reverse=True)


def _masked_names(text: str, names: Iterable[str]) -> str:
    """Blank out `names` (longest first) before looking for quantities."""
    for name in names:
        text = text.replace(name, "　" * len(name))
    return text


def check_text(
    text: str,
    scope: Scope,
    catalog: Catalog,
    documents: dict[str, Document],
) -> list[str]:
    """Problems of one piece of prose, as messages (the caller knows where it is)."""
    contexts = _contexts(documents)
    cited_text = [contexts.get(p, "") for p in scope.paragraphs]
    glossary_forms = catalog.glossary_forms
    messages = []
    for term in quoted_terms(text):
        if term in glossary_forms or any(term in t for t in cited_text):
            continue
        messages.append(
            f"引号中的“{term}”不是原文用语：它不在所引的段落里（{scope.where()}），也不是术语表"
            "中的词 — 改用原文的说法并加引用，或去掉引号；如是新术语，先把它加进 "
            "data/glossary.yml"
        )
    facts = [
        f
        for source, anchor in set(scope.paragraphs)
        for f in catalog.facts_of_paragraph(source, anchor)
    ]
    for written, amount, unit in figures(_masked_names(text, _numeral_names(catalog))):
        if any(_fact_matches(f, amount, unit) for f in facts):
            continue
        if unit and amount.isdigit() and int(amount) in scope.counts:
            continue
        if unit and not amount[0].isdigit() and _chinese_value(amount) in scope.counts:
            continue
        messages.append(
            f"数字“{written}”不是所引段落中记录的数字（{scope.where()}） — 在 data/facts.yml "
            "为它加一条（引原文那一句），并在这里引用那一段；或改写成不含数字的说法"
        )
    return messages


def _chinese_value(text: str) -> int | None:
    from ..models import chinese_number

    try:
        return chinese_number(text)
    except KeyError:
        return None


def _practice_scope(practices: Iterable) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(c.source, c.paragraph) for p in practices for c in p.citations]


def check_data_prose(catalog: Catalog, documents: dict[str, Document]) -> list[Problem]:
    """Practice summaries, method and glossary definitions and fact notes."""
    problems: list[Problem] = []
    for practice in catalog.practices.values():
        scope = Scope(tuple(_practice_scope([practice])))
        for message in check_text(practice.summary, scope, catalog, documents):
            problems.append(catalog.problem("practices", practice.id, message, "summary"))
    for method in catalog.methods.values():
        scope = Scope(tuple(_practice_scope(catalog.practices_of_method(method.id))))
        for message in check_text(method.definition, scope, catalog, documents):
            problems.append(catalog.problem("methods", method.id, message, "definition"))
    for term in catalog.glossary.values():
        scope = Scope(tuple((c.source, c.paragraph) for c in term.citations))
        for message in check_text(term.definition, scope, catalog, documents):
            problems.append(catalog.problem("glossary", term.id, message, "definition"))
    for fact in catalog.facts.values():
        if fact.note:
            scope = Scope(((fact.source, fact.paragraph),))
            for message in check_text(fact.note, scope, catalog, documents):
                problems.append(catalog.problem("facts", fact.id, message, "note"))
    return problems


def page_scope(src: str, meta: dict, catalog: Catalog) -> Scope:
    """What a page cites: a city page its city's practices and figures, a method page its
    method's practices, the home page every practice (its table links each one's source)."""
    if (city_id := meta.get("city")) in catalog.cities:
        sources = catalog.sources_of_city(city_id)
        practices = catalog.practices_of_city(city_id)
        paragraphs = _practice_scope(practices) + [
            (f.source, f.paragraph) for s in sources for f in catalog.facts_of_source(s.id)
        ]
        counts = {len(sources), len(practices)}
        return Scope(tuple(dict.fromkeys(paragraphs)), frozenset(counts))
    if (method_id := meta.get("method")) in catalog.methods:
        practices = catalog.practices_of_method(method_id)
        cities = {p.city for p in practices}
        return Scope(tuple(dict.fromkeys(_practice_scope(practices))), frozenset({len(cities)}))
    counts = {
        len(catalog.cities),
        len(catalog.sources),
        len(catalog.methods),
        len(catalog.campaigns),
    }
    paragraphs = _practice_scope(catalog.practices.values())
    return Scope(tuple(dict.fromkeys(paragraphs)), frozenset(counts))


def check_prose(
    src: str,
    markdown_file_text: str,
    meta: dict,
    catalog: Catalog,
    documents: Callable[[], dict[str, Document]],
) -> list[Problem]:
    """Quoted terms and figures in an editor-written page (the home page, city and method
    pages), each located at its line in docs/<src>. `documents` is asked for only when a page
    is checked; if a report cannot be read, that is reported elsewhere (the quote check)."""
    if "source" in meta or not CHECKED_PAGES.match(src):
        return []
    try:
        loaded = documents()
    except DataError:
        return []
    scope = page_scope(src, meta, catalog)
    problems = []
    lines = markdown_file_text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
        start = end + 1
    in_code = False
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            continue
        prose = _NOT_PROSE.sub(lambda m: "　" * len(m.group(0)), line)
        for message in check_text(prose, scope, catalog, loaded):
            problems.append(Problem(f"docs/{src}", number, message))
    return problems
