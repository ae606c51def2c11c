"""Serve a built site on localhost and drive Debian's chromium against it."""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking"]


def chromium_path() -> str:
    """Debian's chromium (Playwright cannot download browsers here)."""
    found = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).exists():
        raise RuntimeError("chromium is not installed: run `scripts/system-deps.sh --browser`")
    return found


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` on a free localhost port; yields the base URL (ending in /)."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        # Keep connections open, as any real web server does. With the default HTTP/1.0 every
        # request opened a connection and a thread, and the ~30 requests of a first search
        # answered later (1,000 reports, 8 alternating loads: median 931 ms vs 857 ms).
        protocol_version = "HTTP/1.1"

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(site_dir), **kwargs)

        def log_message(self, *args: Any) -> None:  # keep benchmark and test output clean
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class RequestLog:
    """Every URL a page asked for, so a test can assert nothing left the site."""

    base: str
    urls: list[str] = field(default_factory=list)

    @property
    def external(self) -> list[str]:
        host = urlsplit(self.base).netloc
        return [
            u
            for u in self.urls
            if urlsplit(u).scheme in {"http", "https", "ws", "wss"} and urlsplit(u).netloc != host
        ]


@contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


SEARCH_JS = """async ([query, filters, limit]) => {
  const t0 = performance.now();
  const found = await window.kbSearch.search(query, filters, limit);
  return {
    ms: performance.now() - t0,
    parts: found.parts,
    complete: found.complete,
    urls: found.hits.map((h) => new URL(h.url, location.href).href),
  };
}"""


def search(page: Any, query: str, filters: dict[str, str] | None = None, limit: int = 10) -> dict:
    """Run the site's own search function (the one the search box uses) in `page`."""
    return page.evaluate(SEARCH_JS, [query, filters or {}, limit])
