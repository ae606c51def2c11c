"""Which city and which method each part of a page is about: the search filters.

Taken from data/, never from page text: a source paragraph is about the methods whose practices
quote it; a city page's section `#<method id>` is about that method; a method page's section
`#<city id>` is about that city.

A city that rests only on an inferred field (a source's `city_inferred`, and practices citing
only such sources) is shown as 重庆（推断） in a result, but filters as 重庆: the filter is one
value per city, and a reader who picks 重庆 wants what is (probably) about Chongqing too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalog import Catalog
from ..models import Practice
from ..tables import INFERRED, practice_inferred

KIND_SOURCE = "来源报道"
KIND_CITY = "城市"
KIND_METHOD = "方法"
KIND_GLOSSARY = "术语"
KIND_OTHER = "综述"


@dataclass(frozen=True)
class Facets:
    kind: str
    cities: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    # those of `cities` that are inferred: shown with 推断, filtered by the plain name
    inferred: tuple[str, ...] = ()

    def shown_cities(self) -> list[str]:
        """The cities as a result shows them: 重庆（推断） for an inferred one."""
        return [c + (INFERRED if c in self.inferred else "") for c in self.cities]

    def as_filters(self) -> dict[str, list[str]]:
        filters = {"类型": [self.kind]}
        if self.cities:
            filters["城市"] = list(self.cities)
        if self.methods:
            filters["方法"] = list(self.methods)
        return filters


@dataclass(frozen=True)
class PageFacets:
    page: Facets
    by_anchor: dict[str, Facets] = field(default_factory=dict)

    def at(self, anchor: str) -> Facets:
        return self.by_anchor.get(anchor, self.page)


@dataclass
class FacetIndex:
    """Facets of every page, worked out once per build (one pass over the practices)."""

    catalog: Catalog
    city_name: dict[str, str] = field(default_factory=dict)
    method_name: dict[str, str] = field(default_factory=dict)
    # source id → paragraph anchor → names of the methods whose practices quote it
    paragraph_methods: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, catalog: Catalog) -> FacetIndex:
        index = cls(
            catalog,
            {c.id: c.name for c in catalog.cities.values()},
            {m.id: m.name for m in catalog.methods.values()},
        )
        for practice in catalog.practices.values():
            name = index.method_name[practice.method]
            for citation in practice.citations:
                by_anchor = index.paragraph_methods.setdefault(citation.source, {})
                names = by_anchor.setdefault(citation.paragraph, [])
                if name not in names:
                    names.append(name)
        return index


def page_facets(index: FacetIndex, src_uri: str, meta: dict) -> PageFacets:
    """Facets of a docs/ page, from its front matter (`source:`, `city:`, `method:`)."""
    catalog = index.catalog
    if (source_id := meta.get("source")) in catalog.sources:
        source = catalog.sources[source_id]
        cities = (index.city_name[source.city],)
        inferred = cities if source.city_inferred else ()
        return PageFacets(
            Facets(KIND_SOURCE, cities, (), inferred),
            {
                anchor: Facets(KIND_SOURCE, cities, tuple(methods), inferred)
                for anchor, methods in index.paragraph_methods.get(source_id, {}).items()
            },
        )
    if (city_id := meta.get("city")) in catalog.cities:
        cities = (index.city_name[city_id],)
        practices = catalog.practices_of_city(city_id)
        return PageFacets(
            Facets(KIND_CITY, cities),
            {
                p.method: Facets(
                    KIND_CITY,
                    cities,
                    (index.method_name[p.method],),
                    _inferred(catalog, [q for q in practices if q.method == p.method], cities),
                )
                for p in practices
            },
        )
    if (method_id := meta.get("method")) in catalog.methods:
        methods = (index.method_name[method_id],)
        practices = catalog.practices_of_method(method_id)
        return PageFacets(
            Facets(KIND_METHOD, (), methods),
            {
                p.city: Facets(
                    KIND_METHOD,
                    (index.city_name[p.city],),
                    methods,
                    _inferred(
                        catalog,
                        [q for q in practices if q.city == p.city],
                        (index.city_name[p.city],),
                    ),
                )
                for p in practices
            },
        )
    if src_uri == "glossary.md":
        return PageFacets(
            Facets(KIND_GLOSSARY),
            {
                t.id: Facets(KIND_GLOSSARY, (), (index.method_name[t.see_method],))
                for t in catalog.glossary.values()
                if t.see_method
            },
        )
    return PageFacets(Facets(KIND_OTHER))


def _inferred(
    catalog: Catalog, practices: list[Practice], cities: tuple[str, ...]
) -> tuple[str, ...]:
    """`cities` if every one of these practices (of one city and method) rests only on sources
    whose city is inferred."""
    return cities if all(practice_inferred(catalog, p) for p in practices) else ()
