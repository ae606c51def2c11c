"""What pages need to know about the site beyond data/: its name and address, where each page
ends up, the repository that takes corrections, the licence chosen for the data, and what git
says was added when."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from . import links
from .history import ChangeLog


@dataclass(frozen=True)
class SiteContext:
    site_name: str = ""
    site_url: str = ""  # absolute base address, or '' when the site does not know it
    repository: str = ""  # GitHub "owner/name" for correction reports; '' for none
    data_licence: str = ""  # '' until the owner chooses one
    data_licence_url: str = ""
    history: ChangeLog = field(default_factory=ChangeLog)
    page_urls: Mapping[str, str] = field(default_factory=dict)  # docs/ path → URL path

    def href(self, from_src: str, to_src: str, anchor: str | None = None) -> str:
        """A link for raw HTML (which MkDocs does not rewrite): the built page's URL relative
        to the page linking, or, before the pages are known (kb check), the Markdown path."""
        here, there = self.page_urls.get(from_src), self.page_urls.get(to_src)
        if here is None or there is None:
            return links.relative(from_src, to_src, anchor)
        return links.relative_url(there, here) + (f"#{anchor}" if anchor else "")
