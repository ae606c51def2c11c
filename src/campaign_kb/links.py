"""Relative Markdown links between pages, so MkDocs (and our checker) can validate them."""

from __future__ import annotations

import functools
import posixpath


def relative(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """Path between two docs/ files: ('cities/a.md', 'sources/b.md') → ../sources/b.md."""
    path = _relative_path(posixpath.dirname(from_src), to_src)
    return f"{path}#{anchor}" if anchor else path


@functools.lru_cache(maxsize=4096)
def _relative_path(base: str, to_src: str) -> str:
    """`posixpath.relpath` for docs/ paths without touching the file system (it calls
    `abspath` twice, a tenth of the cost of a macro table of hundreds of links)."""
    base_parts = base.split("/") if base else []
    to_parts = to_src.split("/")
    if any(part in ("", ".", "..") for part in base_parts + to_parts):
        return posixpath.relpath(to_src, base or ".")  # not a plain docs/ path: the slow way
    common = 0
    for mine, theirs in zip(base_parts, to_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + to_parts[common:]) or "."


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


def city_page(city_id: str) -> str:
    return f"cities/{city_id}.md"


def method_page(method_id: str) -> str:
    return f"methods/{method_id}.md"


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page URL `other` ('sources/x/' from 'cities/y/' → '../../sources/x/'),
    as MkDocs' `get_relative_url` writes it (this package does not import MkDocs)."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:  # a file name, not a folder
        other = dirname
    other_parts, dest_parts = _norm_parts(other), _norm_parts(url)
    common = 0
    for mine, theirs in zip(other_parts, dest_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    path = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return path + "/" if url.endswith("/") else path


def _norm_parts(path: str) -> list[str]:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return parts
