"""The benchmark's local web server behaves like a real one for what the timings depend on."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlsplit

from kbbench import browser


def test_server_keeps_the_connection_open_between_requests(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    (tmp_path / "a.json").write_text('{"ok": true}', encoding="utf-8")
    with browser.serve(tmp_path) as base:
        url = urlsplit(base)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
        bodies = []
        for path in ("/", "/a.json", "/"):
            connection.request("GET", path)
            response = connection.getresponse()
            bodies.append((response.status, response.read().decode("utf-8")))
            assert response.version == 11 and not response.will_close, path
        connection.request("GET", "/missing.json")
        assert connection.getresponse().status == 404
        connection.close()
    assert bodies == [(200, "<p>首页</p>"), (200, '{"ok": true}'), (200, "<p>首页</p>")]
