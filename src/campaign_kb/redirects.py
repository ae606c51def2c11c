"""Redirects from renamed pages (data/redirects.yml, written by `kb rename-*`): readers with an
old link land on the new page. The plugin hands them to mkdocs-redirects, whose pages are plain
relative links (they work offline). Both sides must be pages of the site: the redirect page
puts its target into a script, so nothing else may get there."""

from __future__ import annotations

import re
from pathlib import Path

from .problems import DataError, Problem
from .yamlio import load_yaml

REDIRECTS_FILE = "data/redirects.yml"
_PAGE = re.compile(r"^(?:sources|cities|methods)/[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
_HEADER = (
    "# Renamed pages: old page → new page. Written by `kb rename-source`, `kb rename-city` and\n"
    "# `kb rename-method`; readers with an old link are sent to the new page (mkdocs-redirects).\n"
)


def load_redirects(root: Path) -> tuple[dict[str, str], list[Problem]]:
    """Old page → new page, and the problems of the file (it is data a pull request can
    change: each entry must name two pages of the site)."""
    path = root / REDIRECTS_FILE
    if not path.exists():
        return {}, []
    try:
        loaded = load_yaml(path, REDIRECTS_FILE)
    except DataError as err:
        return {}, err.problems
    if loaded.data is None:
        return {}, []
    if not isinstance(loaded.data, dict):
        return {}, [Problem(REDIRECTS_FILE, 1, "应是“旧页面: 新页面”的列表，每行一条")]
    redirects, problems = {}, []
    for old, new in loaded.data.items():
        line = loaded.line_of((old,))
        if not (isinstance(old, str) and isinstance(new, str)):
            problems.append(
                Problem(REDIRECTS_FILE, line, "每条写成 sources/旧编号.md: sources/新编号.md")
            )
            continue
        bad = [page for page in (old, new) if not _PAGE.match(page)]
        if bad:
            problems.append(
                Problem(
                    REDIRECTS_FILE,
                    line,
                    f"“{bad[0]}”不是本站的页面 — 只能写 sources/、cities/ 或 methods/ 下的 "
                    "编号.md；改名请用 kb rename-source、kb rename-city 或 kb rename-method",
                )
            )
            continue
        redirects[old] = new
    return redirects, problems


def check_redirects(root: Path, pages: set[str]) -> list[Problem]:
    """Each redirect leaves a page that no longer exists for one that does."""
    redirects, problems = load_redirects(root)
    loaded = load_yaml(root / REDIRECTS_FILE, REDIRECTS_FILE) if redirects else None
    for old, new in redirects.items():
        line = loaded.line_of((old,)) if loaded else None
        if old in pages:
            problems.append(
                Problem(
                    REDIRECTS_FILE,
                    line,
                    f"docs/{old} 还在，不能同时把它转到 {new} — 删去这个文件，或删去这一行",
                )
            )
        if new not in pages:
            problems.append(
                Problem(
                    REDIRECTS_FILE,
                    line,
                    f"转向的页面 docs/{new} 不存在 — 改成现有的页面，或删去这一行",
                )
            )
    return problems


def add_redirect(root: Path, old: str, new: str) -> str:
    """Record old → new; earlier redirects to `old` now go to `new` (no chains)."""
    redirects, problems = load_redirects(root)
    if problems:
        raise DataError(problems)
    redirects = {k: (new if v == old else v) for k, v in redirects.items() if k != new}
    redirects[old] = new
    lines = [f"{k}: {v}" for k, v in sorted(redirects.items())]
    (root / REDIRECTS_FILE).write_text(_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return REDIRECTS_FILE
