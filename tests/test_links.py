"""links.relative must give exactly what posixpath.relpath gives, without its file-system calls."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from campaign_kb.links import relative

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
