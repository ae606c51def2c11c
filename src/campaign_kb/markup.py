"""Escaping of untrusted text (reports, YAML values) into Markdown and HTML."""

from __future__ import annotations

import html
import re

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")
_BLOCK_START = re.compile(r"^(#|>|-|\+|=|\d+\.)")


def escape_markdown(text: str) -> str:
    """Text that Markdown renders literally: no emphasis, links, HTML, tables or Jinja."""
    escaped = html.escape(text, quote=False)
    escaped = _INLINE_SPECIAL.sub(r"\\\1", escaped)
    return _BLOCK_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], escaped)


def escape_html(text: str) -> str:
    """Text safe inside HTML elements and attribute values (also neutralises `{{`)."""
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def first_heading(markdown: str) -> str | None:
    """The text of the first `# ` heading of a Markdown page, if any."""
    match = re.search(r"^# +(.+?)\s*$", markdown, flags=re.MULTILINE)
    return match.group(1) if match else None
