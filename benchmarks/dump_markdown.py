"""Benchmark-only hook: save each page's Markdown after macros, for the plain-Material build."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-100)  # after the knowledge-base hooks and the macros plugin
def on_page_markdown(markdown, *, page, config, files):
    target = Path(os.environ["KB_DUMP_MARKDOWN"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
