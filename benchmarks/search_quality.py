"""Search quality on the real site: precision@1, MRR@10 and Traditional = Simplified.

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
from kbbench.judge import is_hit, simplified

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "benchmarks" / "search_queries.yml"


def evaluate(site_dir: Path) -> dict:
    groups: dict[str, list[str]] = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    rows, times = [], []
    with browser.serve(site_dir) as base, browser.browser() as chromium:
        page = chromium.new_page()
        page.goto(base)
        for group, queries in groups.items():
            for query in queries:
                found = browser.search(page, query)
                times.append(found["ms"])
                hits = [is_hit(site_dir, url, query) for url in found["urls"][:10]]
                rank = hits.index(True) + 1 if True in hits else None
                row = {"group": group, "query": query, "rank": rank, "top": found["urls"][:1]}
                if group == "traditional":
                    twin = browser.search(page, simplified(query))
                    row["same_as_simplified"] = twin["urls"] == found["urls"]
                rows.append(row)
    n = len(rows)
    trad = [r for r in rows if "same_as_simplified" in r]
    return {
        "queries": n,
        "precision_at_1": sum(r["rank"] == 1 for r in rows) / n,
        "mrr_at_10": sum(1 / r["rank"] for r in rows if r["rank"]) / n,
        "traditional_same": sum(r["same_as_simplified"] for r in trad),
        "traditional_total": len(trad),
        "per_group": {
            g: sum(r["rank"] == 1 for r in rows if r["group"] == g)
            / sum(1 for r in rows if r["group"] == g)
            for g in groups
        },
        "median_query_ms": statistics.median(times),
        "misses": [r for r in rows if r["rank"] != 1],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = evaluate(args.site)
    print(f"queries: {result['queries']}")
    print(f"precision@1: {result['precision_at_1']:.3f}   MRR@10: {result['mrr_at_10']:.3f}")
    print(f"Traditional = Simplified: {result['traditional_same']}/{result['traditional_total']}")
    for group, p1 in result["per_group"].items():
        print(f"  {group:12} P@1 {p1:.2f}")
    print(f"median time per query (warm, in the browser): {result['median_query_ms']:.1f} ms")
    for miss in result["misses"]:
        print(f"  miss: {miss['query']!r} rank={miss['rank']} top={miss['top']}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
