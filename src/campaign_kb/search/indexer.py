"""Write the search index: one search document per page for Pagefind, the records the browser
reads, and the lexicon.

Each page becomes a small HTML document whose text is the records' tokens; the records
themselves (anchor, section, text, facets) go to a JSON file per page that the document's
metadata (`data-pagefind-meta="records"`) names. Pagefind finds the pages that hold a phrase;
the browser then reads those pages' records and picks the paragraphs. One document per page, not
per paragraph, keeps indexing linear in pages. The records stay out of Pagefind's metadata
because fragments would then carry every page's text twice.

Pagefind runs through its documented command line (`python -m pagefind --site …`) once every
document is written; `start` returns at once so the caller can go on (MkDocs writes its pages
meanwhile), and `wait` collects it within a time limit.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from html import escape
from importlib import metadata
from pathlib import Path

from ..cache import code_version, content_key
from ..problems import DataError, Problem
from .index_cache import IndexCache
from .lexicon import fold
from .records import SearchRecord
from .tokens import TermFinder, folded_tokens

INDEX_DIR = "pagefind"
LEXICON_FILE = "assets/search/lexicon.json"
RECORDS_DIR = "assets/search/records"
# Every ideograph is already its own word, so Pagefind's Chinese segmenter has nothing to do but
# costs a third of the indexing time; index as a language without segmentation.
INDEX_LANGUAGE = "en"


class SearchIndex:
    """One build's index: each page's records and search document as the page comes, then
    Pagefind over all the documents, and the lexicon (with facet counts)."""

    def __init__(
        self, site_dir: Path, terms: TermFinder | None = None, cache: IndexCache | None = None
    ) -> None:
        self.site_dir = site_dir
        self.terms = terms or TermFinder([])
        self.cache = cache
        self.records = 0
        # Search documents by path, written for Pagefind only when its index is not restored
        # from the cache.
        self._pending: dict[str, str] = {}
        self._index_key = ""
        self._documents = Path(tempfile.mkdtemp(prefix="kb-search-"))
        self._facets: dict[str, Counter[str]] = {
            "城市": Counter(),
            "方法": Counter(),
            "类型": Counter(),
        }
        self._pagefind: subprocess.Popen | None = None
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - Pagefind's output, for its errors

    def add(self, page: IndexedPage) -> None:
        """One page's part of the index, made by `indexed_page` (perhaps in an earlier build)."""
        if not self.records:
            (self.site_dir / RECORDS_DIR).mkdir(parents=True, exist_ok=True)
        (self.site_dir / RECORDS_DIR / page.records_file).write_text(
            page.records_json, encoding="utf-8"
        )
        self._pending[page.document_path] = page.document
        for facet, counts in page.facet_counts.items():
            self._facets[facet].update(counts)
        self.records += page.records

    def start(self, lexicon: dict) -> None:
        """Write the lexicon and start Pagefind on the documents; returns at once."""
        facets = {k: dict(sorted(v.items())) for k, v in self._facets.items()}
        out = self.site_dir / LEXICON_FILE
        out.parent.mkdir(parents=True, exist_ok=True)
        # The words indexed whole: the browser looks these up as one word, not as characters.
        payload = {**lexicon, "facets": facets, "terms": self.terms.tokens}
        out.write_text(json.dumps(payload, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        command = [
            *pagefind_command(),
            "--site",
            str(self._documents),
            "--output-path",
            str(self.site_dir / INDEX_DIR),
            "--force-language",
            INDEX_LANGUAGE,
            "--quiet",
        ]
        if self.cache is not None:
            self._index_key = self._documents_key()
            if self.cache.restore(self._index_key, self.site_dir / INDEX_DIR):
                return  # the same documents as a build before: its index, Pagefind not run
        self._write_documents()
        # Pagefind writes into an empty folder: nothing a dirty build left stays in its index.
        shutil.rmtree(self.site_dir / INDEX_DIR, ignore_errors=True)
        try:
            self._pagefind = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT
            )
        except OSError as err:
            self.discard()
            raise _index_error(f"{command[0]}: {err.strerror}") from None

    def wait(self, timeout: float) -> int:
        """Wait for Pagefind (at most `timeout` seconds); returns the number of records. A
        Pagefind that fails or hangs is a DataError that says what to do."""
        if self._pagefind is None:
            if self._index_key:  # restored from the cache in start()
                self.discard()
                return self.records
            raise RuntimeError("SearchIndex.wait() before start()")
        try:
            status = self._pagefind.wait(timeout)
        except subprocess.TimeoutExpired:
            self.discard()
            raise _index_error(f"Pagefind 在 {timeout:g} 秒内没有完成") from None
        said = self._output()
        self.discard()
        if status != 0:
            raise _index_error(said or f"Pagefind 异常退出（退出码 {status}）")
        if self.cache is not None:
            self.cache.save(self._index_key, self.site_dir / INDEX_DIR)
        return self.records

    def _documents_key(self) -> str:
        """What Pagefind's output depends on: the documents, its version and our options."""
        parts = [code_version(), metadata.version("pagefind"), INDEX_LANGUAGE]
        for path, text in sorted(self._pending.items()):
            parts += [path, text]
        return content_key(*parts)

    def _write_documents(self) -> None:
        made: set[Path] = set()
        for path, text in self._pending.items():
            document = self._documents / path
            if document.parent not in made:
                document.parent.mkdir(parents=True, exist_ok=True)
                made.add(document.parent)
            document.write_text(text, encoding="utf-8")
        self._pending.clear()

    def discard(self) -> None:
        """Stop Pagefind if it still runs, and remove the search documents."""
        if self._pagefind is not None and self._pagefind.poll() is None:
            self._pagefind.kill()
            self._pagefind.wait()
        shutil.rmtree(self._documents, ignore_errors=True)

    def _output(self) -> str:
        self._log.seek(0)
        lines = self._log.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else ""


@dataclass(frozen=True)
class IndexedPage:
    """What one page adds to the index: its records file, its search document and its facet
    counts. Plain strings and numbers, so that it can be kept in the kb cache."""

    records_file: str
    records_json: str
    document_path: str
    document: str
    facet_counts: dict[str, dict[str, int]]
    records: int


def indexed_page(records: list[SearchRecord], terms: TermFinder) -> IndexedPage:
    """The index's part of one page, from its records (all share its URL)."""
    url = records[0].url.split("#", 1)[0]
    name = records_file(url)
    counts: dict[str, Counter[str]] = {}
    for record in records:
        for facet, values in record.facets.as_filters().items():
            counts.setdefault(facet, Counter()).update(values)
    return IndexedPage(
        records_file=name,
        records_json=records_json(records, url),
        document_path=url if url.endswith(".html") else f"{url}index.html",
        document=search_document(records, name, terms),
        facet_counts={facet: dict(c) for facet, c in counts.items()},
        records=len(records),
    )


def records_file(url: str) -> str:
    """The name of a page's records file; the lexicon names it for the pages names lead to."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16] + ".json"


def pagefind_command() -> list[str]:
    """Pagefind's command line as its Python package documents it."""
    return [sys.executable, "-m", "pagefind"]


def _index_error(said: str) -> DataError:
    return DataError(
        [
            Problem(
                "mkdocs.yml",
                None,
                f"搜索索引没有写成（Pagefind：{said}）— 运行 `make setup` 重新安装 Pagefind，"
                "然后再构建；如果仍然失败，请把这条信息报告给维护者",
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
            "cities": list(r.facets.cities),  # filter values: the plain names
            "shown": r.facets.shown_cities(),  # as a result shows them: 重庆（推断）
            "methods": list(r.facets.methods),
            **({"cites": list(r.cites)} if r.cites else {}),
        }
        for r in records
    ]
    payload = {"url": page_url, "title": records[0].page_title, "records": paragraphs}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


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
    # file), so Pagefind needs no sections. A line break between records keeps a dictionary
    # word from being read across two of them.
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
