"""Write the Pagefind index (one search document per page) and the browser's lexicon.

Each page becomes a small HTML document whose sections carry the records' tokens, and whose
metadata carries the records themselves (anchor, section, text, facets). Pagefind finds the
pages that hold a phrase; the browser then picks the paragraphs. One document per page, not per
paragraph, keeps indexing linear in pages and cheap (Pagefind pays per file).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from html import escape
from pathlib import Path

from ..problems import DataError, Problem
from .records import SearchRecord
from .tokens import index_tokens

INDEX_DIR = "pagefind"
LEXICON_FILE = "assets/search/lexicon.json"


def write_search_index(records: list[SearchRecord], site_dir: Path, lexicon: dict) -> None:
    """Index the records with the Pagefind CLI, then write the lexicon among the site's assets."""
    with tempfile.TemporaryDirectory(prefix="kb-search-") as tmp:
        for url, page in _by_page(records).items():
            path = Path(tmp) / (url if url.endswith(".html") else f"{url}index.html")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(search_document(page), encoding="utf-8")
        _run_pagefind(Path(tmp), site_dir / INDEX_DIR)
    facets: dict[str, Counter[str]] = {"城市": Counter(), "方法": Counter(), "类型": Counter()}
    for r in records:
        for name, values in r.facets.as_filters().items():
            facets[name].update(values)
    out = site_dir / LEXICON_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {**lexicon, "facets": {k: dict(sorted(v.items())) for k, v in facets.items()}}
    out.write_text(json.dumps(payload, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def _by_page(records: list[SearchRecord]) -> dict[str, list[SearchRecord]]:
    pages: dict[str, list[SearchRecord]] = {}
    for record in records:
        pages.setdefault(record.url.split("#", 1)[0], []).append(record)
    return pages


def search_document(records: list[SearchRecord]) -> str:
    """The HTML Pagefind indexes for one page."""
    title = records[0].page_title
    payload = [
        {
            "anchor": r.url.partition("#")[2],
            "section": r.section,
            "text": r.text,
            "kind": r.facets.kind,
            "cities": list(r.facets.cities),
            "methods": list(r.facets.methods),
        }
        for r in records
    ]
    filters = sorted(
        {
            (name, v)
            for r in records
            for name, values in r.facets.as_filters().items()
            for v in values
        }
    )
    records_json = escape(json.dumps(payload, ensure_ascii=False))
    head = [
        f'<span data-pagefind-meta="title">{escape(title)}</span>',
        f'<span data-pagefind-meta="records">{records_json}</span>',
        *(f'<span data-pagefind-filter="{escape(n)}">{escape(v)}</span>' for n, v in filters),
    ]
    body = [
        f'<section id="{escape(p["anchor"])}"><p>{escape(index_tokens(r.text))}</p></section>'
        for p, r in zip(payload, records, strict=True)
    ]
    return (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>"
        f"<div data-pagefind-ignore>{''.join(head)}</div>"
        f"<main data-pagefind-body>{''.join(body)}</main></body></html>\n"
    )


def _run_pagefind(documents: Path, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(documents)]
    command += ["--output-path", str(output), "--force-language", "zh", "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise DataError(
            [
                Problem(
                    "mkdocs.yml",
                    None,
                    f"the search index could not be written (Pagefind said: {detail[0]}) — "
                    "run `make setup` to reinstall Pagefind, then build again",
                )
            ]
        )
