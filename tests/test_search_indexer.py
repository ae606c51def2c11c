"""The search index writer: pages are written as they come, whatever happened to site_dir."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from campaign_kb.search.facets import Facets
from campaign_kb.search.indexer import RECORDS_DIR, SearchIndexWriter
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
    assert json.loads(written.read_text(encoding="utf-8"))[0]["text"] == "成都调研"
    writer.discard()
