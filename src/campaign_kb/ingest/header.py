"""Lines that say who published a report and when, not what it says: datelines, bylines and
reprint headers (原标题, 来源, 作者, 编辑). They leave the body but not the page: 处理记录
lists each one, and `kb add-report` reads the metadata off them.

A line is metadata only when all of it is: a date, labelled parts (`来源：…`) and separators.
Anything left over keeps the line in the body, so no sentence is ever taken out of it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DateMention, date_only, find_dates

# Label → the field it fills (the Chinese name is what 处理记录 shows).
LABELS: dict[str, str] = {
    "原标题": "原标题",
    "原题": "原标题",
    "来源": "来源",
    "稿件来源": "来源",
    "文章来源": "来源",
    "出处": "来源",
    "作者": "作者",
    "记者": "作者",
    "通讯员": "作者",
    "撰稿": "作者",
    "责任编辑": "编辑",
    "网络编辑": "编辑",
    "编辑": "编辑",
    "审核": "编辑",
    "发布时间": "日期",
    "发布日期": "日期",
    "时间": "日期",
    "日期": "日期",
}
_LABEL = re.compile(
    r"(?P<label>" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\s*[:：]\s*"
)
_SEPARATOR = re.compile(r"^[\s|｜丨/／·•]*$")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_SENTENCE_PUNCTUATION = re.compile(r"[。！？!?；;]")
_MAX_META_CHARS = 80

# 四川日报全媒体记者 吴亚飞 · 本报记者 张三 李四 通讯员 王五 · 文/张三
_NAME = r"[\u4e00-\u9fff·]{2,5}"
_BYLINE = re.compile(
    rf"^(?:(?:[\u4e00-\u9fff]{{0,12}}?(?:记者|通讯员|撰稿人))\s*{_NAME}(?:\s+{_NAME})*\s*)+$"
    rf"|^[文图]\s*[/／｜|]\s*{_NAME}(?:\s+{_NAME})*$"
)
# An organisation signing a report (宁波市委主题教育领导小组办公室), above or below the body.
# Only suffixes no title ends with (not 局 as in 开新局, not 中心 as in 以人民为中心).
_ORG = re.compile(
    r"^[\u4e00-\u9fff（）()·]{2,30}(?:办公室|委员会|领导小组|工作组|指导组|党委|党组|党工委|工委"
    r"|省委|市委|区委|县委|组织部|宣传部|人民政府)$"
)
# 本报讯（记者 王某 通讯员 李某）… / 新华社杭州6月12日电（记者 王某）…: the opening of a news
# paragraph. The paragraph stays whole; only the byline inside is read as metadata.
INLINE_DATELINE = re.compile(
    r"^(?P<where>本报讯|本刊讯|[\u4e00-\u9fff]{2,12}?\d{1,2}月\d{1,2}日电|[\u4e00-\u9fff]{2,8}讯)"
    r"\s*(?:[（(](?P<byline>[^（）()]{2,40})[）)])?"
)


@dataclass(frozen=True)
class MetaLine:
    """A metadata line: its number, its text, and what was read from it."""

    line: int
    text: str
    fields: tuple[tuple[str, str], ...]  # (field, value), e.g. ("来源", "四川日报")

    def get(self, name: str) -> str | None:
        return next((value for field, value in self.fields if field == name), None)

    @property
    def shown(self) -> str:
        """What 处理记录 says the line is: 日期、来源."""
        return "、".join(dict.fromkeys(field for field, _ in self.fields))


def _labelled(line_no: int, text: str) -> tuple[tuple[str, str], ...] | None:
    """All of the line as a leading date/time and `label：value` parts, or None."""
    fields: list[tuple[str, str]] = []
    labels = list(_LABEL.finditer(text))
    head = text[: labels[0].start()] if labels else text
    if head.strip(" |｜丨"):
        head_date = date_only(head.strip(" |｜丨"))
        if head_date is None:
            return None
        fields.append(("日期", head_date.words))
    if not labels:
        return tuple(fields) if fields else None
    for index, match in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        value = text[match.end() : end].strip(" |｜丨")
        field = LABELS[match["label"]]
        if field == "日期":
            date = date_only(value)
            if date is None:
                return None
            value = date.words
        else:  # a date after the value: 来源：四川日报 2023-05-23
            dates = find_dates(line_no, value)
            if dates and dates[-1].is_full and value.endswith(dates[-1].words):
                fields.append(("日期", dates[-1].words))
                value = value[: -len(dates[-1].words)].strip(" |｜丨")
        if not value:
            return None
        fields.append((field, value))
    return tuple(fields)


def read_meta_line(line_no: int, text: str, *, edge: bool) -> MetaLine | None:
    """The metadata of a line, or None when the line is (also) content. `edge`: the line is
    above the body or below it, where an organisation's name alone signs the report."""
    if len(text) > _MAX_META_CHARS or _SENTENCE_PUNCTUATION.search(text):
        return None
    if (date := date_only(text)) is not None:
        return MetaLine(line_no, text, (("日期", date.words),))
    fields = _labelled(line_no, _TIME.sub(" ", text) if _LABEL.search(text) else text)
    if fields:
        return MetaLine(line_no, text, fields)
    bare = text.strip("□■ ").removeprefix("（").removeprefix("(").rstrip("）)").strip()
    if _BYLINE.match(bare):
        return MetaLine(line_no, text, (("作者", bare),))
    if edge and _ORG.match(text):
        return MetaLine(line_no, text, (("署名单位", text),))
    return None


def inline_byline(text: str) -> str | None:
    """The byline in a news paragraph's opening (本报讯（记者 王某）…), if any."""
    match = INLINE_DATELINE.match(text)
    return match["byline"].strip() if match and match["byline"] else None


def dates_of(meta: list[MetaLine]) -> list[DateMention]:
    """The dates metadata lines give, each with its line."""
    return [
        mention
        for line in meta
        for field, value in line.fields
        if field == "日期"
        for mention in find_dates(line.line, value)[:1]
    ]
