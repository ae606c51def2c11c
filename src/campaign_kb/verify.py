"""Fact and citation verification: quotes must be verbatim in the cited paragraph."""

from __future__ import annotations

import re

from .catalog import Catalog
from .inside import check_links_out
from .models import Bound, Fact
from .problems import Problem
from .rawfiles import check_raw_files
from .sources import Document

_NOT_A_DIGIT = r"(?<![\d.])", r"(?![\d.])"


def locate(documents: dict[str, Document], quote: str) -> list[tuple[str, str]]:
    """Every (source id, paragraph anchor) whose text contains `quote`."""
    return [
        (sid, anchor)
        for sid, document in documents.items()
        for anchor, block in document.result.paragraphs().items()
        if quote in block.text
    ]


def _quote_problem(
    documents: dict[str, Document], source: str, paragraph: str, quote: str
) -> str | None:
    document = documents[source]
    block = document.result.paragraphs().get(paragraph)
    page = document.page_path
    if block is None:
        found = locate({source: document}, quote)
        hint = (
            f" — the quote is in paragraph '{found[0][1]}': set `paragraph: {found[0][1]}`"
            if found
            else " — open the source page and copy the anchor from the ¶ link of the paragraph"
        )
        return f"paragraph '{paragraph}' does not exist on {page}{hint}"
    if quote in block.text:
        return None
    found = locate({source: document}, quote)
    if found:
        return (
            f"the quote is not in paragraph '{paragraph}' of {page} but in '{found[0][1]}' "
            f"— set `paragraph: {found[0][1]}`"
        )
    return (
        f"the quote «{quote}» is not in paragraph '{paragraph}' of {page} — copy the words "
        "exactly as they appear on that page (same characters and punctuation)"
    )


def _amount_problem(fact: Fact) -> str | None:
    """The figure must occur in the quote as a whole number, with the qualifier it has there."""
    amount = re.escape(fact.amount)
    match = re.search(_NOT_A_DIGIT[0] + amount + _NOT_A_DIGIT[1], fact.quote)
    if not match:
        return (
            f"amount '{fact.amount}' does not occur in the quote «{fact.quote}» — check the digits"
        )
    after = fact.quote[match.end() : match.end() + 1]
    clause = re.split(r"[，,、；;。]", fact.quote[: match.start()])[-1]
    says = (
        Bound.MORE_THAN
        if after in {"余", "多"}
        else Bound.AT_LEAST
        if re.search("至少|不少于", clause)
        else Bound.BELOW
        if re.search("低于|不到", clause)
        else Bound.RANGE
        if "—" in fact.amount
        else Bound.EXACT
    )
    if says is not fact.bound:
        return (
            f"the quote gives '{fact.amount}' as {says.value} but the fact says bound: "
            f"{fact.bound.value} — set `bound: {says.value}`"
        )
    return None


def verify(catalog: Catalog, documents: dict[str, Document]) -> list[Problem]:
    """All citation and fact problems, each located at its YAML line, raw files changed since
    their import, and links out of the project (both `kb check` and the build call this)."""
    problems: list[Problem] = check_raw_files(catalog) + check_links_out(catalog.root)
    cited = [("practices", p.id, p.citations) for p in catalog.practices.values()]
    cited += [("glossary", g.id, g.citations) for g in catalog.glossary.values()]
    for kind, record_id, citations in cited:
        for index, citation in enumerate(citations):
            message = _quote_problem(documents, citation.source, citation.paragraph, citation.quote)
            if message:
                problems.append(
                    catalog.problem(kind, record_id, message, "citations", index, "quote")
                )
    for fact in catalog.facts.values():
        message = _quote_problem(documents, fact.source, fact.paragraph, fact.quote)
        if message:
            problems.append(catalog.problem("facts", fact.id, message, "quote"))
        message = _amount_problem(fact)
        if message:
            problems.append(catalog.problem("facts", fact.id, message, "amount"))
        if catalog.sources[fact.source].city != fact.city:
            problems.append(
                catalog.problem(
                    "facts",
                    fact.id,
                    f"city '{fact.city}' differs from the city of source '{fact.source}' "
                    f"('{catalog.sources[fact.source].city}') — use the source's city",
                    "city",
                )
            )
    return problems
