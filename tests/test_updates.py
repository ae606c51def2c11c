"""更新记录 and its Atom feed, built from this repository's history."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urldefrag, urljoin

import pytest
from conftest import ROOT, Build
from site_address import site_path

from campaign_kb.catalog import load_catalog
from campaign_kb.history import HistoryState, read_change_log

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def history():
    log = read_change_log(ROOT)
    if not log.readable:
        pytest.skip("this copy of the project has no git history (covered in test_site_tools)")
    return log


def test_the_page_lists_every_source_and_fact_added(site_build: Build, history) -> None:
    html = site_build.html("updates/")
    catalog = load_catalog(ROOT)
    linked = {a.attributes["href"] for a in html.css("article a[href]")}
    added = {a.record_id for a in history.additions}
    for source_id in set(catalog.sources) & added:
        assert f"../sources/{source_id}/" in linked, source_id
    for fact_id in set(catalog.facts) & added:
        fact = catalog.facts[fact_id]
        assert f"../sources/{fact.source}/#{fact.paragraph}" in linked, fact_id
    days = {a.date for a in history.additions}
    assert {h.attributes["id"] for h in html.css("article h2[id]")} >= {f"d-{d}" for d in days}


def test_the_feed_is_atom_with_a_day_an_entry_that_leads_to_the_page(
    site_build: Build, history
) -> None:
    feed = ET.parse(site_build.site / "updates/atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len({(a.date, a.or_earlier) for a in history.additions}) > 0
    page = site_build.html("updates/")
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
        href = entry.find(f"{ATOM}link").attrib["href"]
        path, anchor = urldefrag(site_path(urljoin("updates/atom.xml", href)))
        assert path == "updates/" and page.css_first(f"[id='{anchor}']") is not None
    assert history.state is HistoryState.COMPLETE or "浅克隆" in site_build.article_text("updates/")


def test_the_page_links_to_its_feed(site_build: Build) -> None:
    assert site_build.html("updates/").css_first("article a[href='atom.xml']") is not None
