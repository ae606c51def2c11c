"""Search quality on the real site: content, navigational and forgiving queries.

Content queries (the reader groups of search_queries.yml): precision@1, MRR@10, the share with a
source paragraph among the first three results, and Traditional = Simplified. Navigational
queries (every name in data/, and the `navigational` group): precision@1, a hit being the named
page. Forgiving queries (`suggestions`): the share whose “你是不是要找” line is the expected one.

Usage: python benchmarks/search_quality.py [--site site] [--json out.json]
Builds nothing: run `mkdocs build` first (or `make bench-search`, which does).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

import yaml
from kbbench import browser
from kbbench.judge import (
    is_hit,
    is_source_paragraph,
    named_pages,
    page_of,
    simplified,
    source_holds,
)

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "benchmarks" / "search_queries.yml"
NOT_CONTENT = {"navigational", "suggestions"}
TOP = 3  # a source paragraph among the first TOP results

# The site's own search function (the one the box uses), with what the box shows besides hits.
SEARCH_JS = """async ([query, limit]) => {
  const t0 = performance.now();
  const found = await window.kbSearch.search(query, {}, limit);
  return {
    ms: performance.now() - t0,
    suggestion: found.suggestion ?? null,
    urls: found.hits.map((h) => new URL(h.url, location.href).href),
  };
}"""


def _search(page, query: str) -> dict:
    return page.evaluate(SEARCH_JS, [query, 10])


def evaluate(site_dir: Path) -> dict:
    groups: dict = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    content = {g: q for g, q in groups.items() if g not in NOT_CONTENT}
    named = named_pages(ROOT)
    navigational = {name: pages for name, pages in sorted(named.items())}
    for query, page in groups.get("navigational", {}).items():
        navigational[query] = {page}
    rows, nav_rows, suggestion_rows, times = [], [], [], []
    with browser.serve(site_dir) as base, browser.browser() as chromium:
        page = chromium.new_page()
        page.goto(base)
        for group, queries in content.items():
            for query in queries:
                found = _search(page, query)
                times.append(found["ms"])
                hits = [is_hit(site_dir, url, query) for url in found["urls"][:10]]
                rank = hits.index(True) + 1 if True in hits else None
                row = {"group": group, "query": query, "rank": rank, "top": found["urls"][:1]}
                if source_holds(site_dir, query):
                    row["source_in_top"] = any(
                        is_source_paragraph(url) and is_hit(site_dir, url, query)
                        for url in found["urls"][:TOP]
                    )
                if group == "traditional":
                    twin = _search(page, simplified(query))
                    row["same_as_simplified"] = twin["urls"] == found["urls"]
                rows.append(row)
        for query, pages in navigational.items():
            found = _search(page, query)
            first = page_of(found["urls"][0]) if found["urls"] else None
            nav_rows.append(
                {"query": query, "hit": first in pages, "top": first, "named": sorted(pages)}
            )
        for query, expected in groups.get("suggestions", {}).items():
            found = _search(page, query)
            suggestion_rows.append(
                {
                    "query": query,
                    "expected": expected,
                    "got": found["suggestion"],
                    "hit": found["suggestion"] == expected,
                }
            )
    n = len(rows)
    trad = [r for r in rows if "same_as_simplified" in r]
    with_source = [r for r in rows if "source_in_top" in r]
    return {
        "queries": n,
        "precision_at_1": sum(r["rank"] == 1 for r in rows) / n,
        "mrr_at_10": sum(1 / r["rank"] for r in rows if r["rank"]) / n,
        "source_in_top3": sum(r["source_in_top"] for r in with_source) / len(with_source),
        "source_in_top3_of": len(with_source),
        "traditional_same": sum(r["same_as_simplified"] for r in trad),
        "traditional_total": len(trad),
        "per_group": {
            g: sum(r["rank"] == 1 for r in rows if r["group"] == g)
            / sum(1 for r in rows if r["group"] == g)
            for g in content
        },
        "navigational": len(nav_rows),
        "navigational_precision_at_1": sum(r["hit"] for r in nav_rows) / len(nav_rows),
        "suggestions": len(suggestion_rows),
        "suggestions_right": sum(r["hit"] for r in suggestion_rows) / len(suggestion_rows),
        "median_query_ms": statistics.median(times),
        "misses": [r for r in rows if r["rank"] != 1],
        "no_source_in_top3": [r["query"] for r in with_source if not r["source_in_top"]],
        "navigational_misses": [r for r in nav_rows if not r["hit"]],
        "suggestion_misses": [r for r in suggestion_rows if not r["hit"]],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = evaluate(args.site)
    print(f"content queries: {result['queries']}")
    print(f"  precision@1: {result['precision_at_1']:.3f}   MRR@10: {result['mrr_at_10']:.3f}")
    print(
        f"  source paragraph in the top {TOP}: {result['source_in_top3']:.3f}"
        f" (of {result['source_in_top3_of']} queries a source paragraph answers)"
    )
    print(f"  Traditional = Simplified: {result['traditional_same']}/{result['traditional_total']}")
    for group, p1 in result["per_group"].items():
        print(f"    {group:12} P@1 {p1:.2f}")
    print(
        f"navigational queries: {result['navigational']}"
        f"   precision@1: {result['navigational_precision_at_1']:.3f}"
    )
    print(f"suggestion queries: {result['suggestions']}   right: {result['suggestions_right']:.3f}")
    print(f"median time per query (warm, in the browser): {result['median_query_ms']:.1f} ms")
    for miss in result["misses"]:
        print(f"  miss: {miss['query']!r} rank={miss['rank']} top={miss['top']}")
    for query in result["no_source_in_top3"]:
        print(f"  no source paragraph in the top {TOP}: {query!r}")
    for miss in result["navigational_misses"]:
        print(f"  navigational miss: {miss['query']!r} top={miss['top']} named={miss['named']}")
    for miss in result["suggestion_misses"]:
        print(f"  suggestion miss: {miss['query']!r} got={miss['got']!r} want={miss['expected']!r}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
