"""links.relative and links.relative_url give exactly what posixpath.relpath and MkDocs'
get_relative_url give (the package does not import MkDocs, nor touch the file system)."""

from __future__ import annotations

import itertools
import posixpath

import pytest
from mkdocs.utils import get_relative_url

from campaign_kb.links import relative, relative_url

PATHS = [
    "index.md",
    "glossary.md",
    "cities/index.md",
    "cities/shenzhen.md",
    "sources/2023-xa-001.md",
    "sources/sub/deep.md",
    "cities/sub/deeper.md",
    "cities",
    "../outside.md",
    "./here.md",
]


@pytest.mark.parametrize(("from_src", "to_src"), list(itertools.product(PATHS, PATHS)))
def test_relative_matches_relpath(from_src: str, to_src: str) -> None:
    expected = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    assert relative(from_src, to_src) == expected


def test_relative_keeps_the_anchor() -> None:
    assert relative("cities/a.md", "sources/b.md", "p3") == "../sources/b.md#p3"


@pytest.mark.parametrize(
    ("url", "other"),
    [
        ("sources/x/", "cities/y/"),
        ("cities/y/", "cities/y/"),
        ("index.html", "sources/a/b/"),
        ("glossary/", ""),
        ("", "cities/y/"),
        ("404.html", "a/b/index.html"),
        ("a/../b/", "c/./d/"),
        ("../../x/", "y/"),
    ],
)
def test_relative_url_writes_what_mkdocs_writes(url: str, other: str) -> None:
    assert relative_url(url, other) == get_relative_url(url, other)
