"""Settings of the `kb` plugin (mkdocs.yml → plugins → kb)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class KnowledgeBaseConfig(base.Config):
    enabled = c.Type(bool, default=True)

    # Ingest results of earlier builds, by content hash; never used on CI (CI=true builds cold).
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/plugin/kb")

    # Search: the Pagefind index and the lexicon; off only for builds that need no search.
    search = c.Type(bool, default=True)
    search_timeout = c.Type(int, default=600)  # seconds Pagefind may take before it is an error

    # GitHub "owner/name" for the 编辑此页 links; empty: no edit links (never a made-up address).
    repository = c.Type(str, default="")
    branch = c.Type(str, default="main")

    # The licence of the downloadable data (数据 page), e.g. "CC BY 4.0", and its address; empty:
    # the page says that none has been chosen (the owner's choice, never a default).
    data_licence = c.Type(str, default="")
    data_licence_url = c.Type(str, default="")

    # Order of the top-level tabs by docs/ path (a folder ends with '/'); others come last.
    nav_order = c.ListOfItems(c.Type(str), default=[])
    # Pages that need no link from content (the home page, the tag index).
    not_orphans = c.ListOfItems(c.Type(str), default=["index.md", "tags.md"])
