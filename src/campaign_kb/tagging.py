"""Page titles and tags derived from front matter ids (`city:`, `method:`, `source:`)."""

from __future__ import annotations

from typing import Any

from .catalog import Catalog

INFERRED_TAG = "{}（推断）"


def allowed_tags(catalog: Catalog) -> set[str]:
    """Only city and method names are tags (a city also as 重庆（推断）, for pages whose city
    is inferred): anything else is a typo."""
    cities = {c.name for c in catalog.cities.values()}
    return (
        cities
        | {INFERRED_TAG.format(c) for c in cities}
        | {m.name for m in catalog.methods.values()}
    )


def _city_tag(catalog: Catalog, city_id: str, inferred: bool) -> str:
    name = catalog.cities[city_id].name
    return INFERRED_TAG.format(name) if inferred else name


def page_tags(catalog: Catalog, meta: dict[str, Any]) -> tuple[str | None, list[str]]:
    """(title, tags) for a city, method or source page; raises KeyError for an unknown id."""
    if "city" in meta:
        city = catalog.cities[meta["city"]]
        methods = dict.fromkeys(
            catalog.methods[p.method].name for p in catalog.practices_of_city(city.id)
        )
        return city.name, [city.name, *methods]
    if "method" in meta:
        method = catalog.methods[meta["method"]]
        practices = catalog.practices_of_method(method.id)
        inferred = {
            p.city: all(
                q.city != p.city
                or all(catalog.sources[c.source].city_inferred for c in q.citations)
                for q in practices
            )
            for p in practices
        }
        cities = dict.fromkeys(_city_tag(catalog, c, inferred[c]) for c in inferred)
        return method.name, [method.name, *cities]
    if "source" in meta:
        source = catalog.sources[meta["source"]]
        return None, [_city_tag(catalog, source.city, bool(source.city_inferred))]
    tags = meta.get("tags", [])
    return None, list(tags) if isinstance(tags, list) else [tags]
