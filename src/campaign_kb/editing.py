"""Where the 编辑此页 button of a page points: the file an editor should change on GitHub."""

from __future__ import annotations

import re

_REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def edit_base(repository: str | None, branch: str | None) -> str | None:
    """`https://github.com/<owner/name>/edit/<branch>/`, or None when no repository is set."""
    repository = (repository or "").strip()
    if not repository or not _REPOSITORY.match(repository):
        return None
    return f"https://github.com/{repository}/edit/{branch or 'main'}/"


def edit_url(base: str, src_uri: str, meta: dict) -> str:
    """Generated source pages are edited through their metadata, not their Markdown."""
    if meta.get("source"):
        return f"{base}data/sources.yml"
    return f"{base}docs/{src_uri}"
