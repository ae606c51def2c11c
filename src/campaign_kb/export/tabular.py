"""Rows as a CSV table: nested fields become `parent.field` columns, a list of citations one
line per citation, and no cell can start a spreadsheet formula."""

from __future__ import annotations

import csv
import functools
import io
import types
import typing
from typing import Any

from pydantic import BaseModel

# A cell starting with one of these is run as a formula by Excel and LibreOffice (OWASP, "CSV
# injection"); a quote in front makes it text. A cell already starting with a quote gets one
# more, so reading back (drop one leading quote) is exact.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
BOM = "\ufeff"  # so that Excel reads the file as UTF-8


def escape_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unescape_cell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def _model_in(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """(the model a field holds, whether it is a list of them), or (None, False)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            model, many = _model_in(arg)
            if model is not None:
                return model, many
        return None, False
    if origin is list:
        (item,) = typing.get_args(annotation)
        model, _ = _model_in(item)
        return model, model is not None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel] | None, bool], ...]:
    """(name, the model it holds or None, whether a list of them) of each field, worked out
    once per model: asking the type annotations for every row is most of an export's time."""
    return tuple((name, *_model_in(info.annotation)) for name, info in model.model_fields.items())


def columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Column names of a row model, in field order."""
    out = []
    for name, nested, _ in _fields(model):
        if nested is not None:
            out += columns(nested, f"{prefix}{name}.")
        else:
            out.append(prefix + name)
    return out


def exploded_field(model: type[BaseModel]) -> str | None:
    """The list-of-records field (citations) that gives a row per item, if any."""
    return next((name for name, _, many in _fields(model) if many), None)


def cell(value: Any) -> str:
    """A JSON value as a cell: lists one item a line, mappings `key: value` lines."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "\n".join(cell(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{k}: {cell(v)}" for k, v in value.items())
    return str(value)


def _flat(model: type[BaseModel], data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """The cells of one line, nested records as `parent.field` (the exploded list left out)."""
    out: dict[str, str] = {}
    for name, nested, many in _fields(model):
        if many:
            continue
        value = data.get(name)
        if nested is not None:
            out |= _flat(nested, value or {}, f"{prefix}{name}.")
        else:
            out[prefix + name] = cell(value)
    return out


def flatten(model: type[BaseModel], row: dict[str, Any]) -> list[dict[str, str]]:
    """One row (its JSON form) as table lines: one per item of its exploded field, or one."""
    many = exploded_field(model)
    if many is None:
        return [_flat(model, row)]
    nested = next(held for name, held, _ in _fields(model) if name == many)
    assert nested is not None
    order = columns(model)
    lines = []
    for item in row.get(many) or [{}]:  # a term without citations still gets its line
        line = _flat(model, row) | _flat(nested, item, f"{many}.")
        lines.append({name: line[name] for name in order})
    return lines


def to_csv(model: type[BaseModel], rows: list[dict[str, Any]]) -> bytes:
    """The table as UTF-8 with a BOM, every cell escaped against formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns(model))
    for row in rows:
        for line in flatten(model, row):
            writer.writerow(escape_cell(v) for v in line.values())
    return (BOM + buffer.getvalue()).encode("utf-8")
