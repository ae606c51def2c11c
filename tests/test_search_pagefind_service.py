"""Pagefind in service mode: folders indexed as they come, and every failure is an error."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from campaign_kb.search.pagefind_service import PagefindError, PagefindService


def _document(folder: Path, path: str, text: str) -> None:
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"<!doctype html><html><body><main data-pagefind-body><p>{text}</p></main></body></html>",
        encoding="utf-8",
    )


def _indexed_pages(index: Path) -> dict[str, str]:
    """URL → content of every page in a written index (from its fragment files)."""
    pages = {}
    for fragment in (index / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        page = json.loads(data[data.index(b"{") :])
        pages[page["url"]] = page["content"].strip()
    return pages


def test_folders_added_one_by_one_make_one_index_with_urls_from_each_folder(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "0", tmp_path / "1"
    _document(first, "sources/a/index.html", "alpha")
    _document(second, "cities/b/index.html", "beta")
    _document(second, "index.html", "gamma")
    pagefind = PagefindService("en")
    pagefind.add_folder(first)
    pagefind.add_folder(second)
    pagefind.write(tmp_path / "index")
    assert _indexed_pages(tmp_path / "index") == {
        "/sources/a/": "alpha.",
        "/cities/b/": "beta.",
        "/": "gamma.",
    }
    assert pagefind._process.returncode is not None  # stopped once the index is written
    written = {str(f.relative_to(tmp_path / "index")) for f in (tmp_path / "index").rglob("*")}
    assert {"pagefind-entry.json", "pagefind.js", "wasm.en.pagefind"} <= written
    entry = json.loads((tmp_path / "index" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 3
    empty = [
        f.name for f in (tmp_path / "index").rglob("*") if f.is_file() and not f.stat().st_size
    ]
    assert empty == []


def test_what_pagefind_refuses_is_an_error_with_its_words(tmp_path: Path) -> None:
    pagefind = PagefindService("en")
    pagefind._send({"type": "NoSuchRequest"})
    with pytest.raises(PagefindError, match="unknown variant `NoSuchRequest`"):
        pagefind.write(tmp_path / "index")
    pagefind.stop()


def test_a_pagefind_that_dies_is_an_error_not_a_wait(tmp_path: Path) -> None:
    """Its last words on stderr become the message; nothing waits for a reply forever."""

    def dying(command: list[str], **pipes: object) -> subprocess.Popen:
        script = "import sys; sys.stdin.read(1); print('panicked: out of memory', file=sys.stderr)"
        return subprocess.Popen([sys.executable, "-c", script], **pipes)  # type: ignore[call-overload]

    with pytest.raises(PagefindError, match="^panicked: out of memory$"):
        PagefindService("en", start=dying)


def test_a_pagefind_killed_mid_build_is_an_error(tmp_path: Path) -> None:
    pagefind = PagefindService("en")
    pagefind._process.kill()
    with pytest.raises(PagefindError, match=r"it stopped \(exit status -9\)"):
        pagefind.add_folder(tmp_path)
        pagefind.write(tmp_path / "index")


def test_a_missing_pagefind_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(PagefindError, match="no-such-pagefind"):
        PagefindService("en")


_CHUNKED_SERVICE = """
import base64, json, sys, time
def reply(message_id, payload):
    message = json.dumps({"message_id": message_id, "payload": payload}).encode()
    return base64.b64encode(message) + b","
def encoded(data):
    return base64.b64encode(data).decode()
files = [
    {"path": "fragment/big.pf_fragment", "content": encoded(bytes(range(256)) * 12_000)},
    {"path": "pagefind-entry.json", "content": encoded(b'{"version": "test"}')},
]
out = reply(1, {"type": "IndexCreated", "index_id": 7})
out += reply(2, {"type": "IndexedDir", "page_count": 1})
out += reply(3, {"type": "GetFiles", "files": files})
for start in range(0, len(out), 50_000):  # replies split over many reads, and two in one
    sys.stdout.buffer.write(out[start : start + 50_000])
    sys.stdout.buffer.flush()
    time.sleep(0.001)
sys.stdin.buffer.read()
"""


def test_replies_that_come_in_pieces_are_read_whole(tmp_path: Path) -> None:
    """The index files come as one reply of many megabytes, read a piece at a time."""

    def chunked(command: list[str], **pipes: object) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", _CHUNKED_SERVICE], **pipes)  # type: ignore[call-overload]

    pagefind = PagefindService("en", start=chunked)
    pagefind.add_folder(tmp_path)
    pagefind.write(tmp_path / "index")
    big = (tmp_path / "index" / "fragment" / "big.pf_fragment").read_bytes()
    assert big == bytes(range(256)) * 12_000
    entry = (tmp_path / "index" / "pagefind-entry.json").read_text(encoding="utf-8")
    assert entry == '{"version": "test"}'
