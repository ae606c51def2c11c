"""The last Pagefind index, kept by the hash of the documents it was made from.

Pagefind is the slowest step of a build, and its output depends only on the search documents,
its version and its options: when a rebuild writes the same documents (a local re-run, or a
`mkdocs serve` rebuild after an edit that changed no page's text), the saved index is copied in
and Pagefind is not run. The folder is Pagefind's output as Pagefind wrote it, read by nothing
but a copy. Like the rest of the kb cache it is used only where the plugin trusts the cache
(never on CI, never when the folder is tracked by git).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path


class IndexCache:
    """One saved index under `folder/<key>/`; saving a new one removes the others."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def restore(self, key: str, destination: Path) -> bool:
        """Copy the index saved under `key` to `destination`; False if there is none."""
        saved = self.folder / key
        if not saved.is_dir():
            return False
        try:
            shutil.copytree(saved, destination, dirs_exist_ok=True)
        except OSError:
            shutil.rmtree(destination, ignore_errors=True)
            return False
        return True

    def save(self, key: str, index: Path) -> None:
        """Keep a copy of `index` under `key`. Copied aside and renamed, so an entry is either
        whole or absent; a full or read-only disk only means the next build runs Pagefind."""
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = Path(tempfile.mkdtemp(dir=self.folder, prefix=".partial-"))
            shutil.copytree(index, partial, dirs_exist_ok=True)
            partial.replace(self.folder / key)
        for entry in self.folder.iterdir() if self.folder.is_dir() else ():
            if entry.name != key:
                shutil.rmtree(entry, ignore_errors=True)
