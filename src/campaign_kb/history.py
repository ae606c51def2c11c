"""When each source and fact was added, read from git history (the 更新记录 page and its feed).

One `git log -p` over data/sources.yml and data/facts.yml: a record is added in the first commit
whose diff adds its `- id:` line. A copy of the project that is not a git repository, or whose
data files git does not track, has no such history, and says so; a shallow clone knows only its
last commits, so what its oldest commit holds was added then *or earlier*, and is marked so.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

TRACKED = {"data/sources.yml": "sources", "data/facts.yml": "facts"}
_ID_LINE = re.compile(r"^(?P<sign>[+-])- id:\s*[\"']?(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)")
_COMMIT = "\x00commit "
GIT_TIMEOUT = 60  # seconds


class HistoryState(StrEnum):
    UNREAD = "unread"  # not asked (kb check, a test without a build)
    COMPLETE = "complete"
    SHALLOW = "shallow"  # a shallow clone: the oldest commits are missing
    NO_GIT = "no-git"  # not a git repository, or git is missing
    UNTRACKED = "untracked"  # git does not track data/sources.yml


@dataclass(frozen=True)
class Addition:
    kind: str  # 'sources' or 'facts'
    record_id: str
    date: str  # committer date, YYYY-MM-DD
    commit: str
    or_earlier: bool = False  # first seen in a shallow clone's oldest commit


@dataclass(frozen=True)
class ChangeLog:
    state: HistoryState = HistoryState.UNREAD
    additions: tuple[Addition, ...] = ()

    @property
    def readable(self) -> bool:
        return self.state in (HistoryState.COMPLETE, HistoryState.SHALLOW)


def read_change_log(root: Path) -> ChangeLog:
    """The first commit that added each source and fact id, oldest first."""
    if _git(root, "rev-parse", "--show-toplevel") is None:
        return ChangeLog(HistoryState.NO_GIT)
    if _git(root, "ls-files", "--error-unmatch", "--", *TRACKED) is None:
        return ChangeLog(HistoryState.UNTRACKED)
    shallow = _git(root, "rev-parse", "--is-shallow-repository") == "true\n"
    boundary = _shallow_commits(root) if shallow else set()
    log = _git(
        root,
        "log",
        "--reverse",
        "--no-renames",
        "--unified=0",
        "--format=%x00commit %H %cs",
        "-p",
        "--",
        *TRACKED,
    )
    if log is None:
        return ChangeLog(HistoryState.NO_GIT)
    state = HistoryState.SHALLOW if shallow else HistoryState.COMPLETE
    return ChangeLog(state, tuple(parse_log(log, boundary)))


def parse_log(log: str, boundary: Collection[str] = ()) -> list[Addition]:
    """Additions from `git log -p --format=%x00commit %H %cs` output, oldest commit first."""
    seen: set[tuple[str, str]] = set()
    additions: list[Addition] = []
    for chunk in log.split(_COMMIT)[1:]:
        header, _, diff = chunk.partition("\n")
        commit, _, date = header.partition(" ")
        kind = ""
        added: list[str] = []
        removed: set[str] = set()
        for line in diff.splitlines():
            if line.startswith("diff --git "):
                path = line.rsplit(" b/", 1)[-1]
                kind = TRACKED.get(path, "")
                continue
            match = _ID_LINE.match(line)
            if not kind or not match:
                continue
            if match["sign"] == "+":
                added.append(f"{kind}\t{match['id']}")
            else:
                removed.add(f"{kind}\t{match['id']}")
        for key in added:
            kind, record_id = key.split("\t")
            if key in removed or (kind, record_id) in seen:  # moved within the file, or known
                continue
            seen.add((kind, record_id))
            additions.append(Addition(kind, record_id, date, commit, commit in boundary))
    return additions


def _shallow_commits(root: Path) -> set[str]:
    """The commits a shallow clone was cut at (listed in .git/shallow)."""
    path = _git(root, "rev-parse", "--git-path", "shallow")
    if path is None:
        return set()
    file = Path(path.strip())
    file = file if file.is_absolute() else root / file
    try:
        return set(file.read_text(encoding="utf-8").split())
    except OSError:
        return set()


def _git(root: Path, *args: str) -> str | None:
    """git's output, or None when git is missing or fails (not a repository, not tracked)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
