"""What the build adds to a rendered page: 本段被引用于 lines under a source's paragraphs, and a
link on the first use of each glossary term."""

from __future__ import annotations

from collections.abc import Mapping

from .backlinks import annotate_source_html
from .glossary_marks import mark_first_uses
from .knowledge_base import KnowledgeBase
from .links import relative_url

GLOSSARY_PAGE = "glossary.md"


def decorate_page(
    html: str,
    *,
    src_uri: str,
    source_id: str | None,
    kb: KnowledgeBase,
    page_urls: Mapping[str, str],
) -> tuple[str, set[str]]:
    """The page's HTML with its decorations, and the ids of the glossary terms it uses.

    `page_urls` maps each docs/ page (src_uri) to its URL; links go only to pages that exist.
    """
    page_url = page_urls.get(src_uri, "")

    def url_to(target_src: str, anchor: str = "") -> str | None:
        target = page_urls.get(target_src)
        if target is None:
            return None
        return relative_url(target, page_url) + (f"#{anchor}" if anchor else "")

    if source_id is not None:
        html = annotate_source_html(html, source_id, kb.citers, url_to)
    glossary_url = url_to(GLOSSARY_PAGE)
    if glossary_url is None or src_uri == GLOSSARY_PAGE:
        return html, set()
    return mark_first_uses(html, kb.term_matcher, glossary_url)
