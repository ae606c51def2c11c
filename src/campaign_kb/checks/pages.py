"""Checks on a page's Markdown before rendering: front matter, emptiness."""

from __future__ import annotations

import difflib
import re
from typing import Any

from .. import plaintext
from ..catalog import Catalog
from ..problems import Problem
from ..tagging import allowed_tags
from .sourcemap import line_of

FRONT_MATTER_KEYS = {
    "render_macros": "set to true to use {{ … }} macros on the page",
    "city": "a city id from data/cities.yml (city pages)",
    "method": "a method id from data/methods.yml (method pages)",
    "source": "a source id from data/sources.yml (generated source pages)",
    "title": "the page title, if it has no '# ' heading",
    "description": "a one-line summary for search engines",
    "hide": "Material option: hide navigation, toc or footer",
    "search": "Material option: exclude the page from search",
    "status": "Material option: page status",
    "tags": "extra tags; only city and method names are allowed (most tags are generated)",
}
_KINDS = {"city": "cities", "method": "methods", "source": "sources"}
# Front-matter values that reach the navigation, <title> and <meta> of every page: plain text.
_PLAIN = {"title": "标题", "description": "摘要"}


def check_front_matter(
    src: str, markdown_file: str, meta: dict[str, Any], catalog: Catalog
) -> list[Problem]:
    path = f"docs/{src}"
    if markdown_file.startswith("---") and not meta:
        return [
            Problem(
                path,
                1,
                "the front matter (between the '---' lines) is not valid YAML — each line must be "
                "`key: value`; check colons and indentation",
            )
        ]
    problems = []
    for key, value in meta.items():
        if key not in FRONT_MATTER_KEYS:
            guess = difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1)
            hint = (
                f"did you mean '{guess[0]}'?"
                if guess
                else "allowed: " + ", ".join(FRONT_MATTER_KEYS)
            )
            problems.append(
                Problem(
                    path,
                    line_of(markdown_file, f"{key}:"),
                    f"unknown front matter key '{key}' — {hint}",
                )
            )
        elif key == "tags":
            allowed = allowed_tags(catalog)
            for tag in value if isinstance(value, list) else [value]:
                if tag not in allowed:
                    problems.append(
                        Problem(
                            path,
                            line_of(markdown_file, str(tag)),
                            f"unknown tag '{tag}' — tags must be a city or method name "
                            f"(known: {', '.join(sorted(allowed))})",
                        )
                    )
        elif key in _PLAIN:
            message = plaintext.problem_text(_PLAIN[key], str(value))
            if message:
                problems.append(Problem(path, line_of(markdown_file, f"{key}:"), message))
        elif key in _KINDS:
            known = getattr(catalog, _KINDS[key])
            if not isinstance(value, str) or value not in known:
                problems.append(
                    Problem(
                        path,
                        line_of(markdown_file, f"{key}:"),
                        f"unknown {key} '{value}' (known: {', '.join(sorted(known))})",
                    )
                )
    return problems


def check_not_empty(src: str, markdown: str) -> list[Problem]:
    """A page with nothing but front matter or whitespace is almost always a mistake."""
    if markdown.strip():
        return []
    return [
        Problem(
            f"docs/{src}",
            1,
            "the page is empty — write its content, or delete the file if it is not needed",
        )
    ]


def check_pages_exist(catalog: Catalog, page_files: set[str]) -> list[Problem]:
    """Every city and method in data/ needs its page, or links to it break everywhere."""
    problems = []
    for kind, folder, key in (("cities", "cities", "city"), ("methods", "methods", "method")):
        for record_id in getattr(catalog, kind):
            page = f"{folder}/{record_id}.md"
            if page not in page_files:
                problems.append(
                    catalog.problem(
                        kind,
                        record_id,
                        f"{key} '{record_id}' has no page — create docs/{page} (copy another "
                        f"{key} page and set `{key}: {record_id}` in its front matter)",
                    )
                )
    return problems


def check_macro_names(src: str, markdown_file: str, body: str, known: set[str]) -> list[Problem]:
    """Undefined names and broken `{{ }}` syntax, found before the macros plugin renders.

    Returns problems; the caller neutralises the bad calls so the rest of the page still renders.
    """
    import jinja2
    from jinja2 import meta

    try:
        names = meta.find_undeclared_variables(jinja2.Environment().parse(body))
    except jinja2.TemplateSyntaxError as err:
        offset = (
            markdown_file.count("\n", 0, markdown_file.find(body)) if body in markdown_file else 0
        )
        return [
            Problem(
                f"docs/{src}",
                (err.lineno or 1) + offset,
                f"macro syntax error: {err.message} — check the {{{{ … }}}} brackets and quotes",
            )
        ]
    problems = []
    for name in sorted(names - known):
        guess = difflib.get_close_matches(name, sorted(known), n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else "check the spelling"
        problems.append(
            Problem(
                f"docs/{src}",
                line_of(markdown_file, name),
                f"unknown macro or variable '{name}' — {hint}",
            )
        )
    return problems


def neutralise_macro_calls(body: str, names: list[str]) -> str:
    """Replace `{{ … name … }}` by a visible marker, so one typo does not blank the whole page."""
    for name in names:
        body = re.sub(
            r"\{\{[^}]*\b" + re.escape(name) + r"\b[^}]*\}\}",
            f"**（未知的宏或变量 {name}）**",
            body,
        )
    return body
