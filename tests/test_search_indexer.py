"""The search index writer: pages are written as they come, whatever happened to site_dir."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from campaign_kb.search import indexer
from campaign_kb.search.facets import Facets
from campaign_kb.search.indexer import (
    INDEX_DIR,
    RECORDS_DIR,
    SearchIndexWriter,
    name_records_by_result,
)
from campaign_kb.search.records import SearchRecord


def test_the_writer_leaves_site_dir_alone_until_the_first_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    writer = SearchIndexWriter(site)
    shutil.rmtree(site)  # what MkDocs does to site_dir after on_pre_build, on every rebuild
    site.mkdir()
    record = SearchRecord("cities/x/#a", "X", "A", "成都调研", Facets("城市", ("成都",)))
    writer.add_page([record])
    (written,) = (site / RECORDS_DIR).glob("*.json")
    page = json.loads(written.read_text(encoding="utf-8"))
    assert (page["url"], page["title"]) == ("cities/x/", "X")
    assert page["records"][0]["text"] == "成都调研"
    writer.discard()


def _fragment(site: Path, name: str, meta: dict) -> None:
    fragment = {"url": "/x/", "content": "x", "meta": meta}
    data = b"pagefind_dcd" + json.dumps(fragment).encode("utf-8")
    path = site / INDEX_DIR / "fragment" / f"{name}.pf_fragment"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data))


def test_records_are_named_after_the_pagefind_result_that_names_them(tmp_path: Path) -> None:
    records = tmp_path / RECORDS_DIR
    records.mkdir(parents=True)
    (records / "0123456789abcdef.json").write_text("{}", encoding="utf-8")
    (records / "fedcba9876543210.json").write_text("{}", encoding="utf-8")
    _fragment(tmp_path, "en_1a2b3c4", {"records": "0123456789abcdef.json", "title": "X"})
    _fragment(tmp_path, "en_5d6e7f8", {"title": "no records named"})
    (tmp_path / INDEX_DIR / "fragment" / "en_broken.pf_fragment").write_bytes(b"not gzip")

    assert name_records_by_result(tmp_path) == 1
    # The unnamed page keeps its file: the browser reaches it through the fragment.
    assert sorted(p.name for p in records.iterdir()) == ["en_1a2b3c4.json", "fedcba9876543210.json"]


def test_pages_handed_to_pagefind_a_folder_at_a_time_all_reach_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind reads the documents in folders while the build goes on; the last folder, not
    yet full, is handed over when the index is written."""
    monkeypatch.setattr(indexer, "PART_PAGES", 2)
    site = tmp_path / "site"
    writer = SearchIndexWriter(site)
    for n in range(5):
        writer.add_page([SearchRecord(f"p{n}/#a", f"P{n}", "A", f"调研{n}", Facets("城市"))])
    assert writer.finish({}) == 5
    records = {
        json.loads(path.read_text(encoding="utf-8"))["url"]
        for path in (site / RECORDS_DIR).glob("en_*.json")  # named after Pagefind's results
    }
    assert records == {f"p{n}/" for n in range(5)}
