"""Typed records of the knowledge base; every YAML file in data/ validates into these."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
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
    name: Text
    full_name: Text


class Campaign(Record):
    id: Slug
    name: Text
    short_name: Text
    year: int = Field(ge=1949, le=2100)
    batch: Text | None = None


class Issuer(Record):
    name: Text
    level: Text


class Source(Record):
    id: Slug
    raw: Text
    title: Text
    title_origin: TitleOrigin
    city: Slug
    city_inferred: Text | None = None
    issuer: Issuer
    campaign: Slug
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
    date_inferred: Text | None = None
    genre: Genre
    outlet: Text | None = None
    author: Text | None = None
    batch: Text | None = None
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
    name: Text
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
    name: Text
    group: Text


_AMOUNT = re.compile(r"^(?P<number>\d+(?:\.\d+)?)(?P<scale>万|亿)?(?:—(?P<high>\d+))?%?$")
_SCALES = {None: Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}


class Fact(Record):
    """One figure from a source, as written (`amount`) and as a number (`value`)."""

    id: Slug
    city: Slug
    source: Slug
    paragraph: Anchor
    label: Text
    amount: Annotated[str, StringConstraints(pattern=_AMOUNT.pattern)]
    unit: str = ""
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
    term: Text
    definition: Text
    aliases: list[Text] = []
    variants: list[Text] = []
    see_method: Slug | None = None
    citations: list[Citation] = []

    @property
    def forms(self) -> list[str]:
        """The preferred term and its aliases: the words that count as a use of the term."""
        return [self.term, *self.aliases]
