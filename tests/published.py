"""Serve a built site the way GitHub Pages serves a project site: under /<name>/, with the
site's 404.html (and status 404) for any address that has no page."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conftest import Build

PREFIX = "/kb/"  # the repository name in https://<owner>.github.io/<name>/


@dataclass
class Published:
    build: Build
    url: str  # site_url, ending in PREFIX


def free_port() -> int:
    """A port free now; the site's address (site_url) must name it before the build."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve_published(site: Path, port: int) -> Iterator[None]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def translate_path(self, path: str) -> str:
            path = path.split("?", 1)[0].split("#", 1)[0]
            if not path.startswith(PREFIX):
                return str(site / "no such file")
            return super().translate_path("/" + path[len(PREFIX) :])

        def send_head(self):  # type: ignore[no-untyped-def]
            found = Path(self.translate_path(self.path))
            if found.is_dir():
                found = found / "index.html"
            if not found.exists():
                body = (site / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return None
            return super().send_head()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


def site_pages(build: Build) -> list[str]:
    """Every page's URL path ('' for the home page) in a built site; redirect stubs (an old
    address sending the reader on, data/redirects.yml) are not pages."""
    found = []
    for index in sorted(build.site.rglob("index.html")):
        path = index.parent.relative_to(build.site).as_posix()
        if path.startswith(("assets/", "pagefind/")) or "md-content" not in index.read_text():
            continue
        found.append("" if path == "." else path + "/")
    return found


# One page of each kind a reader meets (the search is the home page with a search link's query).
PAGE_TYPES = {
    "home": "",
    "cities index": "cities/",
    "methods index": "methods/",
    "sources index": "sources/",
    "city": "cities/chengdu/",
    "method": "methods/wu-ji-lian-dong/",
    "source": "sources/chengdu-2023-you-li-you-xu/",
    "glossary": "glossary/",
    "timeline": "timeline/",
    "tags": "tags/",
    "about": "about/",
    "compare": "compare/?a=chongqing&b=chengdu",
    "data": "data/",
    "updates": "updates/",
    "search open with results": "?q=五级联动",
    "404": "no/such/page/",
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SCREENS = {"desktop": DESKTOP, "phone": PHONE}


def open_page(chromium: Any, url: str, screen: dict, **context: Any) -> Any:
    """A new browser tab (its own context: no state from other tests) on `url`, ready."""
    tab = chromium.new_context(**screen, **context).new_page()
    tab.goto(url)
    if "?q=" in url:
        tab.wait_for_function("document.querySelector('.kb-search').dataset.state === 'done'")
    tab.wait_for_load_state("load")
    return tab
