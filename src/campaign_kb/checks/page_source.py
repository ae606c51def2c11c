"""Checks on a page's Markdown as written: front matter, emptiness, a page per city and method."""

from __future__ import annotations

import difflib

from .. import plaintext
from ..catalog import Catalog
from ..front_matter import PageSource
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


def check_front_matter(src: str, page: PageSource, catalog: Catalog) -> list[Problem]:
    path = f"docs/{src}"
    markdown_file, meta = page.text, page.meta
    if page.broken_yaml:
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
