"""Write the Pagefind index (one search document per page) and the browser's lexicon.

Each page becomes a small HTML document whose sections carry the records' tokens; the records
themselves (anchor, section, text, facets) go to a JSON file per page that the document's
metadata names. Pagefind finds the pages that hold a phrase; the browser then reads those pages'
records and picks the paragraphs. One document per page, not per paragraph, keeps indexing
linear in pages and cheap (Pagefind pays per file). The records stay out of Pagefind's metadata
because Pagefind indexes metadata as searchable text, which would double the work and the index.

Pages are written as they are read (`SearchIndexWriter.add_page`) and handed to Pagefind a
folder at a time, which reads them while MkDocs goes on rendering; only writing the index is
left for the end of the build, and no page's records are kept in memory.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable
from html import escape
from pathlib import Path

from .. import timing
from ..problems import DataError, Problem
from .lexicon import fold
from .pagefind_service import PagefindError, PagefindService
from .records import SearchRecord
from .tokens import TermFinder, folded_tokens

INDEX_DIR = "pagefind"
LEXICON_FILE = "assets/search/lexicon.json"
RECORDS_DIR = "assets/search/records"
# Every ideograph is already its own word, so Pagefind's Chinese segmenter (jieba) has nothing
# to do but costs a third of the indexing time; index as a language without segmentation.
INDEX_LANGUAGE = "en"
# Pagefind fragments: gzip of this signature and JSON whose metadata names the records file.
_FRAGMENT_SIGNATURE = b"pagefind_dcd"
_RECORDS_META = re.compile(rb'"records"\s*:\s*"([0-9a-f]{16}\.json)"')
# Search documents per folder handed to Pagefind. Each folder costs Pagefind one request; the
# last folder is read only once every page is rendered, so it should be small.
PART_PAGES = 100


class SearchIndexWriter:
    """One build's index: each page's records and search document as the page comes, then
    Pagefind over all the documents and the lexicon (with facet counts) at the end."""

    def __init__(
        self,
        site_dir: Path,
        terms: TermFinder | None = None,
        start_process: Callable[..., subprocess.Popen] | None = None,
    ) -> None:
        """Starts Pagefind; `start_process` is called like `subprocess.Popen` to start it."""
        self.site_dir = site_dir
        self.terms = terms or TermFinder([])
        self.records = 0
        self._documents = Path(tempfile.mkdtemp(prefix="kb-search-"))
        self._parts = 0  # folders of documents handed to Pagefind
        self._in_part = 0  # documents in the folder being written
        # Made with the first page, not here: MkDocs empties site_dir after the writer is made.
        self._records_dir: Path | None = None
        self._facets: dict[str, Counter[str]] = {
            "城市": Counter(),
            "方法": Counter(),
            "类型": Counter(),
        }
        # Pagefind's failure is reported when the index is written, with the build's problems.
        self._pagefind: PagefindService | None = None
        self._failure: str | None = None
        try:
            self._pagefind = PagefindService(INDEX_LANGUAGE, start_process)
        except PagefindError as err:
            self._failure = str(err)

    def add_page(self, records: list[SearchRecord]) -> None:
        """The records of one page (all share its URL)."""
        if not records:
            return
        url = records[0].url.split("#", 1)[0]
        name = hashlib.sha1(url.encode("utf-8")).hexdigest()[:16] + ".json"
        if self._records_dir is None:  # once, not per page: file system calls are slow
            self._records_dir = self.site_dir / RECORDS_DIR
            self._records_dir.mkdir(parents=True, exist_ok=True)
        (self._records_dir / name).write_text(records_json(records, url), encoding="utf-8")
        path = self._part / (url if url.endswith(".html") else f"{url}index.html")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(search_document(records, name, self.terms), encoding="utf-8")
        for record in records:
            for facet, values in record.facets.as_filters().items():
                self._facets[facet].update(values)
        self.records += len(records)
        self._in_part += 1
        if self._in_part >= PART_PAGES:
            self._hand_over()

    @property
    def _part(self) -> Path:
        """The folder being written; Pagefind gives each document the URL of its path in it."""
        return self._documents / str(self._parts)

    def _hand_over(self) -> None:
        """Give the folder being written to Pagefind, which reads it while the build goes on."""
        if self._in_part == 0:
            return
        if self._pagefind is not None and self._failure is None:
            try:
                self._pagefind.add_folder(self._part)
            except PagefindError as err:
                self._failure = str(err)
        self._parts += 1
        self._in_part = 0

    def finish(self, lexicon: dict) -> int:
        """Run Pagefind, write the lexicon among the site's assets; returns the record count."""
        try:
            with timing.timed("search index: Pagefind"):
                self._hand_over()
                self._write_pagefind_index()
        finally:
            self.discard()
        with timing.timed("search index: records named by result"):
            name_records_by_result(self.site_dir)
        facets = {k: dict(sorted(v.items())) for k, v in self._facets.items()}
        out = self.site_dir / LEXICON_FILE
        out.parent.mkdir(parents=True, exist_ok=True)
        # The words indexed whole: the browser looks these up as one word, not as characters.
        payload = {**lexicon, "facets": facets, "terms": self.terms.tokens}
        out.write_text(json.dumps(payload, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        return self.records

    def discard(self) -> None:
        """Stop Pagefind (if it still runs) and remove the search documents."""
        if self._pagefind is not None:
            self._pagefind.stop()
        shutil.rmtree(self._documents, ignore_errors=True)

    def _write_pagefind_index(self) -> None:
        if self._pagefind is not None and self._failure is None:
            try:
                self._pagefind.write(self.site_dir / INDEX_DIR)
            except PagefindError as err:
                self._failure = str(err)
        if self._failure is not None:
            raise DataError(
                [
                    Problem(
                        "mkdocs.yml",
                        None,
                        f"the search index could not be written (Pagefind said: "
                        f"{self._failure}) — run `make setup` to reinstall Pagefind, "
                        "then build again",
                    )
                ]
            )


def records_json(records: list[SearchRecord], page_url: str) -> str:
    """What the browser reads to pick paragraphs and show snippets, for one page."""
    paragraphs = [
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
    payload = {"url": page_url, "title": records[0].page_title, "records": paragraphs}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def name_records_by_result(site_dir: Path) -> int:
    """Name each page's records file after the page's Pagefind result id (the name of its
    fragment file), so the browser fetches a result's records at once instead of loading the
    fragment first: one round trip less per result, and fragments hold the page's whole text.
    A page whose fragment cannot be read keeps its name; the browser then goes through the
    fragment, whose metadata names the file. Returns how many files were renamed."""
    records_dir = site_dir / RECORDS_DIR
    renamed = 0
    for fragment in (site_dir / INDEX_DIR / "fragment").glob("*.pf_fragment"):
        try:
            data = gzip.decompress(fragment.read_bytes())
        except (OSError, EOFError, zlib.error):
            continue
        found = _RECORDS_META.search(data) if data.startswith(_FRAGMENT_SIGNATURE) else None
        source = records_dir / found[1].decode() if found else None
        if source is not None and source.exists():
            source.rename(records_dir / f"{fragment.stem}.json")
            renamed += 1
    return renamed


def search_document(records: list[SearchRecord], records_file: str, terms: TermFinder) -> str:
    """The HTML Pagefind indexes for one page: the tokens of its records, then every occurrence
    of a dictionary word as one word (Pagefind scores pages by how often a word occurs),
    filters, and metadata."""
    title = records[0].page_title
    filters = sorted(
        {
            (name, v)
            for r in records
            for name, values in r.facets.as_filters().items()
            for v in values
        }
    )
    head = [
        f'<span data-pagefind-meta="title">{escape(title)}</span>',
        f'<span data-pagefind-meta="records">{escape(records_file)}</span>',
        *(f'<span data-pagefind-filter="{escape(n)}">{escape(v)}</span>' for n, v in filters),
    ]
    # One block for the whole page: the browser finds the paragraphs itself (from the records
    # file), so Pagefind needs no sections, and a page is folded and split in one go. A line
    # break between records keeps a dictionary word from being read across two of them.
    folded = fold("\n".join(r.text for r in records))
    body = [f"<p>{folded_tokens(folded)}</p>"]  # tokens: ideographs, digits, a-z
    if words := terms.index_words(folded):
        body.append(f"<p>{words}</p>")
    return (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>"
        f"<div data-pagefind-ignore>{''.join(head)}</div>"
        f"<main data-pagefind-body>{''.join(body)}</main></body></html>\n"
    )
