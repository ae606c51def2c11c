"""Citations in GB/T 7714—2015 form: the original article as far as data/ knows it, then this
site's paragraph, where the reader read it (转引自), with the reader's access date.

An element data/ does not know is left out, as the standard allows; nothing is filled in by
guess: no author when none is named, no date when the date is only inferred, no document type
when `medium` is not recorded.
"""

from __future__ import annotations

import re

from .models import UNKNOWN, Medium, Source, TitleOrigin

# GB/T 7714—2015, 4.2 and Appendix B: document type codes, and OL for an online carrier.
TYPE_CODE = {
    Medium.NEWSPAPER: "N",
    Medium.JOURNAL: "J",
    Medium.WEBSITE: "EB",
    Medium.REPORT: "R",
    Medium.OTHER: "Z",
}
ONLINE = "OL"
SITE_TYPE = "EB/OL"  # this site: an electronic resource read online
EDITOR_TITLE = "（本站拟题）"
_ROLE = re.compile(r"（[^（）]*）$")  # 吴亚飞（四川日报全媒体记者）: the role after the name


def responsible(source: Source) -> str | None:
    """The author as a 主要责任者: the name without the role in brackets."""
    if not source.author:
        return None
    return _ROLE.sub("", source.author).strip() or None


def original_title(source: Source) -> str:
    """The original's own title; a title the editors made up says so."""
    if source.original_title:
        return source.original_title
    if source.title_origin is TitleOrigin.EDITOR:
        return source.title + EDITOR_TITLE
    return source.title


def type_code(source: Source) -> str | None:
    """[N], [J/OL], [EB/OL] …; None when neither the medium nor an address is known."""
    code = TYPE_CODE.get(source.medium) if source.medium else None
    if source.url:
        return f"{code or 'EB'}/{ONLINE}"
    return code


def publication_date(source: Source) -> str | None:
    """The date as the text gives it; an inferred date, or one still 待核实 (a new report in
    `mkdocs serve`), is not a publication date."""
    return None if source.date_inferred or source.date == UNKNOWN else source.date


def original_reference(source: Source) -> str:
    """`作者. 题名[类型]. 刊载, 日期. 网址.` with every unknown element left out."""
    code = type_code(source)
    title = original_title(source) + (f"[{code}]" if code else "")
    parts = [p for p in (responsible(source), title) if p]
    where = ", ".join(p for p in (source.outlet, publication_date(source)) if p)
    if where:
        parts.append(where)
    if source.url:
        parts.append(source.url)
    return ". ".join(parts) + "."


def citation_stem(source: Source, site_name: str) -> str:
    """Everything before the access date: the original, then 转引自 this site's page. The
    browser adds `[access date]. address.` (assets/kb-cite.js), as `citation` does here."""
    return f"{original_reference(source)} 转引自: {site_name}. {source.title}[{SITE_TYPE}]. "


def citation(source: Source, site_name: str, address: str, accessed: str) -> str:
    """The whole citation of a paragraph (or page) at `address`, read on `accessed`
    (YYYY-MM-DD)."""
    return f"{citation_stem(source, site_name)}[{accessed}]. {address}."


def numbered(citations: list[str]) -> str:
    """Several citations, one a line, numbered [1], [2] … (one alone is not numbered)."""
    if len(citations) == 1:
        return citations[0]
    return "\n".join(f"[{n}] {text}" for n, text in enumerate(citations, start=1))
