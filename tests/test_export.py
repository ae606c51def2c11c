"""Open data: the files the build writes are valid against their schema and say what data/ says."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import urldefrag

import jsonschema
import pytest
import yaml
from conftest import ROOT, Build
from site_address import site_path

from campaign_kb.catalog import load_catalog
from campaign_kb.export.columns import COLUMN_NOTES
from campaign_kb.export.datasets import DATASETS, Addresses
from campaign_kb.export.files import export_files
from campaign_kb.export.tabular import BOM, columns, escape_cell, unescape_cell

NAMES = [d.name for d in DATASETS]
DATA_FILE = {
    "facts": "facts",
    "practices": "practices",
    "sources": "sources",
    "methods": "methods",
    "cities": "cities",
    "glossary": "glossary",
    "campaigns": "campaigns",
    "metrics": "metrics",
}
ADDED = {"address", "number"}  # what a row adds to its data/ entry


def _json(build: Build, name: str):
    return json.loads((build.site / "data" / f"{name}.json").read_text(encoding="utf-8"))


def _as_written(value):
    """A YAML value as the JSON file writes it (dates and figures are text)."""
    if isinstance(value, list):
        return [_as_written(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_written(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@pytest.mark.parametrize("name", NAMES)
def test_json_is_valid_against_its_schema(site_build: Build, name: str) -> None:
    schema = json.loads((site_build.site / "data" / f"{name}.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(_json(site_build, name), schema, cls=jsonschema.Draft202012Validator)


def test_the_schema_refuses_a_row_that_breaks_the_model(site_build: Build) -> None:
    schema = json.loads((site_build.site / "data/facts.schema.json").read_text("utf-8"))
    row = _json(site_build, "facts")[0] | {"paragraph": "not-an-anchor"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([row], schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("name", NAMES)
def test_json_says_what_data_says(site_build: Build, name: str) -> None:
    raw = yaml.safe_load((ROOT / "data" / f"{DATA_FILE[name]}.yml").read_text(encoding="utf-8"))
    rows = _json(site_build, name)
    assert [r["id"] for r in rows] == [e["id"] for e in raw]
    for entry, row in zip(raw, rows, strict=True):
        for key, value in entry.items():
            got = row[key]
            if key in ("citations", "parts_quote"):  # each citation gains its address
                got = (
                    [{k: v for k, v in c.items() if k != "address"} for c in got]
                    if isinstance(got, list)
                    else {k: v for k, v in got.items() if k != "address"}
                )
            expected = _as_written(value)
            if key == "amount":
                expected = str(value)
            assert got == expected, (name, entry["id"], key)
        # Every other field is a default the model fills in, or an address.
        for key in set(row) - set(entry) - ADDED:
            assert row[key] in (None, [], {}, False, "done", "exact", ""), (name, key)


def _text(value) -> str:
    """How a spreadsheet reader expects a JSON value in a cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "\n".join(value)
    if isinstance(value, dict):
        return "\n".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def _value(row: dict, column: str, item: int):
    """The JSON value under a column name such as `issuer.name` or `citations.quote`."""
    value = row
    for part in column.split("."):
        value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = value[item]
    return value


@pytest.mark.parametrize("name", NAMES)
def test_csv_reads_back_as_the_json(site_build: Build, name: str) -> None:
    """Read the CSV as a spreadsheet user would: one line per row, or per citation of a row
    with several; every cell is the JSON value (lists one item a line)."""
    data = (site_build.site / "data" / f"{name}.csv").read_bytes()
    text = data.decode("utf-8")
    assert text.startswith(BOM)
    table = list(csv.reader(io.StringIO(text[len(BOM) :])))
    header, lines = table[0], table[1:]
    model = next(d.model for d in DATASETS if d.name == name)
    assert header == columns(model)
    at = 0
    for row in _json(site_build, name):
        for item in range(max(1, len(row.get("citations") or []))):
            line = dict(zip(header, (unescape_cell(c) for c in lines[at]), strict=True))
            for column in header:
                assert line[column] == _text(_value(row, column, item)), (name, row["id"], column)
            at += 1
    assert at == len(lines)


def test_every_address_leads_to_its_page_and_paragraph(site_build: Build) -> None:
    checked = 0
    for name in NAMES:
        for row in _json(site_build, name):
            addresses = [row.get("address")] + [c["address"] for c in row.get("citations", [])]
            for address in filter(None, addresses):
                path, anchor = urldefrag(site_path(address))
                html = site_build.html(path)
                assert html.css_first("article") is not None, address
                if anchor:
                    assert html.css_first(f"[id='{anchor}']") is not None, address
                checked += 1
    assert checked > 100


def test_facts_and_practices_carry_their_quotes_and_paragraphs(site_build: Build) -> None:
    facts = {f["id"]: f for f in _json(site_build, "facts")}
    fact = facts["cd2023-grassroots-organisations"]
    assert site_path(fact["address"]) == f"sources/{fact['source']}/#{fact['paragraph']}"
    assert fact["quote"] and fact["number"] == "4933"
    practice = _json(site_build, "practices")[0]
    assert all(c["quote"] and c["address"].endswith(c["paragraph"]) for c in practice["citations"])


def test_every_column_is_explained_on_the_data_page(site_build: Build) -> None:
    text = site_build.article_text("data/")
    assert "尚未为这些数据选定许可协议" in text
    for dataset in DATASETS:
        for column in columns(dataset.model):
            assert COLUMN_NOTES.get(column), (dataset.name, column)
            assert column in text
        for suffix in (".csv", ".json", ".schema.json"):
            link = site_build.html("data/").css_first(f"a[href='{dataset.name}{suffix}']")
            assert link is not None, dataset.name + suffix


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\tx", "'=quoted"]
)
def test_a_cell_that_starts_a_formula_is_text(text: str) -> None:
    assert escape_cell(text).startswith("'")
    assert unescape_cell(escape_cell(text)) == text
    assert escape_cell("正常文字") == "正常文字"


def test_data_from_a_pull_request_cannot_put_a_formula_in_a_spreadsheet(root: Path) -> None:
    catalog = load_catalog(root)
    first = next(iter(catalog.practices))
    catalog.practices[first] = catalog.practices[first].model_copy(
        update={"summary": '=HYPERLINK("http://evil.example","点此")'}
    )
    files = export_files(catalog, Addresses({}))
    table = list(csv.reader(io.StringIO(files["data/practices.csv"].decode("utf-8")[1:])))
    cells = [line[table[0].index("summary")] for line in table[1:]]
    assert '\'=HYPERLINK("http://evil.example","点此")' in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for line in table for c in line)
