"""Glossary checks: one owner per word, variants kept out of editors' prose, unused terms."""

from __future__ import annotations

from ..catalog import Catalog
from ..glossary_marks import TermMatcher
from ..problems import Problem
from .sourcemap import line_of


def check_definitions(catalog: Catalog) -> list[Problem]:
    """A word may belong to one term only, and a variant may not also be a preferred form."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for term in catalog.glossary.values():
        for form in term.forms:
            if form in owner and owner[form] != term.id:
                first_path, first_line = catalog.location("glossary", owner[form])
                problems.append(
                    catalog.problem(
                        "glossary",
                        term.id,
                        f"term '{form}' is defined twice — also in entry '{owner[form]}' "
                        f"({first_path}:{first_line}); merge the two entries or remove one",
                    )
                )
            owner.setdefault(form, term.id)
    for term in catalog.glossary.values():
        for variant in term.variants:
            if variant in owner:
                problems.append(
                    catalog.problem(
                        "glossary",
                        term.id,
                        f"variant '{variant}' is also a term or alias (entry '{owner[variant]}') "
                        "— a word cannot be both preferred and flagged; remove it from `variants`",
                        "variants",
                    )
                )
    return problems


def find_variants(text: str, markdown: str, src: str, matcher: TermMatcher) -> list[Problem]:
    """Variant spellings in an editor-written page, located in its Markdown."""
    problems = []
    for variant, term in matcher.variants.items():
        if variant in text:
            problems.append(
                Problem(
                    f"docs/{src}",
                    line_of(markdown, variant),
                    f"'{variant}' is a variant spelling of the glossary term '{term.term}' "
                    f"— write '{term.term}' instead",
                )
            )
    return problems


def unused_terms(catalog: Catalog, used: set[str]) -> list[Problem]:
    return [
        catalog.problem(
            "glossary",
            term.id,
            f"term '{term.term}' is never used on any page — use it, or remove the entry",
        )
        for term in catalog.glossary.values()
        if term.id not in used
    ]
