"""What git says was added when: a real repository made in the test, and its edge cases."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from campaign_kb.history import HistoryState, parse_log, read_change_log


def _git(repo: Path, *args: str, date: str = "2025-01-02T10:00:00") -> None:
    env = {
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": "/usr/bin:/bin",
        "HOME": str(repo),
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def _write(repo: Path, name: str, ids: list[str]) -> None:
    file = repo / "data" / name
    file.parent.mkdir(exist_ok=True)
    file.write_text("".join(f"- id: {i}\n  city: x\n" for i in ids), encoding="utf-8")


def test_each_record_is_dated_by_the_commit_that_added_it(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _write(repo, "sources.yml", ["s-one"])
    _write(repo, "facts.yml", ["f-one", "f-two"])
    _git(repo, "add", "data")
    _git(repo, "commit", "-q", "-m", "first", date="2025-01-02T10:00:00")
    _write(repo, "sources.yml", ["s-two", "s-one"])  # s-one moves: not added again
    _write(repo, "facts.yml", ["f-one", "f-two", "f-three"])
    _git(repo, "commit", "-q", "-am", "second", date="2025-02-03T10:00:00")

    log = read_change_log(repo)

    assert log.state is HistoryState.COMPLETE
    added = {(a.kind, a.record_id): a.date for a in log.additions}
    assert added == {
        ("sources", "s-one"): "2025-01-02",
        ("facts", "f-one"): "2025-01-02",
        ("facts", "f-two"): "2025-01-02",
        ("sources", "s-two"): "2025-02-03",
        ("facts", "f-three"): "2025-02-03",
    }
    assert not any(a.or_earlier for a in log.additions)


def test_a_shallow_clone_says_its_oldest_additions_may_be_older(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    origin.mkdir()
    _git(origin, "init", "-q", "-b", "main")
    _write(origin, "sources.yml", ["s-one"])
    _write(origin, "facts.yml", ["f-one"])
    _git(origin, "add", "data")
    _git(origin, "commit", "-q", "-m", "first", date="2025-01-02T10:00:00")
    _write(origin, "facts.yml", ["f-one", "f-two"])
    _git(origin, "commit", "-q", "-am", "second", date="2025-02-03T10:00:00")
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))

    log = read_change_log(clone)

    assert log.state is HistoryState.SHALLOW
    # The one commit there is holds everything: all of it is "on that day or earlier".
    assert {a.record_id for a in log.additions} == {"s-one", "f-one", "f-two"}
    assert all(a.or_earlier and a.date == "2025-02-03" for a in log.additions)


def test_a_copy_that_is_not_a_repository_has_no_history(tmp_path: Path) -> None:
    _write(tmp_path, "sources.yml", ["s-one"])
    assert read_change_log(tmp_path).state is HistoryState.NO_GIT


def test_untracked_data_has_no_history(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _write(tmp_path, "sources.yml", ["s-one"])
    assert read_change_log(tmp_path).state is HistoryState.UNTRACKED


def test_parse_log_reads_only_top_level_ids_of_the_two_data_files() -> None:
    log = (
        "\x00commit aaa 2025-01-01\n\n"
        "diff --git a/data/facts.yml b/data/facts.yml\n"
        "--- a/data/facts.yml\n+++ b/data/facts.yml\n"
        "@@ -0,0 +1,3 @@\n"
        "+- id: f-one\n+  source: s\n+    - id: nested-not-a-record\n"
        "diff --git a/data/other.yml b/data/other.yml\n"
        "+- id: elsewhere\n"
    )
    assert [(a.kind, a.record_id) for a in parse_log(log)] == [("facts", "f-one")]


def test_this_project_has_its_history(root: Path) -> None:
    log = read_change_log(root)
    if log.state is HistoryState.NO_GIT:
        pytest.skip("this copy of the project is not a git clone")
    assert log.readable
    assert {a.record_id for a in log.additions if a.kind == "sources"} >= {
        "chengdu-2023-you-li-you-xu"
    }
