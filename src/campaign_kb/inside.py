"""Files the build reads stay inside the project: no symbolic link out of data/ or docs/.

MkDocs follows links when it reads docs/, and a pull request can add a link as easily as a file:
`docs/x.md → /etc/passwd` would be published as a page.
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem

READ_BY_THE_BUILD = ("data", "docs")


def check_links_out(root: Path) -> list[Problem]:
    """Every symbolic link under data/ or docs/ whose target is outside the project."""
    real_root = root.resolve()
    problems = []
    for folder in READ_BY_THE_BUILD:
        top = root / folder
        candidates = [top] if top.is_symlink() else []
        for parent, dirs, files in os.walk(top):  # does not descend into linked folders
            candidates += [Path(parent, name) for name in dirs + files]
        for path in candidates:
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                problems.append(
                    Problem(
                        path.relative_to(root).as_posix(),
                        None,
                        "是指向项目之外的符号链接 — 构建只读项目里的文件：删去这个链接，"
                        "把内容本身放进项目",
                    )
                )
    return problems
