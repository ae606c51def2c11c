"""The benchmark corpus: deterministic, and a valid project that builds strictly."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from conftest import run_build
from kbbench.corpus import generate


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted((root / "data").rglob("*")) + sorted((root / "docs").rglob("*.md")):
        if path.is_file():
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def test_same_seed_same_corpus(tmp_path: Path):
    first = generate(tmp_path / "a", 12)
    second = generate(tmp_path / "b", 12)
    assert _digest(first.root) == _digest(second.root)
    assert _digest(generate(tmp_path / "c", 12, seed=7).root) != _digest(first.root)


def test_corpus_builds_strictly_with_every_check(tmp_path: Path):
    corpus = generate(tmp_path / "corpus", 15)
    assert corpus.reports == 15 and corpus.paragraphs > 15 * 10
    cities = yaml.safe_load((corpus.root / "data/cities.yml").read_text(encoding="utf-8"))
    assert corpus.cities == len(cities) > 3  # the project's cities and the synthetic ones
    build = run_build(corpus.root, tmp_path / "site")
    assert build.returncode == 0, build.output
    # Traditional reports were converted, and junk lines removed from the text.
    page = (corpus.root / "docs/sources/syn-0004.md").read_text(encoding="utf-8")
    assert "主题教育工作纪实" in page and "返回顶部 | 网页功能按钮" in page
    assert (tmp_path / "site/pagefind/pagefind.js").exists()
