"""Relative Markdown links between pages, so MkDocs (and our checker) can validate them."""

from __future__ import annotations

import posixpath


def relative(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """Path between two docs/ files: ('cities/a.md', 'sources/b.md') → ../sources/b.md."""
    base = posixpath.dirname(from_src)
    path = posixpath.relpath(to_src, base or ".")
    return f"{path}#{anchor}" if anchor else path


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


def city_page(city_id: str) -> str:
    return f"cities/{city_id}.md"


def method_page(method_id: str) -> str:
    return f"methods/{method_id}.md"
