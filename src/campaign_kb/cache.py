"""An on-disk cache of JSON values by content key, for work that does not change between builds.

Keys are hashes of everything a value depends on, the code that computes it included
(`code_version`), so a stale entry is never found. Values are JSON, never pickles: a cache
folder that arrived with a pull request can make a value wrong, but never run code, and the
build ignores such a folder anyway (see `campaign_kb.plugin`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent


def content_key(*parts: str | bytes) -> str:
    """A hash of the parts, each length-prefixed so that ("ab", "c") ≠ ("a", "bc")."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@functools.cache
def code_version() -> str:
    """A hash of this package's source and of the libraries whose output we cache."""
    files = sorted(PACKAGE_DIR.rglob("*.py"))
    parts: list[str | bytes] = [metadata.version("opencc")]
    for path in files:
        parts += [path.relative_to(PACKAGE_DIR).as_posix(), path.read_bytes()]
    return content_key(*parts)


class DiskCache:
    """JSON values in `folder`, one file per key; a missing, unreadable or corrupt entry is a
    miss, never an error. `prune` removes the entries this cache did not use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._used: set[str] = set()

    def get(self, key: str) -> Any | None:
        self._used.add(key)
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        """Written to a temporary file and renamed, so a reader never sees half an entry."""
        self._used.add(key)
        path = self._path(key)
        with contextlib.suppress(OSError):  # a read-only or full disk: only slower builds
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            # json.dumps, not json.dump: dump streams through the pure-Python encoder, which
            # made writing the cache a quarter of a cold build's ingest.
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)

    def prune(self) -> int:
        """Remove every entry not asked for since this cache was made; returns how many."""
        removed = 0
        for path in self.folder.glob("*/*.json"):
            if path.stem not in self._used:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return removed

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"
