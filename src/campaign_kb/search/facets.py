"""Which city and which method each part of a page is about: the search filters.

Taken from data/, never from page text: a source paragraph is about the methods whose practices
quote it; a city page's section `#<method id>` is about that method; a method page's section
`#<city id>` is about that city.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalog import Catalog

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


def page_facets(catalog: Catalog, src_uri: str, meta: dict) -> PageFacets:
    """Facets of a docs/ page, from its front matter (`source:`, `city:`, `method:`)."""
    city_name = {c.id: c.name for c in catalog.cities.values()}
    method_name = {m.id: m.name for m in catalog.methods.values()}
    if (source_id := meta.get("source")) in catalog.sources:
        source = catalog.sources[source_id]
        cities = (city_name[source.city],)
        methods: dict[str, list[str]] = {}
        for practice in catalog.practices.values():
            for citation in practice.citations:
                if citation.source == source_id:
                    names = methods.setdefault(citation.paragraph, [])
                    if method_name[practice.method] not in names:
                        names.append(method_name[practice.method])
        return PageFacets(
            Facets(KIND_SOURCE, cities),
            {a: Facets(KIND_SOURCE, cities, tuple(m)) for a, m in methods.items()},
        )
    if (city_id := meta.get("city")) in catalog.cities:
        cities = (city_name[city_id],)
        return PageFacets(
            Facets(KIND_CITY, cities),
            {
                p.method: Facets(KIND_CITY, cities, (method_name[p.method],))
                for p in catalog.practices_of_city(city_id)
            },
        )
    if (method_id := meta.get("method")) in catalog.methods:
        methods_ = (method_name[method_id],)
        return PageFacets(
            Facets(KIND_METHOD, (), methods_),
            {
                p.city: Facets(KIND_METHOD, (city_name[p.city],), methods_)
                for p in catalog.practices_of_method(method_id)
            },
        )
    if src_uri == "glossary.md":
        return PageFacets(
            Facets(KIND_GLOSSARY),
            {
                t.id: Facets(KIND_GLOSSARY, (), (method_name[t.see_method],))
                for t in catalog.glossary.values()
                if t.see_method
            },
        )
    return PageFacets(Facets(KIND_OTHER))
