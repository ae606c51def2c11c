"""A new report's metadata, read off its own words: each value with the line it came from, and
待核实 (with what the text does offer) where the words do not give it. Never the clock, never
a year the text does not write."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import UNKNOWN, Campaign, Genre
from .dates import DateMention, find_dates
from .header import dates_of, inline_byline
from .pipeline import IngestResult

_EXCERPT = 36


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: the line of the raw report and the words on it."""

    line: int
    words: str


@dataclass
class Reading:
    """One field: its value (待核实 when unknown), where it came from, and what an editor
    should look at to fill it in."""

    value: str = UNKNOWN
    evidence: Evidence | None = None
    how: str = ""  # how the value was read, e.g. 电头 or 标题含“主持词”
    hints: list[str] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return self.value != UNKNOWN


@dataclass
class ReportMetadata:
    title: Reading
    title_origin: str
    original_title: Reading
    date: Reading
    campaign: Reading
    batch: Reading
    genre: Reading
    outlet: Reading
    author: Reading
    anonymised: Reading
    year: int | None = None  # the year the report's own date gives, for the id


def excerpt(text: str, at: int = 0, length: int = 0) -> str:
    """The words around `text[at:at+length]`, at most a short line of them."""
    if len(text) <= _EXCERPT:
        return text
    start = max(0, min(at - 8, len(text) - _EXCERPT))
    shown = text[start : start + max(_EXCERPT, length + 16)]
    return ("…" if start else "") + shown + ("…" if start + len(shown) < len(text) else "")


def _plain(text: str) -> str:
    """The text without quotes, enumeration commas and spaces: how a campaign's name is
    matched (“不忘初心、牢记使命”主题教育 = 不忘初心牢记使命主题教育)."""
    return re.sub(r"[“”\"'‘’「」『』、·\s]", "", text)


def _names(campaign: Campaign) -> list[str]:
    short = _plain(campaign.short_name)
    return [_plain(campaign.name), short if short.endswith("主题教育") else short + "主题教育"]


def read_campaign(lines: list[tuple[int, str]], campaigns: dict[str, Campaign]) -> Reading:
    """The campaign the report names; 待核实 when it names none, or more than one."""
    named: dict[str, Evidence] = {}
    generic: Evidence | None = None
    for number, text in lines:
        plain = _plain(text)
        for cid, campaign in campaigns.items():
            for name in _names(campaign):
                if cid not in named and name in plain:
                    at = text.find(name[:4])
                    named[cid] = Evidence(number, excerpt(text, at, len(name)))
        if generic is None and "主题教育" in text:
            generic = Evidence(number, excerpt(text, text.find("主题教育"), 4))
    if len(named) == 1:
        ((cid, evidence),) = named.items()
        campaign = campaigns[cid]
        return Reading(cid, evidence, f"原文写明活动名称：{campaign.year}年{campaign.name}")
    if named:
        where = "；".join(f"第 {e.line} 行“{e.words}”" for e in named.values())
        return Reading(hints=[f"原文提到不止一次主题教育（{where}），请判断本文属于哪一次"])
    if generic:
        return Reading(
            hints=[
                f"原文只说“主题教育”（第 {generic.line} 行“{generic.words}”），"
                "没有写明是哪一次：据上下文判断，并用 campaign_note 写明依据"
            ]
        )
    return Reading(
        hints=["原文没有提到主题教育：若不是主题教育材料，写 none 并用 campaign_note 说明"]
    )


_BATCH = re.compile(r"第([一二三])批")


def read_batch(
    lines: list[tuple[int, str]], title: Reading, campaign: Reading, campaigns: dict
) -> Reading:
    """第一批/第二批 as the report names it: from the title, else the only batch named."""
    if not campaign.known:
        return Reading(value="")
    if title.evidence and (m := _BATCH.search(title.value)):
        return Reading(m.group(0), title.evidence, "标题写明")
    names = _names(campaigns[campaign.value]) + ["主题教育"]
    found: dict[str, Evidence] = {}
    for number, text in lines:
        for m in _BATCH.finditer(text):
            after = _plain(text[m.end() : m.end() + 40])
            if any(after.startswith(n) for n in names) and m.group(0) not in found:
                found[m.group(0)] = Evidence(number, excerpt(text, m.start(), 3))
    if len(found) == 1:
        ((batch, evidence),) = found.items()
        return Reading(batch, evidence, "原文写明")
    hints = []
    if found:
        where = "、".join(f"{b}（第 {e.line} 行）" for b, e in found.items())
        hints.append(f"原文提到 {where}：按本文所写的那一批填写 batch")
    return Reading(value="", hints=hints)


def _meta_value(result: IngestResult, name: str) -> Reading:
    for line in result.meta:
        if value := line.get(name):
            return Reading(value, Evidence(line.line, line.text), "原文写明")
    return Reading(value="")


def read_date(result: IngestResult, lines: list[tuple[int, str]]) -> tuple[Reading, int | None]:
    """The report's date from its dateline (or the dated 落款 below it); else 待核实, with the
    dates the text mentions as hints (a date in the body is an event, not the report's date)."""
    own = [d for d in dates_of(result.meta) if d.year]
    if own:
        best = max(own, key=lambda d: (d.month is not None, d.day is not None))
        line = next(m.text for m in result.meta if m.line == best.line)
        iso = best.iso()
        assert iso is not None
        return Reading(iso, Evidence(best.line, line), "电头或落款"), best.year
    mentions: list[DateMention] = [d for n, text in lines for d in find_dates(n, text)]
    hints = []
    if mentions:
        shown = "；".join(
            f"第 {d.line} 行“{d.words}”" + ("（哪一年原文未写）" if d.year is None else "")
            for d in mentions[:6]
        )
        more = f" 等 {len(mentions)} 处" if len(mentions) > 6 else ""
        hints.append(
            f"原文没有写明成文或发布日期；文中提到的日期（是所述事情的时间）：{shown}{more}。"
            "据此推断时写 date 和 date_inferred"
        )
    else:
        hints.append("原文没有任何日期：从材料出处查明，或据内容推断并写 date_inferred")
    return Reading(hints=hints), None


_MEETING = re.compile(r"[（(](?:汇报|讲话|发言|宣读|表态发言)毕[）)]|下面.{0,12}(?:议程|请)")


def read_genre(result: IngestResult, title: str | None) -> Reading:
    """The genre from the report's form; 待核实 when the form does not show it."""
    if title:
        for words, genre in (
            ("主持词", Genre.MEETING_SCRIPT),
            ("讲话", Genre.SPEECH),
            ("发言", Genre.SPEECH),
            ("总结", Genre.WORK_REPORT),
            ("情况报告", Genre.WORK_REPORT),
            ("情况汇报", Genre.WORK_REPORT),
        ):
            if words in title:
                assert result.title_line is not None
                return Reading(genre.value, Evidence(result.title_line, title), f"标题含“{words}”")
    paragraphs = [b for b in result.blocks if b.kind == "paragraph"]
    for block in paragraphs:
        if m := _MEETING.search(block.text):
            return Reading(
                Genre.MEETING_SCRIPT.value,
                Evidence(block.line, excerpt(block.text, m.start(), len(m.group(0)))),
                f"会议主持的用语“{m.group(0)}”",
            )
    if paragraphs and paragraphs[0].text.startswith("同志们"):
        return Reading(
            Genre.SPEECH.value, Evidence(paragraphs[0].line, paragraphs[0].text), "称呼“同志们”"
        )
    for line in result.meta:
        if line.get("来源") or any(f == "作者" and "记者" in v for f, v in line.fields):
            return Reading(Genre.NEWS.value, Evidence(line.line, line.text), "电头、来源或记者署名")
    for block in paragraphs[:2]:
        if inline_byline(block.text) is not None or block.text.startswith(("本报讯", "本刊讯")):
            return Reading(Genre.NEWS.value, Evidence(block.line, excerpt(block.text)), "新闻电头")
    return Reading(
        hints=[
            "从形式看不出体裁（没有电头、署名记者、会议用语，标题也没有写明）："
            f"取 {'、'.join(g.value for g in Genre if g is not Genre.UNKNOWN)} 之一"
        ]
    )


def read_author(result: IngestResult) -> Reading:
    for line in result.meta:
        for name in ("作者", "署名单位"):
            if value := line.get(name):
                return Reading(value, Evidence(line.line, line.text), "署名")
    for block in [b for b in result.blocks if b.kind == "paragraph"][:2]:
        if byline := inline_byline(block.text):
            return Reading(byline, Evidence(block.line, excerpt(block.text)), "电头中的署名")
    return Reading(value="")


def report_lines(raw_text: str, result: IngestResult) -> list[tuple[int, str]]:
    """The report's normalised lines by number, without the boilerplate ingest removed."""
    removed = {r.line for r in result.removed}
    return [
        (number, line.strip())
        for number, line in enumerate(raw_text.split("\n"), start=1)
        if line.strip() and number not in removed
    ]


_REDACTION = re.compile(r"(?<=[\u4e00-\u9fff])\*|\*(?=[\u4e00-\u9fff])")


def read_anonymised(result: IngestResult, lines: list[tuple[int, str]]) -> Reading:
    """A report that hides names behind “*” (第*指导组、*同志) is an anonymised copy."""
    hits = [(n, m) for n, text in lines for m in _REDACTION.finditer(text)]
    if len(hits) < 2:
        return Reading(value="")
    number, match = hits[0]
    text = dict(lines)[number]
    return Reading(
        "true",
        Evidence(number, excerpt(text, match.start(), 1)),
        f"原文有 {len(hits)} 处以“*”隐去名称",
    )


def read_metadata(
    result: IngestResult,
    lines: list[tuple[int, str]],
    campaigns: dict[str, Campaign],
    given_title: str | None = None,
) -> ReportMetadata:
    """Everything `kb add-report` writes to data/sources.yml, each with its evidence."""
    original = _meta_value(result, "原标题")
    if given_title:
        on_line = result.title_line if result.title_text == given_title else None
        title = Reading(
            given_title,
            Evidence(on_line, given_title) if on_line else None,
            "原文标题行" if on_line else "编者用 --title 给出",
        )
        origin = "原题" if on_line else "编者拟题"
    elif result.title_text:
        assert result.title_line is not None
        title = Reading(
            result.title_text, Evidence(result.title_line, result.title_text), "原文标题行"
        )
        origin = "原题"
    else:
        title = Reading(
            hints=[
                "原文没有标题行（第一行是正文）：用 --title 给出标题，或在这里写编者拟题，"
                "title_origin 保持“编者拟题”"
            ]
        )
        origin = "编者拟题"
    if origin == "原题" and original.value:
        origin = "转载标题"
    date, year = read_date(result, lines)
    campaign = read_campaign(lines, campaigns)
    heading = title.value if title.known else None
    return ReportMetadata(
        title=title,
        title_origin=origin,
        original_title=original,
        date=date,
        campaign=campaign,
        batch=read_batch(lines, title, campaign, campaigns),
        genre=read_genre(result, heading if origin != "编者拟题" else None),
        outlet=_meta_value(result, "来源"),
        author=read_author(result),
        anonymised=read_anonymised(result, lines),
        year=year,
    )
