"""The built site: source pages are faithful to the raw reports and carry their metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import Build
from fidelity import first_missing_sentence, raw_sentences

from campaign_kb.catalog import load_catalog
from campaign_kb.ingest.script_fixes import load_fixes
from campaign_kb.sources import ingest_all

SOURCES = [
    s["id"]
    for s in yaml.safe_load(
        Path(__file__).parent.parent.joinpath("data/sources.yml").read_text(encoding="utf-8")
    )
]


def test_strict_build_passes(site_build: Build) -> None:
    assert site_build.returncode == 0
    assert "WARNING" not in site_build.output


@pytest.mark.parametrize("sid", SOURCES)
def test_every_raw_sentence_is_on_the_built_page(root: Path, site_build: Build, sid: str) -> None:
    document = ingest_all(load_catalog(root))[sid]
    raw = (root / "data/raw" / document.source.raw).read_text(encoding="utf-8")
    removed = {r.line for r in document.result.removed}
    meta = {m.line for m in document.result.meta}  # datelines, bylines: listed in 处理记录
    text = site_build.article_text(f"sources/{sid}/")
    provenance_start = text.index("处理记录")
    sentences = raw_sentences(raw, removed | meta, load_fixes(root))
    missing = first_missing_sentence(sentences, text[:provenance_start])
    assert missing is None, f"sentence missing from sources/{sid}/: {missing}"
    lines = raw_sentences(raw, removed | (set(range(1, raw.count("\n") + 2)) - meta))
    missing = first_missing_sentence(lines, text[provenance_start:])
    assert missing is None, f"metadata line missing from 处理记录 of sources/{sid}/: {missing}"


def test_fidelity_check_reports_a_dropped_sentence() -> None:
    sentences = raw_sentences("第一句。第二句。\n第三句。", set())
    assert first_missing_sentence(sentences, "第一句。第三句。") == "第二句"


def test_redactions_are_kept_and_explained(site_build: Build) -> None:
    html = site_build.html("sources/chongqing-2023-di-er-pi-zhu-chi-ci/")
    marks = html.css("span.kb-redaction")
    assert len(marks) >= 10 and all(m.text() == "*" for m in marks)
    assert "匿名化" in site_build.article_text("sources/chongqing-2023-di-er-pi-zhu-chi-ci/")


def test_inferred_city_is_marked_with_its_reason(site_build: Build) -> None:
    text = site_build.article_text("sources/chongqing-2023-di-er-pi-zhu-chi-ci/")
    assert "推断" in text and "新重庆" in text


def test_every_paragraph_has_an_anchor(site_build: Build) -> None:
    for sid in SOURCES:
        html = site_build.html(f"sources/{sid}/")
        paragraphs = [p for p in html.css("article > p:not(.kb-cited)") if p.text(strip=True)]
        without = [p.text()[:30] for p in paragraphs if not p.attributes.get("id")]
        assert not without, f"{sid}: paragraphs without anchor: {without}"


def test_home_page_lists_every_source(site_build: Build) -> None:
    html = site_build.html("")
    hrefs = {a.attributes.get("href") for a in html.css("article a")}
    for sid in SOURCES:
        assert f"sources/{sid}/" in hrefs
