"""The source paragraphs a page links to, carried in the page itself: their text for the hover
preview and their sources' citations for 复制引文 (assets/kb-cite.js), so neither needs a
request. Only what the page links to is carried, once, in an inert <template> that search skips.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .citation import citation_stem
from .markup import escape_html
from .models import Source
from .sources import Document

# A link to a source paragraph, as MkDocs writes it: ../sources/<id>/#p-xxxxxx (or <id>.html#…).
_PARAGRAPH_LINK = re.compile(
    r'href="[^"#]*?sources/(?P<source>[a-z0-9]+(?:-[a-z0-9]+)*)(?:/|\.html)'
    r'#(?P<anchor>p-[0-9a-f]{6}(?:-\d+)?)"'
)
STORE_CLASS = "kb-cited-store"


@dataclass
class ParagraphTexts:
    """Every paragraph's text by (source id, anchor), old anchors (kept after a correction)
    included; and each source's citation attributes, worked out once a build, not once a page."""

    texts: Mapping[tuple[str, str], str]
    _attributes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, documents: Mapping[str, Document]) -> ParagraphTexts:
        texts: dict[tuple[str, str], str] = {}
        for source_id, document in documents.items():
            for block in document.result.blocks:
                if block.kind == "paragraph":
                    texts[(source_id, block.anchor)] = block.text
            for old, new in document.result.aliases.items():
                if (source_id, new) in texts:
                    texts[(source_id, old)] = texts[(source_id, new)]
        return cls(texts)

    def cite_attributes(self, source: Source, site_name: str) -> str:
        if source.id not in self._attributes:
            self._attributes[source.id] = source_cite_attributes(source, site_name)
        return self._attributes[source.id]


def linked_paragraphs(html: str) -> list[tuple[str, str]]:
    """(source id, anchor) of every source paragraph the page links to, in order, once each."""
    return list(dict.fromkeys((m["source"], m["anchor"]) for m in _PARAGRAPH_LINK.finditer(html)))


def source_cite_attributes(source: Source, site_name: str) -> str:
    """The attributes kb-cite.js reads a source's citation from."""
    return (
        f'data-kb-source="{escape_html(source.id)}" '
        f'data-kb-title="{escape_html(source.title)}" '
        f'data-kb-cite="{escape_html(citation_stem(source, site_name))}"'
    )


def with_store(
    html: str, texts: ParagraphTexts, sources: Mapping[str, Source], site_name: str
) -> str:
    """The page's HTML with its store of linked paragraphs appended (unchanged when it links
    to none)."""
    linked = [ref for ref in linked_paragraphs(html) if ref in texts.texts and ref[0] in sources]
    if not linked:
        return html
    parts = [f'<template class="{STORE_CLASS}" data-search-exclude>']
    for source_id in dict.fromkeys(source_id for source_id, _ in linked):
        parts.append(f"<span {texts.cite_attributes(sources[source_id], site_name)}></span>")
    for source_id, anchor in linked:
        text = escape_html(texts.texts[(source_id, anchor)])
        parts.append(f'<p data-kb-para="{source_id}#{anchor}">{text}</p>')
    parts.append("</template>")
    return html + "".join(parts)
