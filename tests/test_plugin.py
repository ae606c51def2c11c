"""The `kb` plugin as an editor meets it: `mkdocs serve` that survives every mistake and shows
it on the page, rebuilds on data/ changes, names code changes; the cache; the MkDocs boundary."""

from __future__ import annotations

import ast
import html
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import ROOT, Project

PACKAGE = ROOT / "src" / "campaign_kb"


def test_only_the_plugin_package_imports_mkdocs() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(PACKAGE / "plugin"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            if any(n.split(".")[0] in {"mkdocs", "material"} for n in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


class Server:
    """`mkdocs serve` on a project copy, its log read as it comes."""

    def __init__(self, project: Project) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=project.path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for_log("Serving on")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log.append(line)

    def wait_for_log(self, text: str, after: int = 0, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.log[after:]):
            assert self.process.poll() is None, "the server stopped:\n" + "".join(self.log)
            assert time.monotonic() < deadline, f"no {text!r} in:\n" + "".join(self.log)
            time.sleep(0.1)

    def page(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=30) as reply:
            return reply.read().decode("utf-8")

    def wait_for_page(self, path: str, holds: bool, text: str, timeout: float = 90) -> str:
        """The page once it holds (or no longer holds) `text`, after a rebuild."""
        deadline = time.monotonic() + timeout
        while True:
            assert self.process.poll() is None, "the server stopped:\n" + "".join(self.log)
            page = self.page(path)
            if (text in page) == holds:
                return page
            assert time.monotonic() < deadline, f"{text!r} {holds=} never:\n" + "".join(self.log)
            time.sleep(0.2)


@contextmanager
def serving(project: Project) -> Iterator[Server]:
    server = Server(project)
    try:
        yield server
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)


BANNER = "构建发现"


def test_serve_shows_a_data_mistake_on_the_page_and_recovers(project: Project) -> None:
    with serving(project) as server:
        assert BANNER not in server.page("cities/chengdu/")
        line = project.edit(
            "data/facts.yml", "  quote: 基层党组织4933个", "  quote: 基层党组织4934个"
        )
        page = server.wait_for_page("cities/chengdu/", True, BANNER)
        assert html.escape(f"data/facts.yml:{line}: the quote «基层党组织4934个»") in page
        # The page is served as soon as it is written; the log comes at the end of the build.
        server.wait_for_log(f"data/facts.yml:{line}: the quote «基层党组织4934个»")
        project.edit("data/facts.yml", "  quote: 基层党组织4934个", "  quote: 基层党组织4933个")
        server.wait_for_page("cities/chengdu/", False, BANNER)
    assert "Traceback" not in "".join(server.log)


def test_serve_survives_broken_yaml_a_failing_macro_and_forbidden_template_code(
    project: Project,
) -> None:
    project.append("data/metrics.yml", "- id: [broken\n")  # YAML syntax error before serve
    with serving(project) as server:
        page = server.wait_for_page("", True, BANNER)
        assert "data/metrics.yml:" in page
        project.edit("data/metrics.yml", "- id: [broken\n", "")
        server.wait_for_page("", False, BANNER)
        line = project.append("docs/cities/chengdu.md", "{{ 1/0 }} {{ environment }}\n")
        page = server.wait_for_page("cities/chengdu/", True, BANNER)
        assert f"docs/cities/chengdu.md:{line}: 不允许的模板写法" in html.unescape(page)
        assert "/work/" not in page and "site-packages" not in page
    assert "Traceback" not in "".join(server.log)


def test_serve_names_a_code_change_that_needs_a_restart(project: Project) -> None:
    with serving(project) as server:
        seen = len(server.log)
        hook = project.path / "hooks" / "macros.py"
        hook.write_text(hook.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        server.wait_for_log("代码（src/ 或 hooks/）已修改", after=seen)


def test_a_second_build_reads_ingest_from_the_cache_and_stays_the_same(
    project: Project, monkeypatch
) -> None:
    monkeypatch.delenv("CI", raising=False)  # CI builds cold: see the next test
    first = project.build()
    assert first.returncode == 0, first.output
    cache = project.path / ".cache" / "plugin" / "kb"
    entries = sorted(cache.glob("*/*.json"))
    site = project.path / "site"
    pages = _pages(site)
    searched = _search_files(site)
    built = len(list((project.path / "docs").rglob("*.md")))
    # one per source, the pinyin of the names, and one reading of each rendered page
    assert len(entries) == 5 + 1 + built
    second = project.build()  # every entry found: nothing ingested or read again
    assert second.returncode == 0, second.output
    assert sorted(cache.glob("*/*.json")) == entries
    assert _pages(site) == pages and _search_files(site) == searched
    for entry in entries:  # a corrupt entry is a miss, not an error
        entry.write_text("{not json", encoding="utf-8")
    third = project.build()
    assert third.returncode == 0, third.output
    assert _pages(site) == pages and _search_files(site) == searched
    assert all(json.loads(e.read_text(encoding="utf-8")) for e in entries)


def _search_files(site: Path) -> dict[Path, bytes]:
    """The search index as the browser loads it: records, lexicon, and Pagefind's files."""
    return {
        path.relative_to(site): path.read_bytes()
        for folder in (site / "assets" / "search", site / "pagefind")
        for path in folder.rglob("*")
        if path.is_file()
    }


def _pages(site: Path) -> dict[Path, str]:
    """Every page, less the build time that the 最后更新 date shows outside git."""
    return {
        path: re.sub(r'title="[^"]*UTC"', "", path.read_text(encoding="utf-8"))
        for path in site.rglob("*.html")
    }


def test_ci_builds_cold(project: Project, monkeypatch) -> None:
    monkeypatch.setenv("CI", "true")
    build = project.build()
    assert build.returncode == 0, build.output
    assert not (project.path / ".cache").exists()


def test_a_cache_that_came_with_the_repository_is_ignored(project: Project, monkeypatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    entry = project.path / ".cache" / "plugin" / "kb" / "ab" / "ab.json"
    entry.parent.mkdir(parents=True)
    entry.write_text("{}", encoding="utf-8")
    for command in (["init", "-q"], ["add", "-f", "."]):
        subprocess.run(["git", *command], cwd=project.path, check=True, capture_output=True)
    build = project.build()
    assert build.returncode == 0, build.output
    assert (
        ".cache/plugin/kb/ab/ab.json：缓存文件不应提交到仓库，本次构建不使用缓存 — "
        "用 git rm -r --cached .cache/plugin/kb 把它移出版本库" in build.output
    )
    assert list((project.path / ".cache" / "plugin" / "kb").glob("*/*.json")) == [entry]
