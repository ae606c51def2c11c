"""更新记录: sources and facts added, by day, from git history; the same as an Atom feed.

Only records still in data/ are listed. Without readable history (a copy that is not a git
repository) the page and the feed say so instead of guessing dates.
"""

from __future__ import annotations

import io
import posixpath
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgenerator import Atom1Feed

from . import links
from .catalog import Catalog
from .export.datasets import Addresses
from .history import Addition, ChangeLog, HistoryState
from .markup import escape_html, escape_markdown
from .tables import INFERRED, fact_link, link

PAGE = "updates/index.md"
FEED = "updates/atom.xml"
SHOWN_DAYS = 60  # the page and the feed list the latest days that added something
_ID_BASE = uuid.UUID("7c0e7d3e-5b1b-4f0e-9a53-6b1f3c1f7a10")  # this site's namespace for feed ids

NO_HISTORY = {
    HistoryState.NO_GIT: "这份网站副本不是从 git 仓库构建的，读不到历史，无法列出更新记录。",
    HistoryState.UNTRACKED: "构建时 git 没有跟踪本站的数据文件，读不到历史，无法列出更新记录。",
    HistoryState.UNREAD: "构建时没有读取 git 历史，无法列出更新记录。",
}
SHALLOW_NOTE = (
    "构建时只有最近的部分 git 历史（浅克隆）：标“或更早”的日子，列出的是那时已有的内容，"
    "其中有些是更早加入的。"
)


def feed_link(page_src: str) -> str:
    """The feed's address relative to a page (the feed is a file, not a page)."""
    return posixpath.relpath(FEED, posixpath.dirname(page_src) or ".")


@dataclass(frozen=True)
class Day:
    date: str
    or_earlier: bool
    sources: list[str]  # ids, in the order they were added
    facts: list[str]

    @property
    def anchor(self) -> str:
        return f"d-{self.date}"

    @property
    def heading(self) -> str:
        return self.date + ("或更早" if self.or_earlier else "")

    def summary(self) -> str:
        parts = []
        if self.sources:
            parts.append(f"来源 {len(self.sources)} 份")
        if self.facts:
            parts.append(f"数字 {len(self.facts)} 个")
        return "新增" + "、".join(parts)


def days(catalog: Catalog, log: ChangeLog) -> list[Day]:
    """The latest days that added records still in data/, newest first."""
    by_day: dict[tuple[str, bool], Day] = {}
    for addition in _current(catalog, log.additions):
        key = (addition.date, addition.or_earlier)
        day = by_day.setdefault(key, Day(addition.date, addition.or_earlier, [], []))
        (day.sources if addition.kind == "sources" else day.facts).append(addition.record_id)
    ordered = sorted(by_day.values(), key=lambda d: (d.date, not d.or_earlier), reverse=True)
    return ordered[:SHOWN_DAYS]


def _current(catalog: Catalog, additions: tuple[Addition, ...]) -> Iterator[Addition]:
    for addition in additions:
        records = catalog.sources if addition.kind == "sources" else catalog.facts
        if addition.record_id in records:
            yield addition


def change_log(catalog: Catalog, page_src: str, log: ChangeLog, feed_link: str) -> str:
    """The 更新记录 page body: what each day added, each linked to its page or paragraph."""
    if not log.readable:
        return NO_HISTORY[log.state] + "\n"
    out = [f"订阅：[Atom 订阅源]({feed_link})（用阅读器订阅，有新内容时会收到）。", ""]
    if log.state is HistoryState.SHALLOW:
        out += [SHALLOW_NOTE, ""]
    shown = days(catalog, log)
    if not shown:
        return "\n".join([*out, "git 历史里还没有加入来源或数字的记录。", ""])
    for day in shown:
        out += [f"## {escape_markdown(day.heading)} {{: #{day.anchor} }}", "", day.summary(), ""]
        for source_id in day.sources:
            source = catalog.sources[source_id]
            city = catalog.cities[source.city].name + (INFERRED if source.city_inferred else "")
            date = source.shown_date + (INFERRED if source.date_inferred else "")
            out.append(
                "- 来源："
                + link(source.title, page_src, links.source_page(source.id))
                + escape_markdown(f"（{city}，{date}）")
            )
        for fact_id in day.facts:
            fact = catalog.facts[fact_id]
            city = _city(catalog, fact.city, fact.source)
            out.append(
                f"- 数字：{escape_markdown(city)} · {escape_markdown(fact.label)}："
                + fact_link(fact, page_src)
            )
        out.append("")
    if len(shown) == SHOWN_DAYS:
        out.append(f"只列出最近 {SHOWN_DAYS} 个有更新的日子。")
    return "\n".join(out)


def _city(catalog: Catalog, city_id: str, source_id: str) -> str:
    inferred = catalog.sources[source_id].city_inferred
    return catalog.cities[city_id].name + (INFERRED if inferred else "")


def atom_feed(catalog: Catalog, log: ChangeLog, at: Addresses, site_name: str) -> bytes:
    """An Atom feed with one entry a day; links are full addresses when the site knows its
    own, else relative to the feed's own address (Atom resolves them against it)."""
    page = at.of(PAGE) or "./"
    here = "" if at.site_url else "../"  # the feed sits in updates/, beside the page

    def href(src: str, anchor: str | None = None) -> str:
        address = at.of(src, anchor)
        return address if at.site_url else here + address

    feed_id = uuid.uuid5(_ID_BASE, at.site_url or site_name)
    feed = Atom1Feed(
        title=f"{site_name} · 更新记录",
        link=page if at.site_url else "./",
        description="新加入的来源和数字",
        language="zh-CN",
        author_name=site_name,
        feed_url=at.of(FEED) if at.site_url else None,
        feed_guid=f"urn:uuid:{feed_id}",
        subtitle="" if log.readable else NO_HISTORY[log.state],
    )
    for day in days(catalog, log) if log.readable else []:
        items = [
            f'<li>来源：<a href="{escape_html(href(links.source_page(s)))}">'
            f"{escape_html(catalog.sources[s].title)}</a></li>"
            for s in day.sources
        ] + [
            f'<li>数字：<a href="{escape_html(href(links.source_page(f.source), f.paragraph))}">'
            f"{escape_html(_city(catalog, f.city, f.source))} · {escape_html(f.label)}："
            f"{escape_html(f.written)}</a></li>"
            for f in (catalog.facts[i] for i in day.facts)
        ]
        when = datetime.fromisoformat(day.date).replace(tzinfo=UTC)
        feed.add_item(
            title=f"{day.heading}：{day.summary()}",
            link=href(PAGE, day.anchor),
            description=f"<ul>{''.join(items)}</ul>",
            unique_id=f"urn:uuid:{uuid.uuid5(feed_id, day.heading)}",
            pubdate=when,
            updateddate=when,
        )
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue().encode("utf-8")
