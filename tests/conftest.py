"""Shared fixtures: the project root, and one real strict build of the site per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Build:
    """Result of running `mkdocs build` on a project folder."""

    project: Path
    site: Path
    returncode: int
    output: str

    def html(self, url_path: str) -> HTMLParser:
        """Parsed HTML of a built page, by its URL path (e.g. 'sources/x/')."""
        path = self.site / url_path
        if url_path.endswith("/") or not url_path:
            path = path / "index.html"
        return HTMLParser(path.read_text(encoding="utf-8"))

    def article_text(self, url_path: str) -> str:
        node = self.html(url_path).css_first("article")
        assert node is not None, f"no <article> in {url_path}"
        return node.text(separator="\n")


def run_build(project: Path, site: Path, *extra: str, env: dict[str, str] | None = None) -> Build:
    """A real build, as an editor or CI runs it (strict comes from mkdocs.yml)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore", **(env or {})}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
            *extra,
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return Build(project, site, proc.returncode, proc.stdout + proc.stderr)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = run_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory):
    """The site as GitHub Pages publishes a project site: built with its address in
    KB_SITE_URL (as CI sets it), served under a sub-path, with 404.html for missing pages."""
    from published import PREFIX, Published, free_port, serve_published

    port = free_port()
    url = f"http://127.0.0.1:{port}{PREFIX}"
    build = run_build(ROOT, tmp_path_factory.mktemp("published") / "site", env={"KB_SITE_URL": url})
    assert build.returncode == 0, build.output
    with serve_published(build.site, port):
        yield Published(build, url)


class Project:
    """A throw-away copy of the project that a test may break on purpose."""

    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True)
        for name in ("mkdocs.yml", "data", "docs", "hooks", "overrides"):
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, path / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(src, path / name)

    def edit(self, relative: str, old: str, new: str) -> int:
        """Replace `old` (which must occur) by `new`; return the 1-based line of the change."""
        file = self.path / relative
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
        return text[: text.index(old)].count("\n") + 1

    def append(self, relative: str, text: str) -> int:
        """Append lines to a file; return the line number of the first appended line."""
        file = self.path / relative
        old = file.read_text(encoding="utf-8") if file.exists() else ""
        if old and not old.endswith("\n"):
            old += "\n"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(old + text, encoding="utf-8")
        return old.count("\n") + 1

    def build(self, *extra: str) -> Build:
        return run_build(self.path, self.path / "site", *extra)

    def kb(self, *args: str) -> subprocess.CompletedProcess:
        """A `kb` command on this copy, as an editor runs it."""
        return subprocess.run(
            [sys.executable, "-m", "campaign_kb.cli", "--root", str(self.path), *args],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def check(self) -> Checked:
        """`kb check` on this copy, as an editor (or pre-commit) runs it."""
        done = self.kb("check")
        return Checked(done.returncode, done.stdout + done.stderr)


@dataclass
class Checked:
    """Result of `kb check`."""

    returncode: int
    output: str


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "project")
