"""Plain-words explanations of schema errors, for editors who do not read Python."""

from __future__ import annotations

from typing import Any

from pydantic_core import ErrorDetails

from . import plaintext

_FIELD_HINTS = {
    "id": "use lowercase pinyin or English words joined by '-', e.g. 'wu-ji-lian-dong'",
    "city": "use a city id such as 'chongqing'",
    "source": "use a source id from data/sources.yml",
    "method": "use a method id from data/methods.yml",
    "campaign": "use a campaign id from data/campaigns.yml",
    "metric": "use a metric id from data/metrics.yml",
    "paragraph": "copy the anchor from the ¶ link beside the paragraph on its source page, "
    "e.g. 'p-3fa2c1'",
    "amount": "write the figure exactly as the source does, e.g. 96, 7.8万, 95%, 1—2",
    "date": "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2023-05-23",
    "url": "write the original's full address, starting with http:// or https://",
}

# What editors call each text field, for the messages written in Chinese.
_FIELD_LABELS = {
    "name": "名称",
    "issuer.name": "发布单位",
    "full_name": "全称",
    "short_name": "简称",
    "title": "标题",
    "outlet": "刊发媒体",
    "author": "作者",
    "level": "级别",
    "batch": "批次",
    "label": "标签",
    "unit": "单位",
    "group": "分组",
    "term": "术语",
    "aliases": "别名",
    "variants": "异体写法",
    "definition": "释义",
    "summary": "概括",
    "quote": "引文",
    "notes": "备注",
    "city_inferred": "推断依据",
    "date_inferred": "推断依据",
    "raw": "原文文件",
}


def field_label(loc: list[str]) -> str:
    """The Chinese name of a field: 名称, 标题, 发布单位 …"""
    if not loc:
        return "这一项"
    return _FIELD_LABELS.get(".".join(loc[-2:])) or _FIELD_LABELS.get(loc[-1]) or f"'{loc[-1]}'"


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def explain(error: ErrorDetails, allowed_fields: list[str]) -> str:
    """One sentence: what is wrong with which field, and how to fix it."""
    loc = [str(part) for part in error["loc"] if not isinstance(part, int)]
    name = loc[-1] if loc else "entry"
    where = ".".join(loc) or "this entry"
    kind = error["type"]
    value = error.get("input")
    hint = _FIELD_HINTS.get(name)
    if kind == "plain_text":
        ctx = error.get("ctx", {})
        unsafe = plaintext.Unsafe(ctx["what"], ctx["fix"])
        return plaintext.message(field_label(loc), str(value), unsafe)
    if kind == "raw_file_name":
        return (
            f'原文文件 "{plaintext.shown(str(value))}" 不是 data/raw/ 里的文件名 — raw 只写 '
            "data/raw/ 里的文件名，不带文件夹，例如 005_18caf8c817e2f59e.txt；新材料用 "
            "kb add-report 导入"
        )
    if kind == "missing":
        return f"missing field '{where}' — add a line `{name}: …`"
    if kind == "extra_forbidden":
        return f"unknown field '{where}' — check the spelling; allowed fields: " + ", ".join(
            allowed_fields
        )
    if kind == "string_pattern_mismatch":
        return f"'{value}' is not a valid {name} — {hint or 'check the format'}"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"'{value}' is not allowed for '{where}' — use one of {expected}"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"'{where}' should be a whole number, got {_shown(value)}"
    if kind in {"bool_parsing", "bool_type"}:
        return f"'{where}' should be true or false, got {_shown(value)}"
    if kind == "string_type":
        return f"'{where}' should be text, got {_shown(value)} — put it on one line after the colon"
    if kind == "list_type":
        return f"'{where}' should be a list (one `- item` per line), got {_shown(value)}"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"'{where}' should be a mapping of `key: value` lines, got {_shown(value)}"
    if kind == "too_short":
        return f"'{where}' needs at least one entry"
    if kind == "string_too_short":
        return f"'{where}' is empty — write something or remove the line"
    if kind in {"greater_than_equal", "less_than_equal"}:
        return f"'{where}' is out of range: {error['msg'].lower()}"
    return f"'{where}': {error['msg']}" + (f" — {hint}" if hint else "")
