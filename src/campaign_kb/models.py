"""Typed records of the knowledge base; every YAML file in data/ validates into these."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

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


class Pillar(StrEnum):
    """The four pillars of the 2023 campaign, plus organisation and leadership."""

    THEORY = "理论学习"
    RESEARCH = "调查研究"
    DEVELOPMENT = "推动发展"
    RECTIFICATION = "检视整改"
    LEADERSHIP = "组织领导"


class Genre(StrEnum):
    NEWS = "新闻报道"
    ARTICLE = "署名文章"
    WORK_REPORT = "工作总结"
    MEETING_SCRIPT = "会议主持词"


class TitleOrigin(StrEnum):
    ORIGINAL = "原题"
    EDITOR = "编者拟题"


class Bound(StrEnum):
    """How a figure relates to the truth: 余/多 mean 'more than', 至少 'at least'."""

    EXACT = "exact"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"
    BELOW = "below"
    RANGE = "range"


class City(Record):
    id: Slug
    name: PlainText
    full_name: PlainText


class Campaign(Record):
    id: Slug
    name: PlainText
    short_name: PlainText
    year: int = Field(ge=1949, le=2100)
    batch: PlainText | None = None


class Issuer(Record):
    name: PlainText
    level: PlainText


class Source(Record):
    id: Slug
    raw: RawFileName
    title: PlainText
    title_origin: TitleOrigin
    city: Slug
    city_inferred: Text | None = None
    issuer: Issuer
    campaign: Slug
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
    date_inferred: Text | None = None
    genre: Genre
    outlet: PlainText | None = None
    author: PlainText | None = None
    batch: PlainText | None = None
    anonymised: bool = False
    notes: list[Text] = []

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_text(cls, value: object) -> object:
        return value.isoformat() if hasattr(value, "isoformat") else value


class Citation(Record):
    """A quoted passage: `quote` must occur verbatim in paragraph `paragraph` of `source`."""

    source: Slug
    paragraph: Anchor
    quote: Text


class Method(Record):
    id: Slug
    name: PlainText
    pillar: Pillar
    definition: Text
    related: list[Slug] = []


class Practice(Record):
    """How one city applies one method, in our own words, backed by quotes."""

    id: Slug
    city: Slug
    method: Slug
    summary: Text
    citations: list[Citation] = Field(min_length=1)


class Metric(Record):
    id: Slug
    name: PlainText
    group: PlainText


_AMOUNT = re.compile(r"^(?P<number>\d+(?:\.\d+)?)(?P<scale>万|亿)?(?:—(?P<high>\d+))?%?$")
_SCALES = {None: Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}


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
        match = _AMOUNT.match(self.amount)
        assert match is not None  # guaranteed by the field pattern
        value = Decimal(match["number"]) * _SCALES[match["scale"]]
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value

    @property
    def written(self) -> str:
        """The figure as the source writes it, e.g. 890余份, 20多名, 至少1次, 低于95%."""
        at = self.quote.find(self.amount)
        more = self.quote[at + len(self.amount)] if self.bound is Bound.MORE_THAN else ""
        prefix = {Bound.AT_LEAST: "至少", Bound.BELOW: "低于"}.get(self.bound, "")
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
