"""Typed records of the knowledge base; every YAML file in data/ validates into these."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)
from pydantic_core import PydanticCustomError

from . import plaintext

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


def _no_control_characters(value: str) -> str:
    if unsafe := plaintext.control_character(value, allow_tab_and_newline=True):
        raise PydanticCustomError(
            "plain_text", unsafe.what, {"what": unsafe.what, "fix": unsafe.fix}
        )
    return value


def _plain(value: str) -> str:
    if unsafe := plaintext.find_unsafe(value):
        raise PydanticCustomError(
            "plain_text", unsafe.what, {"what": unsafe.what, "fix": unsafe.fix}
        )
    return value


def _bare_file_name(value: str) -> str:
    """A file directly under data/raw/: no folder, no `..`, no absolute path."""
    if (
        "/" in value
        or "\\" in value
        or value.startswith(".")
        or value == "SHA256SUMS"
        or plaintext.control_character(value, allow_tab_and_newline=False)
    ):
        raise PydanticCustomError("raw_file_name", "not a file name in data/raw/")
    return value


# Free text (summaries, definitions, quotes, notes): escaped where it lands; no control characters.
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_no_control_characters),
]
# Names, titles and labels: they reach headings, tags and <title>, so no markup at all.
PlainText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_plain)
]
RawFileName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_bare_file_name)
]
Anchor = Annotated[str, StringConstraints(pattern=r"^p-[0-9a-f]{6}(?:-\d+)?$")]


class Record(BaseModel):
    """Base: unknown keys are errors (a typo must not silently drop data)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Aspect(StrEnum):
    """The site's own grouping of methods (方面), the same for every campaign. Each campaign's
    own parts (2019: 学习教育…; 2023: 理论学习…) are data of the campaign (campaigns.yml),
    and a method's place in them is given per campaign (`places` in methods.yml)."""

    STUDY = "学习"
    RESEARCH = "调研"
    SOLVING = "解决问题与推动工作"
    RECTIFICATION = "检视与整改"
    LEADERSHIP = "组织领导"


# What an editor has not checked yet: `kb add-report` writes it for what the report's own words
# do not give (title, date, campaign, genre, issuer), never a guess. The preview shows it; a
# build fails on it (checks/unverified.py).
UNKNOWN = "待核实"

# A source's campaign has three states: a campaign id, `none` (not a campaign report, e.g. an
# article on everyday study) or 待核实 (not known yet).
NO_CAMPAIGN = "none"
CAMPAIGN_UNKNOWN = UNKNOWN


class Status(StrEnum):
    """What a practice is in its source: done, planned (将、拟), instructed (a meeting's 要求),
    or reported by someone else (据介绍). Only `done` gets the ✔ mark."""

    DONE = "done"
    PLANNED = "planned"
    INSTRUCTED = "instructed"
    REPORTED = "reported"


STATUS_LABEL = {
    Status.DONE: "已实施",
    Status.PLANNED: "计划中",
    Status.INSTRUCTED: "会议要求",
    Status.REPORTED: "据介绍",
}
STATUS_MARK = {Status.DONE: "✔", Status.PLANNED: "○", Status.INSTRUCTED: "△", Status.REPORTED: "◇"}


class Stage(StrEnum):
    """When in a campaign a figure was reported: soon after the start, midway, or the totals
    at the end. Figures from different stages are not comparable."""

    START = "start"
    MID = "mid"
    FINAL = "final"


STAGE_LABEL = {Stage.START: "启动初期", Stage.MID: "进行中", Stage.FINAL: "结束时累计"}


class Genre(StrEnum):
    NEWS = "新闻报道"
    ARTICLE = "署名文章"
    WORK_REPORT = "工作总结"
    MEETING_SCRIPT = "会议主持词"
    SPEECH = "讲话"
    UNKNOWN = UNKNOWN  # not yet known: the build fails until an editor sets it


class TitleOrigin(StrEnum):
    ORIGINAL = "原题"
    REPRINT = "转载标题"  # the reprinting site's headline; `original_title` gives the author's
    EDITOR = "编者拟题"


class Bound(StrEnum):
    """How a figure relates to the truth: 余/多 mean 'more than', 至少 'at least'."""

    EXACT = "exact"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"
    BELOW = "below"
    AT_MOST = "at-most"
    RANGE = "range"


# What a bound looks like in a quote: the words that mark it, for the quote check and for editors.
BOUND_MARKERS = {
    "more-than": "数字后的“余”“多”（也可在单位后，如“一周多”）",
    "at-least": "“至少”“不少于”，或单位后的“以上”",
    "below": "“低于”“不到”",
    "at-most": "单位后的“内”“以内”，或“不超过”",
    "range": "“1—2”这样的区间",
    "exact": "无限定词",
}


class CityRank(StrEnum):
    MUNICIPALITY = "直辖市"
    SUB_PROVINCIAL = "副省级城市"
    PREFECTURE = "地级市"


class Citation(Record):
    """A quoted passage: `quote` must occur verbatim in paragraph `paragraph` of `source`."""

    source: Slug
    paragraph: Anchor
    quote: Text


class City(Record):
    id: Slug
    name: PlainText
    full_name: PlainText
    rank: CityRank | None = None  # None: not yet checked (shown as 级别待核实)


class Campaign(Record):
    """A campaign with its own framework: `parts` are the campaign's own words for its parts."""

    id: Slug
    name: PlainText
    short_name: PlainText
    year: int = Field(ge=1949, le=2100)
    batch: PlainText | None = None
    parts: list[PlainText] = Field(min_length=1)
    parts_quote: Citation | None = None


class Issuer(Record):
    name: PlainText
    level: PlainText


class Source(Record):
    """One raw report. `date` is the sort key (the earliest the text allows); `date_label`
    says it honestly when it is a range or an estimate (“2019年末或2020年初”)."""

    id: Slug
    raw: RawFileName
    title: PlainText
    title_origin: TitleOrigin
    original_title: PlainText | None = None
    column: PlainText | None = None
    city: Slug
    city_inferred: Text | None = None
    issuer: Issuer | None = None
    campaign: Slug | Literal["待核实"]
    campaign_note: Text | None = None
    date: Annotated[str, StringConstraints(pattern=r"^(?:\d{4}(-\d{2}(-\d{2})?)?|待核实)$")]
    date_label: Text | None = None
    date_inferred: Text | None = None
    stage: Stage | None = None
    genre: Genre
    outlet: PlainText | None = None
    author: PlainText | None = None
    batch: PlainText | None = None
    batch_inferred: Text | None = None
    anonymised: bool = False
    notes: list[Text] = []

    @property
    def shown_date(self) -> str:
        return self.date_label or self.date

    @property
    def is_campaign_report(self) -> bool:
        return self.campaign not in (NO_CAMPAIGN, CAMPAIGN_UNKNOWN)

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_text(cls, value: object) -> object:
        return value.isoformat() if hasattr(value, "isoformat") else value


class Method(Record):
    """`places`: campaign id → the part of that campaign's own framework the method serves."""

    id: Slug
    name: PlainText
    aspect: Aspect
    places: dict[Slug, Text] = {}
    definition: Text
    related: list[Slug] = []


class Practice(Record):
    """How one city applies one method, in our own words, backed by quotes."""

    id: Slug
    city: Slug
    method: Slug
    summary: Text
    status: Status = Status.DONE
    citations: list[Citation] = Field(min_length=1)


class Metric(Record):
    """A comparable measure: what it counts, in which unit, over which scope (whose totals).
    A fact joins it only with the same unit and scope; the build refuses anything else."""

    id: Slug
    name: PlainText
    group: PlainText
    counts: Text
    unit: PlainText
    scope: Text


_AMOUNT = re.compile(
    r"^(?:(?P<number>\d+(?:\.\d+)?)(?P<scale>万|亿)?(?:—(?P<high>\d+(?:\.\d+)?))?%?"
    r"|(?P<chinese>[一二两三四五六七八九十]+))$"
)
_SCALES = {None: Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def chinese_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20 (up to 99: all a report writes in words)."""
    if "十" not in text:
        return _DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


class Fact(Record):
    """One figure from a source, as written (`amount`) and as a number (`value`)."""

    id: Slug
    city: Slug
    source: Slug
    paragraph: Anchor
    label: PlainText
    amount: Annotated[str, StringConstraints(pattern=_AMOUNT.pattern)]
    unit: Annotated[str, AfterValidator(_plain)] = ""
    bound: Bound = Bound.EXACT
    metric: Slug | None = None
    counts: Text | None = None
    scope: Text | None = None
    stage: Stage | None = None
    note: Text | None = None
    quote: Text

    @field_validator("amount", mode="before")
    @classmethod
    def _amount_as_text(cls, value: object) -> object:
        return (
            str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
        )

    @property
    def value(self) -> Decimal:
        """The amount as a plain number: 7.8万 → 78000 (the low end of a range)."""
        return self._number("number")

    def _number(self, group: str) -> Decimal:
        match = _AMOUNT.match(self.amount)
        assert match is not None  # guaranteed by the field pattern
        if match["chinese"]:
            return Decimal(chinese_number(match["chinese"]))
        value = Decimal(match[group]) * _SCALES[match["scale"]]
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value

    @property
    def span(self) -> str:
        """The real span of the figure as a number: = 78,000 · >890 · ≥1 · ≤1 · <95% · 1—2."""
        percent = "%" if self.amount.endswith("%") or self.unit == "%" else ""
        low = f"{self.value:,}{percent}"
        if self.bound is Bound.RANGE:
            return f"{low}—{self._number('high'):,}{percent}"
        sign = {
            Bound.MORE_THAN: ">",
            Bound.AT_LEAST: "≥",
            Bound.AT_MOST: "≤",
            Bound.BELOW: "<",
        }.get(self.bound, "= ")
        return f"{sign}{low}"

    @property
    def written(self) -> str:
        """The figure as the source writes it, e.g. 890余份, 20多名, 至少1次, 低于95%, ≤1周."""
        at = self.quote.find(self.amount)
        more = ""
        if self.bound is Bound.MORE_THAN:
            after = self.quote[at + len(self.amount) :]
            more = after[0] if after[:1] in ("余", "多") else ""
            if not more and after.startswith(self.unit) and after[len(self.unit) :][:1] in "余多":
                return f"{self.amount}{self.unit}{after[len(self.unit)]}"
        prefix = {Bound.AT_LEAST: "至少", Bound.BELOW: "低于", Bound.AT_MOST: "≤"}.get(
            self.bound, ""
        )
        return f"{prefix}{self.amount}{more}{self.unit}"


class GlossaryTerm(Record):
    id: Slug
    term: PlainText
    definition: Text
    aliases: list[PlainText] = []
    variants: list[PlainText] = []
    see_method: Slug | None = None
    citations: list[Citation] = []

    @property
    def forms(self) -> list[str]:
        """The preferred term and its aliases: the words that count as a use of the term."""
        return [self.term, *self.aliases]
