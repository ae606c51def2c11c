"""The downloadable datasets: what each holds, and its rows built from the catalog."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from .. import links
from ..catalog import Catalog
from ..decorations import GLOSSARY_PAGE
from ..models import Citation
from .rows import (
    CampaignRow,
    CitationRow,
    CityRow,
    FactRow,
    GlossaryRow,
    MethodRow,
    MetricRow,
    PracticeRow,
    SourceRow,
)


@dataclass(frozen=True)
class Addresses:
    """Where a docs/ page (and an anchor on it) is on the site: a full address when the site
    knows its own (`site_url`), else the path from the site's root."""

    page_urls: Mapping[str, str]  # docs/ path → URL path, e.g. 'sources/x.md' → 'sources/x/'
    site_url: str = ""

    def of(self, src: str, anchor: str | None = None) -> str:
        url = self.page_urls.get(src)
        if url is None:
            return ""
        base = self.site_url.rstrip("/") + "/" if self.site_url else ""
        return base + url + (f"#{anchor}" if anchor else "")

    def citation(self, c: Citation) -> CitationRow:
        return CitationRow(
            **c.model_dump(), address=self.of(links.source_page(c.source), c.paragraph)
        )


@dataclass(frozen=True)
class Dataset:
    name: str  # file name without extension: facts → facts.csv, facts.json, facts.schema.json
    title: str
    about: str  # one line for the 数据 page
    model: type[BaseModel]
    rows: Callable[[Catalog, Addresses], list[BaseModel]]


def _facts(catalog: Catalog, at: Addresses) -> list[BaseModel]:
    return [
        FactRow(
            **f.model_dump(),
            number=str(f.value),
            address=at.of(links.source_page(f.source), f.paragraph),
        )
        for f in catalog.facts.values()
    ]


def _practices(catalog: Catalog, at: Addresses) -> list[BaseModel]:
    return [
        PracticeRow(
            **(p.model_dump() | {"citations": [at.citation(c) for c in p.citations]}),
            address=at.of(links.city_page(p.city), p.method),
        )
        for p in catalog.practices.values()
    ]


def _sources(catalog: Catalog, at: Addresses) -> list[BaseModel]:
    return [
        SourceRow(**s.model_dump(), address=at.of(links.source_page(s.id)))
        for s in catalog.sources.values()
    ]


def _cities(catalog: Catalog, at: Addresses) -> list[BaseModel]:
    return [
        CityRow(**c.model_dump(), address=at.of(links.city_page(c.id)))
        for c in catalog.cities.values()
    ]


def _methods(catalog: Catalog, at: Addresses) -> list[BaseModel]:
    return [
        MethodRow(**m.model_dump(), address=at.of(links.method_page(m.id)))
        for m in catalog.methods.values()
    ]


def _glossary(catalog: Catalog, at: Addresses) -> list[BaseModel]:
    return [
        GlossaryRow(
            **(g.model_dump() | {"citations": [at.citation(c) for c in g.citations]}),
            address=at.of(GLOSSARY_PAGE, g.id),
        )
        for g in catalog.glossary.values()
    ]


def _campaigns(catalog: Catalog, at: Addresses) -> list[BaseModel]:
    return [
        CampaignRow(
            **(
                c.model_dump()
                | {"parts_quote": at.citation(c.parts_quote) if c.parts_quote else None}
            )
        )
        for c in catalog.campaigns.values()
    ]


def _metrics(catalog: Catalog, at: Addresses) -> list[BaseModel]:
    return [MetricRow(**m.model_dump()) for m in catalog.metrics.values()]


DATASETS = (
    Dataset("facts", "数字", "来源中的每个数字，附原文引文和所在段落", FactRow, _facts),
    Dataset(
        "practices",
        "做法",
        "各城市对各方法的做法概括，附全部引文；表格中每条引文占一行",
        PracticeRow,
        _practices,
    ),
    Dataset("sources", "来源", "每份原始材料的元数据", SourceRow, _sources),
    Dataset("methods", "方法", "方法的释义、归类和相关方法", MethodRow, _methods),
    Dataset("cities", "城市", "收录的城市", CityRow, _cities),
    Dataset(
        "glossary",
        "术语",
        "术语表，附原文用例；表格中每条用例占一行",
        GlossaryRow,
        _glossary,
    ),
    Dataset("campaigns", "活动", "两次主题教育及其组成部分", CampaignRow, _campaigns),
    Dataset("metrics", "可比指标", "城市对比表中口径相同的指标", MetricRow, _metrics),
)
