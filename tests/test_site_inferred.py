"""Inferred means marked everywhere: walk every built page and require 推断 beside every
value that comes from an inferred field (a source's city, date or batch)."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import ROOT, Build, Project

BLOCKS = "td, li, p, small"


def _titles(root: Path) -> set[str]:
    sources = yaml.safe_load((root / "data/sources.yml").read_text(encoding="utf-8"))
    return {s["title"] for s in sources}


def _inferred(root: Path) -> tuple[set[str], set[str]]:
    """(page paths of sources whose city is inferred, texts that show an inferred value: the
    date as shown, and a batch as shown after its campaign's name)."""
    sources = yaml.safe_load((root / "data/sources.yml").read_text(encoding="utf-8"))
    campaigns = yaml.safe_load((root / "data/campaigns.yml").read_text(encoding="utf-8"))
    short = {c["id"]: c["short_name"] for c in campaigns}
    pages = {f"sources/{s['id']}/" for s in sources if s.get("city_inferred")}
    shown = {s.get("date_label") or s["date"] for s in sources if s.get("date_inferred")}
    shown |= {
        f"{short[s['campaign']]}（{s['batch']}"
        for s in sources
        if s.get("batch_inferred") and s["campaign"] in short
    }
    return pages, shown


def _inferred_links(root: Path) -> dict[str, set[str]]:
    """Page paths of sources whose city is inferred → the links that name that city on those
    pages (the city page: the 本段被引用于 lines name the city of the quoting practice or fact),
    and every page → the city × method anchors whose practices rest only on inferred cities."""
    sources = {
        s["id"]: s for s in yaml.safe_load((root / "data/sources.yml").read_text(encoding="utf-8"))
    }
    practices = yaml.safe_load((root / "data/practices.yml").read_text(encoding="utf-8"))
    on_page = {
        f"sources/{s['id']}/": {f"cities/{s['city']}/"}
        for s in sources.values()
        if s.get("city_inferred")
    }
    pairs: dict[tuple[str, str], bool] = {}
    for p in practices:
        inferred = all(sources[c["source"]].get("city_inferred") for c in p["citations"])
        key = (p["city"], p["method"])
        pairs[key] = pairs.get(key, True) and inferred
    everywhere = {
        link
        for (city, method), inferred in pairs.items()
        if inferred
        for link in (f"cities/{city}/#{method}", f"methods/{method}/#{city}")
    }
    return {"*": everywhere, **on_page}


def unmarked(build: Build) -> list[str]:
    """Every block (table cell, list item, paragraph) that cites a source whose city is
    inferred (a figure, a mark, an 原文 link — not a plain link by the source's title), links
    to a city × method section that rests only on inferred cities, or shows an inferred date or
    batch, but does not say 推断 (in a table, the column heading counts: a column headed
    重庆（推断） marks its cells). On a source page whose city is inferred, every block beside
    the source's own paragraphs that links to the city's page must say it too (the 本段被引用于
    lines). Every page counts: source pages, the tag index and the 404 page as well."""
    pages, dates = _inferred(build.project)
    targets = _inferred_links(build.project)
    titles = _titles(build.project)
    found = []
    for path in sorted(build.site.rglob("*.html")):
        url = path.relative_to(build.site).as_posix()
        if url.startswith("assets/"):
            continue  # search documents and other generated files, not pages
        article = build.html(url).css_first("article")
        if article is None:
            continue
        here = targets["*"] | targets.get(url.removesuffix("index.html"), set())
        for node in article.css(BLOCKS):
            if len(node.css(BLOCKS)) > 1:  # the node itself counts as one match
                continue  # judge the innermost block only
            if node.tag == "p" and (node.attributes.get("id") or "").startswith("p-"):
                continue  # a source's own words, not a value of ours
            text = node.text() + _column_heading(node)
            hrefs = [(a.attributes.get("href") or "", a.text(strip=True)) for a in node.css("a")]
            links = [
                href
                for href, label in hrefs
                if any(p in href for p in pages) and label not in titles
            ]
            links += [href for href, _ in hrefs if any(t in href for t in here)]
            shows = [d for d in dates if d in text]
            if (links or shows) and "推断" not in text:
                found.append(f"{url}: {' '.join(text.split())[:80]}")
    return found


def _column_heading(cell) -> str:  # noqa: ANN001 - a selectolax node
    if cell.tag != "td" or cell.parent is None:
        return ""
    row = cell.parent
    index = [c for c in row.iter() if c.tag == "td"].index(cell) if row else 0
    table = row.parent.parent if row.parent is not None else None
    headings = table.css("thead th") if table is not None else []
    return headings[index].text() if index < len(headings) else ""


def test_every_inferred_value_is_marked_on_the_whole_site(site_build: Build) -> None:
    assert unmarked(site_build) == []
    tags = site_build.html("sources/chongqing-2023-di-er-pi-zhu-chi-ci/")
    assert [t.text(strip=True) for t in tags.css(".md-tag")] == ["重庆（推断）"]
    method = site_build.html("methods/diao-yan-hong-xian/")
    assert "重庆（推断）" in [t.text(strip=True) for t in method.css(".md-tag")]


def test_a_cell_without_the_mark_is_found(project: Project) -> None:
    project.edit(
        "docs/cities/index.md",
        "{{ city_index() }}",
        "{{ city_index() }}\n\n| 来源 |\n|---|\n"
        "| [原文](../sources/chongqing-2023-di-er-pi-zhu-chi-ci.md) |\n",
    )
    build = project.build()
    assert build.returncode == 0, build.output
    [problem] = unmarked(build)
    assert problem.startswith("cities/index.html: 原文")


def test_inferred_fields_exist() -> None:
    pages, dates = _inferred(ROOT)
    assert "sources/chongqing-2023-di-er-pi-zhu-chi-ci/" in pages
    assert "2023年9月前后" in dates
