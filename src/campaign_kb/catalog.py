"""Load every data/*.yml file into one validated, cross-referenced catalog."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .messages import explain
from .models import (
    CAMPAIGN_UNKNOWN,
    NO_CAMPAIGN,
    Campaign,
    City,
    Fact,
    GlossaryTerm,
    Method,
    Metric,
    Practice,
    Source,
)
from .problems import DataError, Problem
from .rawfiles import check_raw_paths
from .yamlio import LoadedYaml, load_yaml

DATA_FILES: dict[str, type[BaseModel]] = {
    "cities": City,
    "campaigns": Campaign,
    "sources": Source,
    "methods": Method,
    "metrics": Metric,
    "practices": Practice,
    "facts": Fact,
    "glossary": GlossaryTerm,
}


@dataclass
class Catalog:
    """All records by id; `lines` keeps each record's location for later checks."""

    root: Path
    cities: dict[str, City] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    methods: dict[str, Method] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    practices: dict[str, Practice] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    files: dict[str, LoadedYaml] = field(default_factory=dict)
    located: dict[tuple[str, str], tuple[str, int | None, int]] = field(default_factory=dict)

    def location(self, kind: str, record_id: str, *field_path: str | int) -> tuple[str, int | None]:
        """`(path, line)` of a record, or of one of its fields."""
        path, line, index = self.located[(kind, record_id)]
        loaded = self.files[kind]
        if field_path:
            return path, loaded.line_of((index, *field_path))
        return path, line

    def problem(self, kind: str, record_id: str, message: str, *field_path: str | int) -> Problem:
        path, line = self.location(kind, record_id, *field_path)
        return Problem(path, line, message)

    def campaign_label(self, source: Source, *, short: bool = False) -> str:
        """The source's campaign as shown to readers: year and name, with the batch; a report
        that belongs to no campaign says so, and an unknown campaign says 待核实."""
        if source.campaign == NO_CAMPAIGN:
            return source.campaign_note or "非主题教育材料"
        if source.campaign == CAMPAIGN_UNKNOWN:
            return "所属活动待核实"
        campaign = self.campaigns[source.campaign]
        name = campaign.short_name if short else campaign.name
        batch = ""
        if source.batch:
            batch = f"（{source.batch}{'，批次为推断' if source.batch_inferred else ''}）"
        return f"{campaign.year}年{name}{batch}"

    def practices_of_city(self, city_id: str) -> list[Practice]:
        return self._groups.practices_of_city.get(city_id, [])

    def practices_of_method(self, method_id: str) -> list[Practice]:
        return self._groups.practices_of_method.get(method_id, [])

    def sources_of_city(self, city_id: str) -> list[Source]:
        return self._groups.sources_of_city.get(city_id, [])

    def facts_of_source(self, source_id: str) -> list[Fact]:
        return self._groups.facts_of_source.get(source_id, [])

    def facts_of_paragraph(self, source_id: str, anchor: str) -> list[Fact]:
        return self._groups.facts_of_paragraph.get((source_id, anchor), [])

    @cached_property
    def glossary_forms(self) -> frozenset[str]:
        """Every preferred form and alias of every glossary term."""
        return frozenset(form for term in self.glossary.values() for form in term.forms)

    @cached_property
    def _groups(self) -> _Groups:
        """Records grouped by what pages ask for, built once: a city page, a method page or a
        table must not scan every practice or fact (that would grow quadratically)."""
        groups = _Groups()
        for p in self.practices.values():
            groups.practices_of_city.setdefault(p.city, []).append(p)
            groups.practices_of_method.setdefault(p.method, []).append(p)
        for s in sorted(self.sources.values(), key=lambda s: s.date):
            groups.sources_of_city.setdefault(s.city, []).append(s)
        for f in self.facts.values():
            groups.facts_of_source.setdefault(f.source, []).append(f)
            groups.facts_of_paragraph.setdefault((f.source, f.paragraph), []).append(f)
        return groups


@dataclass
class _Groups:
    practices_of_city: dict[str, list[Practice]] = field(default_factory=dict)
    practices_of_method: dict[str, list[Practice]] = field(default_factory=dict)
    sources_of_city: dict[str, list[Source]] = field(default_factory=dict)
    facts_of_source: dict[str, list[Fact]] = field(default_factory=dict)
    facts_of_paragraph: dict[tuple[str, str], list[Fact]] = field(default_factory=dict)


def load_catalog(root: Path) -> Catalog:
    """Validate all data files; raise one DataError listing every problem found."""
    catalog = Catalog(root=root)
    problems: list[Problem] = []
    for kind, model in DATA_FILES.items():
        problems.extend(_load_records(catalog, kind, model))
    if not problems:
        problems.extend(_check_references(catalog))
        problems.extend(check_raw_paths(catalog))
    if problems:
        raise DataError(problems)
    return catalog


def _load_records(catalog: Catalog, kind: str, model: type[BaseModel]) -> list[Problem]:
    display = f"data/{kind}.yml"
    path = catalog.root / display
    if not path.exists():
        return [Problem(display, None, "file is missing — restore it from git")]
    try:
        loaded = load_yaml(path, display)
    except DataError as err:
        return err.problems
    catalog.files[kind] = loaded
    if loaded.data is None:
        return []
    if not isinstance(loaded.data, list):
        return [Problem(display, 1, "expected a list of entries, each starting with `- id: …`")]
    problems: list[Problem] = []
    records: dict[str, BaseModel] = getattr(catalog, kind)
    allowed = list(model.model_fields)
    for index, item in enumerate(loaded.data):
        line = loaded.line_of((index,))
        try:
            record = model.model_validate(item)
        except ValidationError as err:
            for error in err.errors():
                at = loaded.line_of((index, *error["loc"])) or line
                problems.append(Problem(display, at, explain(error, allowed)))
            continue
        record_id = record.id  # type: ignore[attr-defined]
        if record_id in records:
            first = catalog.located[(kind, record_id)][1]
            problems.append(
                Problem(
                    display,
                    line,
                    f"duplicate id '{record_id}' — already used at line {first}; "
                    "give this entry its own id",
                )
            )
            continue
        records[record_id] = record
        catalog.located[(kind, record_id)] = (display, line, index)
    return problems


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    names = ", ".join(sorted(known)) or "none yet"
    return f"unknown {kind} '{value}' (known: {names})"


def _check_references(catalog: Catalog) -> list[Problem]:
    """Every id a record mentions must exist."""
    problems: list[Problem] = []
    refs: list[tuple[str, str, str, str, dict[str, BaseModel]]] = []
    for s in catalog.sources.values():
        refs += [("sources", s.id, "city", s.city, catalog.cities)]
        if s.campaign not in (NO_CAMPAIGN, CAMPAIGN_UNKNOWN):
            refs += [("sources", s.id, "campaign", s.campaign, catalog.campaigns)]
    for m in catalog.methods.values():
        refs += [("methods", m.id, "related", r, catalog.methods) for r in m.related]
        refs += [("methods", m.id, "places", c, catalog.campaigns) for c in m.places]
    for p in catalog.practices.values():
        refs += [("practices", p.id, "city", p.city, catalog.cities)]
        refs += [("practices", p.id, "method", p.method, catalog.methods)]
        refs += [("practices", p.id, "citations", c.source, catalog.sources) for c in p.citations]
    for f in catalog.facts.values():
        refs += [("facts", f.id, "city", f.city, catalog.cities)]
        refs += [("facts", f.id, "source", f.source, catalog.sources)]
        if f.metric:
            refs += [("facts", f.id, "metric", f.metric, catalog.metrics)]
    for g in catalog.glossary.values():
        if g.see_method:
            refs += [("glossary", g.id, "see_method", g.see_method, catalog.methods)]
        refs += [("glossary", g.id, "citations", c.source, catalog.sources) for c in g.citations]
    for c in catalog.campaigns.values():
        if c.parts_quote:
            refs += [("campaigns", c.id, "parts_quote", c.parts_quote.source, catalog.sources)]
    for kind, record_id, field_name, value, known in refs:
        if value not in known:
            label = {
                "related": "method",
                "see_method": "method",
                "citations": "source",
                "places": "campaign",
                "parts_quote": "source",
            }.get(field_name, field_name)
            problems.append(
                catalog.problem(kind, record_id, _unknown(label, value, known), field_name)
            )
    for m in catalog.methods.values():
        for campaign_id, part in m.places.items():
            campaign = catalog.campaigns.get(campaign_id)
            if campaign and part not in campaign.parts:
                problems.append(
                    catalog.problem(
                        "methods",
                        m.id,
                        f"“{part}”不是{campaign.year}年活动自己的组成部分 — "
                        f"改为 {'、'.join(campaign.parts)} 之一（见 data/campaigns.yml）",
                        "places",
                        campaign_id,
                    )
                )
    return problems
