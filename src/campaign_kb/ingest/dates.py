"""Dates as a report writes them: 2023年5月23日, 2023-05-23, 二〇二三年五月, 今年4月, 6月28日.
Only what the words give: a month without a year stays without one unless the year is known
from the report itself (its dateline), and is then said to come from there."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_CN = "〇零一二三四五六七八九十"

_PATTERNS = [
    # 2023年5月23日, 2023年05月, 2023年
    re.compile(
        r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年\s*(?:(?P<month>\d{1,2})\s*月\s*"
        r"(?:(?P<day>\d{1,2})\s*日)?)?"
    ),
    # 2023-05-23, 2023/5/23, 2023.05.23
    re.compile(
        r"(?<![\d.])(?P<year>(?:19|20)\d{2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)"
        r"(?P<day>\d{1,2})(?![\d])"
    ),
    # 二〇二三年十二月二十日 (the 落款 of many work reports)
    re.compile(
        rf"(?P<cyear>[〇零一二三四五六七八九]{{4}})年(?:(?P<cmonth>[{_CN}]{{1,2}})月"
        rf"(?:(?P<cday>[{_CN}]{{1,3}})日)?)?"
    ),
    # 今年4月, 今年4月10日
    re.compile(
        r"今年\s*(?P<tmonth>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?:\s*(?P<tday>\d{1,2})\s*日)?"
    ),
    # 6月28日 (no year)
    re.compile(r"(?<![\d年])(?P<bmonth>\d{1,2})\s*月\s*(?P<bday>\d{1,2})\s*日"),
]


@dataclass(frozen=True)
class DateMention:
    """One date in a report: `year` is None when the words do not give it."""

    line: int
    words: str
    year: int | None
    month: int | None = None
    day: int | None = None
    relative: bool = False  # 今年…: the year is the year of writing

    def iso(self, year: int | None = None) -> str | None:
        """2023-05-23, 2023-05 or 2023; `year` fills in a 今年 or a month-day date."""
        year = self.year or year
        if year is None:
            return None
        if self.month is None:
            return f"{year:04d}"
        if self.day is None:
            return f"{year:04d}-{self.month:02d}"
        return f"{year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def is_full(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None


def _cn_number(text: str) -> int:
    """十二 → 12, 二十 → 20, 五 → 5 (months and days)."""
    if "十" not in text:
        return _CN_DIGIT[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        try:
            dt.date(year or 2000, month or 1, day)
        except ValueError:
            return False
    return True


def find_dates(line_no: int, text: str) -> list[DateMention]:
    """Every date written in one line, in the order they occur."""
    found: list[tuple[int, DateMention]] = []
    taken: list[range] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() in span for span in taken):
                continue
            g = m.groupdict()
            if g.get("year"):
                y, mo, d = int(g["year"]), g.get("month"), g.get("day")
                mention = DateMention(
                    line_no, m.group(0).strip(), y, int(mo) if mo else None, int(d) if d else None
                )
            elif g.get("cyear"):
                y = int("".join(str(_CN_DIGIT[c]) for c in g["cyear"]))
                mo, d = g.get("cmonth"), g.get("cday")
                mention = DateMention(
                    line_no,
                    m.group(0),
                    y,
                    _cn_number(mo) if mo else None,
                    _cn_number(d) if d else None,
                )
            elif g.get("tmonth"):
                mo = g["tmonth"]
                month = int(mo) if mo.isdigit() else _cn_number(mo)
                day = int(g["tday"]) if g.get("tday") else None
                mention = DateMention(line_no, m.group(0), None, month, day, relative=True)
            else:
                mention = DateMention(line_no, m.group(0), None, int(g["bmonth"]), int(g["bday"]))
            if _valid(mention.year, mention.month, mention.day):
                found.append((m.start(), mention))
                taken.append(range(m.start(), m.end()))
    return [mention for _, mention in sorted(found, key=lambda pair: pair[0])]


_DATE_ONLY = re.compile(
    r"^[（(]?\s*(?:发布时间|发布日期|时间|日期)?[:：]?\s*"
    r"(?P<date>.+?)\s*(?:(?:星期|周)[一二三四五六日天])?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*[）)]?$"
)


def date_only(text: str) -> DateMention | None:
    """The date when a line is nothing but a full date (with an optional time): a dateline
    or the 落款 under a work report."""
    match = _DATE_ONLY.match(text)
    if not match:
        return None
    mentions = find_dates(0, match["date"])
    if len(mentions) == 1 and mentions[0].words == match["date"] and mentions[0].year:
        return mentions[0]
    return None
