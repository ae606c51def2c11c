"""The files of the 数据 page, made at every build from the catalog: CSV, JSON and JSON Schema."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from ..catalog import Catalog
from .datasets import DATASETS, Addresses, Dataset
from .tabular import to_csv

FOLDER = "data"  # on the site, beside the 数据 page (docs/data/index.md)
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def file_names(dataset: Dataset) -> dict[str, str]:
    """Site paths of a dataset's files, by format."""
    return {
        "csv": f"{FOLDER}/{dataset.name}.csv",
        "json": f"{FOLDER}/{dataset.name}.json",
        "schema": f"{FOLDER}/{dataset.name}.schema.json",
    }


def json_rows(dataset: Dataset, catalog: Catalog, at: Addresses) -> list[dict[str, Any]]:
    return [row.model_dump(mode="json") for row in dataset.rows(catalog, at)]


def schema(dataset: Dataset) -> dict[str, Any]:
    """JSON Schema of the dataset's JSON file (a list of rows), made from its row model."""
    generated = TypeAdapter(list[dataset.model]).json_schema()  # type: ignore[name-defined]
    return {
        "$schema": SCHEMA_DIALECT,
        "title": f"{dataset.title}（{dataset.name}.json）",
        "description": dataset.about,
        **generated,
    }


def _json(data: Any) -> bytes:
    """Compact: with an indent, Python's json leaves its fast C encoder (seconds at 1,000
    reports)."""
    return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")


def export_files(catalog: Catalog, at: Addresses) -> dict[str, bytes]:
    """Every file of the 数据 page: site path → content."""
    files: dict[str, bytes] = {}
    for dataset in DATASETS:
        rows = json_rows(dataset, catalog, at)
        names = file_names(dataset)
        files[names["csv"]] = to_csv(dataset.model, rows)
        files[names["json"]] = _json(rows)
        files[names["schema"]] = _json(schema(dataset))
    return files
