"""Build work that runs in a second process while MkDocs renders pages.

MkDocs renders pages on one core. Checking quotes against the ingested reports, reading each
built page for its links and search records, checking the links and writing the search index
need only `data/` and the pages' HTML, so a worker process does them meanwhile and the build
collects the results at its end. On a machine with two cores this hides most of their cost.

One worker process serves every build of a Python process (`mkdocs serve` rebuilds reuse it and
its loaded data). Jobs run in the order they are sent; each build's state in the worker is
keyed by a token, so an aborted build leaves nothing behind for the next one.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from . import timing
from .checks.links import RenderedPage, check_site
from .decorations import decorate_page
from .problems import DataError, Problem
from .search.build import finish_search, page_search_records, search_index_writer
from .search.indexer import SearchIndexWriter
from .site import KnowledgeBase, load_knowledge_base
from .verify import verify

# Pages go to the worker in batches: one message per page would cost more than the parsing.
BATCH_PAGES = 32
# Front-matter keys the worker needs (facets and opting out of search); the rest stays here.
META_KEYS = ("source", "city", "method", "search")


@dataclass(frozen=True)
class BuiltPage:
    """One page as the worker needs it: where it lives and its content HTML."""

    src_uri: str
    url: str
    title: str
    meta: dict[str, Any]
    html: str
    markdown: str  # the page's source, for the line numbers of link problems
    decorate: bool  # add backlinks and glossary links here (False: the build added them)


class BackgroundBuild:
    """One build's jobs in the worker: pages are sent as they are rendered, results collected
    at the end of the build."""

    def __init__(self, root: Path, site_dir: Path | None) -> None:
        """`site_dir` receives the search index; None builds none (the benchmark's check-only
        builds)."""
        self.token = uuid.uuid4().hex
        self._pool = _worker_pool()
        self._batch: list[BuiltPage] = []
        self._reads: list[Future] = []
        self._links: Future | None = None
        self._index: Future | None = None
        try:
            self._quotes = self._pool.submit(_begin, self.token, root, site_dir)
        except (BrokenProcessPool, RuntimeError):  # the last build's worker died: start anew
            _reset_pool()
            self._pool = _worker_pool()
            self._quotes = self._pool.submit(_begin, self.token, root, site_dir)

    def set_page_urls(self, page_urls: dict[str, str]) -> None:
        """Every page's URL by its docs/ path, for the links the worker adds to pages."""
        self._submit(_set_page_urls, self.token, page_urls)

    def read_page(
        self,
        src_uri: str,
        url: str,
        title: str,
        meta: dict,
        html: str,
        markdown: str,
        *,
        decorate: bool = True,
    ) -> None:
        """Send a rendered page; with `decorate`, the worker adds its backlinks and glossary
        links too, and `decorated_pages` returns the result."""
        kept = {k: meta[k] for k in META_KEYS if k in meta}
        self._batch.append(BuiltPage(src_uri, url, title, kept, html, markdown, decorate))
        if len(self._batch) >= BATCH_PAGES:
            self._flush()

    def decorated_pages(self) -> Iterator[tuple[str, str, set[str]]]:
        """(src_uri, HTML, glossary term ids used) of each page sent with `decorate`."""
        self._flush()
        for read in self._reads:
            yield from _result(read) or []

    def check_links(self, site_files: set[str], not_orphans: set[str]) -> None:
        """Every page has been sent: check links, orphans and one-way links (while the index is
        being written, if it was started first). `site_files` are the output paths MkDocs will
        write (e.g. 'assets/kb.css')."""
        self._flush()
        self._links = self._submit(_check_links, self.token, site_files, not_orphans)

    def write_index(self) -> None:
        """Every page has been sent: start indexing them (Pagefind), which goes on while MkDocs
        writes the pages and the worker checks the links."""
        self._flush()
        self._index = self._submit(_write_index, self.token)

    def quote_problems(self) -> list[Problem]:
        return _result(self._quotes)

    def link_problems(self) -> tuple[list[Problem], list[tuple[str, str]]]:
        """The link checks' problems, and the external links (page src, url) they saw."""
        for read in self._reads:
            _result(read)  # a page the worker could not read fails the build here
        if self._links is None:
            return [], []
        return _result(self._links)

    def finish(self) -> tuple[dict[str, float], dict[str, float]]:
        """Wait for the index (if one was asked for); returns the worker's time per phase and
        its peak memory (MB), for the benchmark."""
        if self._index is not None:
            _result(self._index)
            _result(self._submit(_index_written, self.token))
        seconds, peaks = _result(self._submit(_end, self.token))
        return {f"background: {phase}": s for phase, s in seconds.items()}, peaks

    def abandon(self) -> None:
        """The build failed: drop this build's state in the worker; queued jobs are cancelled."""
        for job in [*self._reads, self._links, self._index]:
            if job is not None:
                job.cancel()
        with contextlib.suppress(BrokenProcessPool, RuntimeError):
            self._pool.submit(_end, self.token)

    def _flush(self) -> None:
        if self._batch:
            self._reads.append(self._submit(_read_pages, self.token, self._batch))
            self._batch = []

    def _submit(self, job, *args) -> Future:  # noqa: ANN001 - a worker function
        """Never retried on a new worker mid-build: it would not have this build's state. A dead
        worker is reported, in plain words, when the results are collected."""
        try:
            return self._pool.submit(job, *args)
        except (BrokenProcessPool, RuntimeError) as err:
            failed: Future = Future()
            failed.set_exception(BrokenProcessPool(str(err)))
            return failed


_pool: ProcessPoolExecutor | None = None


def _worker_pool() -> ProcessPoolExecutor:
    """One worker process; spawned, not forked, so it never inherits `mkdocs serve`'s threads."""
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
        )
    return _pool


# CPU priorities in the worker (Unix niceness, per thread on Linux; a process gets the niceness
# of the thread that starts it). With a CPU of its own (`_leave_one_cpu`) the worker's jobs run
# at normal priority: backlinks and glossary links must be back before MkDocs writes pages.
# Pagefind reads the search documents with the CPU time those jobs leave, and has that CPU
# nearly to itself once every page is rendered. The link checks may use MkDocs' CPU too, so
# they run at the lowest priority. On a single CPU the jobs yield to MkDocs as well.
# Measured at 1,000 reports, three rotating rounds: MkDocs waited 0.14-0.32 s for the last
# decorated pages, against 0.12-1.41 s with Pagefind at normal priority beside the jobs; the
# build times did not differ beyond this machine's noise.
PAGEFIND_NICENESS = 10
CHECKS_NICENESS = 19
SHARED_CPU_NICENESS = 19  # the jobs' niceness when the worker shares MkDocs' only CPU

_launcher: ThreadPoolExecutor | None = None  # in the worker: starts and waits for Pagefind
_checker: ThreadPoolExecutor | None = None  # in the worker: the link checks


def _start_worker() -> None:
    """Ctrl-C in a terminal reaches the worker too; MkDocs stops it, so no traceback here.
    Each of the worker's threads gets its priority and CPUs (see PAGEFIND_NICENESS), and the
    worker leaves at once when it is shut down (`_exit_at_once`)."""
    global _launcher, _checker
    atexit.register(_exit_at_once)
    own_cpu = _leave_one_cpu()
    _launcher = _thread("kb-index", PAGEFIND_NICENESS)
    _checker = _thread("kb-checks", CHECKS_NICENESS, every_cpu=True)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not own_cpu:
        _lower_priority(SHARED_CPU_NICENESS)


def _thread(name: str, niceness: int, *, every_cpu: bool = False) -> ThreadPoolExecutor:
    """A thread of its own priority; with `every_cpu`, it may use the CPU left to MkDocs."""

    def setup() -> None:
        _lower_priority(niceness)
        if every_cpu and _all_cpus is not None:
            os.sched_setaffinity(0, _all_cpus)

    thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
    thread.submit(setup).result()
    return thread


def _lower_priority(niceness: int) -> None:
    """Of the calling thread (Linux) or process, from normal priority."""
    with contextlib.suppress(AttributeError, OSError):  # os.nice: Unix only
        os.nice(niceness)


def _exit_at_once() -> None:
    """End the worker without freeing its objects one by one: at 1,000 reports they are
    hundreds of MB (reports, pages, links), freeing them took ~0.45 s, and the build waited
    for it before it could end. By the time the worker is shut down everything it made is
    on disk or was returned, so it leaves like a forked multiprocessing child does."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed or broken stream: nothing to keep
            stream.flush()
    os._exit(0)


def _leave_one_cpu() -> bool:
    """Keep this process (and the Pagefind it starts) off the first of its CPUs, so MkDocs,
    whose page rendering is the critical path, has a CPU no other part of the build takes
    from it. Two paired series at 1,000 reports on 2 CPUs (five and six rounds, rotating
    order): builds 6% and 7% faster (median of the paired ratios). Nothing changes with one
    CPU, or where the system does not support CPU affinity. True if a CPU was left."""
    global _all_cpus
    with contextlib.suppress(AttributeError, OSError):  # os.sched_*affinity: Linux only
        cpus = sorted(os.sched_getaffinity(0))
        if len(cpus) > 1:
            os.sched_setaffinity(0, cpus[1:])
            _all_cpus = set(cpus)
    return _all_cpus is not None


_all_cpus: set[int] | None = None  # in the worker: every CPU it was given, if it left one


def _reset_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
    _pool = None


def _result(job: Future) -> Any:
    try:
        return job.result()
    except BrokenProcessPool:
        _reset_pool()
        raise DataError(
            [
                Problem(
                    "mkdocs.yml",
                    None,
                    "the build's background process stopped unexpectedly (out of memory?) — "
                    "build again; if it happens again, run `make setup`",
                )
            ]
        ) from None


# --- In the worker process -------------------------------------------------------------------


@dataclass
class _WorkerBuild:
    kb: KnowledgeBase
    index: SearchIndexWriter | None
    indexing: Future | None = None  # Pagefind and the lexicon, in the launcher thread
    pages: list[RenderedPage] = field(default_factory=list)
    page_urls: dict[str, str] = field(default_factory=dict)


_builds: dict[str, _WorkerBuild] = {}


def _begin(token: str, root: Path, site_dir: Path | None) -> list[Problem]:
    """Load data/ (kept while it is unchanged) and check every quote against its report."""
    for stale in _builds.values():  # at most one build at a time: a crashed one is dropped
        if stale.index is not None:
            stale.index.discard()
    _builds.clear()
    timing.reset()
    with timing.timed("load data, ingest and check quotes"):
        kb = load_knowledge_base(root)
        index = (
            search_index_writer(site_dir, kb.catalog, _start_pagefind)
            if site_dir is not None
            else None
        )
        _builds[token] = _WorkerBuild(kb, index)
        return verify(kb.catalog, kb.documents)


def _start_pagefind(*args: Any, **kwargs: Any) -> subprocess.Popen:
    """Start Pagefind from the launcher thread, so it has that thread's priority."""
    if _launcher is None:  # not in a worker process
        return subprocess.Popen(*args, **kwargs)
    return _launcher.submit(subprocess.Popen, *args, **kwargs).result()


def _set_page_urls(token: str, page_urls: dict[str, str]) -> None:
    build = _builds.get(token)
    if build is not None:
        build.page_urls = page_urls


def _read_pages(token: str, pages: list[BuiltPage]) -> list[tuple[str, str, set[str]]]:
    """Decorate the pages that ask for it (returned to the build, which writes them), then
    read each page's links for the checks and its search records (these go to disk)."""
    build = _builds.get(token)
    if build is None:  # data/ could not be loaded: `_begin` reports why
        return []
    decorated = []
    with timing.timed("backlinks and glossary marks"):
        for i, page in enumerate(pages):
            if page.decorate:
                html, used = decorate_page(
                    page.html,
                    src_uri=page.src_uri,
                    source_id=page.meta.get("source"),
                    kb=build.kb,
                    page_urls=build.page_urls,
                )
                pages[i] = replace(page, html=html)
                decorated.append((page.src_uri, html, used))
    with timing.timed("read built pages (links, search records)"):
        for page in pages:
            tree = LexborHTMLParser(f'<article class="md-content__inner">{page.html}</article>')
            build.pages.append(RenderedPage.from_tree(page.src_uri, page.url, page.markdown, tree))
            if build.index is not None:
                records = page_search_records(
                    tree, page.src_uri, page.url, page.title, page.meta, build.kb.facets
                )
                build.index.add_page(records)
    return decorated


def _check_links(
    token: str, site_files: set[str], not_orphans: set[str]
) -> tuple[list[Problem], list[tuple[str, str]]]:
    build = _builds.get(token)
    if build is None:
        return [], []
    if _checker is None:  # not in a worker process
        return _timed_checks(build, site_files, not_orphans)
    return _checker.submit(_timed_checks, build, site_files, not_orphans).result()


def _timed_checks(
    build: _WorkerBuild, site_files: set[str], not_orphans: set[str]
) -> tuple[list[Problem], list[tuple[str, str]]]:
    # CPU time: beside Pagefind at the lowest priority, most of the elapsed time is waiting.
    with timing.timed("check links, orphans, two-way links", time.thread_time):
        return check_site(build.pages, site_files, build.kb.catalog, not_orphans)


def _write_index(token: str) -> None:
    """Start the index and return, so the link checks (the next job) run while Pagefind does:
    at 1,000 reports Pagefind is the last thing the build waits for, and the checks took
    ~0.4 s before it could start."""
    build = _builds.get(token)
    if build is None or build.index is None:
        return
    launcher = _launcher or ThreadPoolExecutor(max_workers=1)  # or: not in a worker process
    build.indexing = launcher.submit(_index_site, build)


def _index_site(build: _WorkerBuild) -> int:
    assert build.index is not None
    with timing.timed("search index"):
        return finish_search(build.index, build.kb.catalog)


def _index_written(token: str) -> int:
    """Wait for the index `_write_index` started; raises what stopped it."""
    build = _builds.get(token)
    if build is None or build.indexing is None:
        return 0
    return build.indexing.result()


def _end(token: str) -> tuple[dict[str, float], dict[str, float]]:
    build = _builds.pop(token, None)
    if build is not None and build.indexing is not None:
        with contextlib.suppress(Exception):  # a failed build: its index is discarded anyway
            build.indexing.result()  # Pagefind still reads the documents: let it finish first
    if build is not None and build.index is not None:
        build.index.discard()  # its temporary documents, if the index was never finished
    peaks = {"background process": timing.peak_mb(), "Pagefind": timing.peak_mb(children=True)}
    return timing.totals(), peaks
