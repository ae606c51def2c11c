"""Under a source page's 来源信息: where the text comes from, on what basis this site
reproduces it, and how to cite it (来源与转载). Everything from data/sources.yml;
what it does not record is said to be unrecorded, never filled in.
"""

from __future__ import annotations

from .citation import citation_stem, publication_date
from .markup import escape_markdown
from .models import Source
from .previews import source_cite_attributes

NOT_RECORDED = "未记录"
RIGHTS_UNKNOWN = "待核实（本站尚未记录以何种依据转载此文）"
ACCESS_PLACEHOLDER = "[引用日期]"


def _origin(source: Source) -> str:
    """刊载, 作者, 日期 as known; the medium when recorded."""
    parts = []
    parts.append(source.outlet or "原文未载刊载媒体")
    if source.author:
        parts.append(f"作者：{source.author}")
    date = publication_date(source)
    parts.append(f"日期：{date}" if date else "发布日期：原文未载")
    if source.medium:
        parts.append(f"载体：{source.medium.value}")
    return escape_markdown("；".join(parts))


def provenance_box(source: Source, site_name: str, page_address: str) -> str:
    """The 来源与转载 admonition (Markdown), ending with the citation of the whole text, whose
    access date and address the browser fills in (kb-cite.js, which also puts 复制引文 after
    every paragraph, for citing one paragraph)."""
    url = f"<{source.url}>" if source.url else NOT_RECORDED
    rights = escape_markdown(source.rights) if source.rights else RIGHTS_UNKNOWN
    stem = citation_stem(source, site_name)
    citation = escape_markdown(f"{stem}{ACCESS_PLACEHOLDER}. {page_address or '本页网址'}.")
    items = [
        f"    - **原文出处**：{_origin(source)}",
        f"    - **原文网址**：{url}",
        "    - **本站所载**：原文的转录，统一为简体字、删去网页杂项，改动逐项列在本页末尾",
        f"    - **转载依据**：{rights}",
        "    - **引用本文**（GB/T 7714—2015）："
        f'<span class="kb-cite-source" {source_cite_attributes(source, site_name)}>'
        f"{citation}</span>（引用某一段，用该段后面的“复制引文”）",
    ]
    return '!!! note "来源与转载"\n\n' + "\n".join(items) + "\n"
