"""The benchmark's plain-Material pages: the Markdown after macros, with the same front matter."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest

HOOK = Path(__file__).parent.parent / "benchmarks" / "dump_markdown.py"


def _dump(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, source: str, rendered: str) -> str:
    spec = importlib.util.spec_from_file_location("dump_markdown", HOOK)
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    monkeypatch.setenv("KB_DUMP_MARKDOWN", str(tmp_path))
    page = SimpleNamespace(file=SimpleNamespace(src_uri="cities/x.md", content_string=source))
    assert hook.on_page_markdown(rendered, page=page, config=None, files=None) == rendered
    return (tmp_path / "cities/x.md").read_text(encoding="utf-8")


def test_front_matter_is_kept_as_written(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    source = "---\ncity: ningbo\nrender_macros: true\n---\n\n# 宁波\n\n{{ practices() }}\n"
    dumped = _dump(monkeypatch, tmp_path, source, "# 宁波\n\n| 做法 |\n")
    assert dumped == "---\ncity: ningbo\nrender_macros: true\n---\n# 宁波\n\n| 做法 |\n"


def test_page_without_front_matter_is_the_rendered_markdown(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    dumped = _dump(monkeypatch, tmp_path, "# 术语表\n", "# 术语表\n")
    assert dumped == "# 术语表\n"
