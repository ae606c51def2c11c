"""Fast link check on Markdown sources (no build): page files and heading anchors."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pymdownx.slugs import slugify

from ..problems import Problem

_LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*(?:\{:?\s*#([\w-]+)\s*\})?\s*$", re.MULTILINE)
_ATTR_ID = re.compile(r"\{:?\s*#([\w-]+)\s*\}")
_slug = slugify(case="lower")


def anchors_of(markdown: str) -> set[str]:
    """Heading slugs (as the site's toc makes them) plus explicit `{: #id }` anchors."""
    found = set(_ATTR_ID.findall(markdown))
    for text, explicit in _HEADING.findall(markdown):
        found.add(explicit or _slug(text, "-"))
    return found


def check_markdown_links(docs: Path) -> list[Problem]:
    texts = {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")
    }
    anchors = {src: anchors_of(text) for src, text in texts.items()}
    problems = []
    for src, text in texts.items():
        for match in _LINK.finditer(text):
            parts = urlsplit(match.group(1))
            if parts.scheme or parts.netloc or not (parts.path.endswith(".md") or not parts.path):
                continue
            target = src
            if parts.path:
                target = posixpath.normpath(
                    posixpath.join(posixpath.dirname(src), unquote(parts.path))
                )
            line = text.count("\n", 0, match.start()) + 1
            if target not in texts:
                problems.append(Problem(f"docs/{src}", line, f"link to '{target}' — no such page"))
            elif parts.fragment and unquote(parts.fragment) not in anchors[target]:
                problems.append(
                    Problem(
                        f"docs/{src}",
                        line,
                        f"link to '{target}#{unquote(parts.fragment)}' — no heading or anchor "
                        f"'{unquote(parts.fragment)}' on that page",
                    )
                )
    return problems
