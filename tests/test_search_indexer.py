"""The search index: documents and records as pages come, then Pagefind's command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from campaign_kb.problems import DataError
from campaign_kb.search import indexer
from campaign_kb.search.facets import Facets
from campaign_kb.search.index_cache import IndexCache
from campaign_kb.search.indexer import (
    INDEX_DIR,
    LEXICON_FILE,
    RECORDS_DIR,
    SearchIndex,
    indexed_page,
)
from campaign_kb.search.records import SearchRecord


def _record(n: int) -> SearchRecord:
    return SearchRecord(f"p{n}/#a", f"P{n}", "A", f"成都调研{n}", Facets("城市", ("成都",)))


def test_every_page_reaches_the_index_and_names_its_records(tmp_path: Path) -> None:
    site = tmp_path / "site"
    index = SearchIndex(site)
    for n in range(5):
        index.add(indexed_page([_record(n)], index.terms))
    index.start({"words": []})
    assert index.wait(timeout=120) == 5
    assert (site / INDEX_DIR / "pagefind-entry.json").stat().st_size > 0
    pages = {
        json.loads(path.read_text(encoding="utf-8"))["url"]
        for path in (site / RECORDS_DIR).glob("*.json")
    }
    assert pages == {f"p{n}/" for n in range(5)}
    lexicon = json.loads((site / LEXICON_FILE).read_text(encoding="utf-8"))
    assert lexicon["facets"]["城市"] == {"成都": 5}


def _fake_pagefind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, body: str) -> None:
    script = tmp_path / "fake_pagefind.py"
    script.write_text(body, encoding="utf-8")
    monkeypatch.setattr(indexer, "pagefind_command", lambda: [sys.executable, str(script)])


def test_a_pagefind_that_fails_is_an_error_with_its_words(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fake_pagefind(
        monkeypatch, tmp_path, "import sys\nprint('Error: no space left')\nsys.exit(3)\n"
    )
    index = SearchIndex(tmp_path / "site")
    index.add(indexed_page([_record(1)], index.terms))
    index.start({})
    with pytest.raises(DataError) as caught:
        index.wait(timeout=60)
    assert str(caught.value) == (
        "mkdocs.yml: 搜索索引没有写成（Pagefind：Error: no space left）— 运行 `make setup` "
        "重新安装 Pagefind，然后再构建；如果仍然失败，请把这条信息报告给维护者"
    )


def test_a_pagefind_that_hangs_is_an_error_within_the_time_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fake_pagefind(monkeypatch, tmp_path, "import time\ntime.sleep(60)\n")
    index = SearchIndex(tmp_path / "site")
    index.add(indexed_page([_record(1)], index.terms))
    index.start({})
    with pytest.raises(DataError, match="Pagefind 在 1 秒内没有完成"):
        index.wait(timeout=1)
    assert not index._documents.exists()  # the documents are removed, Pagefind is stopped


def test_a_pagefind_that_cannot_start_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(indexer, "pagefind_command", lambda: [str(tmp_path / "no-such-program")])
    index = SearchIndex(tmp_path / "site")
    index.add(indexed_page([_record(1)], index.terms))
    with pytest.raises(DataError, match="no-such-program: No such file or directory"):
        index.start({})


# A Pagefind that writes a one-file index and counts how often it ran.
COUNTING_PAGEFIND = """\
import pathlib, sys
output = pathlib.Path(sys.argv[sys.argv.index("--output-path") + 1])
output.mkdir(parents=True, exist_ok=True)
(output / "pagefind-entry.json").write_text("{}", encoding="utf-8")
runs = pathlib.Path(__file__).with_name("runs")
runs.write_text(runs.read_text() + "x" if runs.exists() else "x")
"""


def _index_once(site: Path, cache: Path, pages: range, text: str = "成都调研") -> None:
    index = SearchIndex(site, cache=IndexCache(cache))
    for n in pages:
        index.add(
            indexed_page(
                [SearchRecord(f"p{n}/#a", f"P{n}", "A", f"{text}{n}", _record(n).facets)],
                index.terms,
            )
        )
    index.start({})
    index.wait(timeout=60)


def test_the_same_documents_reuse_the_saved_index_and_new_ones_run_pagefind(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fake_pagefind(monkeypatch, tmp_path, COUNTING_PAGEFIND)
    runs, cache = tmp_path / "runs", tmp_path / "cache"
    _index_once(tmp_path / "site1", cache, range(3))
    _index_once(tmp_path / "site2", cache, range(3))
    assert runs.read_text() == "x"  # the second index was copied from the cache
    assert (tmp_path / "site2" / INDEX_DIR / "pagefind-entry.json").read_text() == "{}"
    _index_once(tmp_path / "site3", cache, range(3), text="宁波党课")
    _index_once(tmp_path / "site4", cache, range(4))
    assert runs.read_text() == "xxx"  # changed text, one more page: Pagefind ran again
    assert len(list(cache.iterdir())) == 1  # only the newest index is kept


def test_a_failed_pagefind_leaves_nothing_in_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fake_pagefind(monkeypatch, tmp_path, "import sys\nsys.exit(3)\n")
    with pytest.raises(DataError):
        _index_once(tmp_path / "site", tmp_path / "cache", range(2))
    assert not (tmp_path / "cache").exists()


def test_a_pagefind_that_fails_in_a_dirty_site_leaves_the_saved_index_whole(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A Pagefind that writes into the site's folder and then fails must not change the saved
    index."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    _fake_pagefind(monkeypatch, tmp_path, COUNTING_PAGEFIND)
    _index_once(site, cache, range(3))
    broken = COUNTING_PAGEFIND.replace('write_text("{}"', 'write_text("broken"') + "sys.exit(3)\n"
    _fake_pagefind(monkeypatch, tmp_path, broken)
    with pytest.raises(DataError):  # `mkdocs build --dirty`: the same site folder, new text
        _index_once(site, cache, range(3), text="宁波党课")
    _fake_pagefind(monkeypatch, tmp_path, COUNTING_PAGEFIND)
    _index_once(tmp_path / "site2", cache, range(3))
    assert (tmp_path / "runs").read_text() == "xx"  # the first two ran; this one was restored
    assert (tmp_path / "site2" / INDEX_DIR / "pagefind-entry.json").read_text() == "{}"
