"""Page titles and tags derived from front matter ids (`city:`, `method:`, `source:`)."""

from __future__ import annotations

from typing import Any

from .catalog import Catalog


def allowed_tags(catalog: Catalog) -> set[str]:
    """Only city and method names are tags: anything else is a typo."""
    return {c.name for c in catalog.cities.values()} | {m.name for m in catalog.methods.values()}


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
        cities = dict.fromkeys(
            catalog.cities[p.city].name for p in catalog.practices_of_method(method.id)
        )
        return method.name, [method.name, *cities]
    if "source" in meta:
        source = catalog.sources[meta["source"]]
        return None, [catalog.cities[source.city].name]
    tags = meta.get("tags", [])
    return None, list(tags) if isinstance(tags, list) else [tags]
