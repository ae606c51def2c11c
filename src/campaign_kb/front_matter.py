"""A page's front matter, read exactly as MkDocs reads it (`mkdocs.utils.meta.get_data`), so
that `kb check` and the build see the same keys; tests/test_front_matter.py holds the two
side by side. Also says where the body starts and whether the YAML was broken, which MkDocs
does not."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .yamlio import read_text

_YAML = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")


@dataclass
class PageSource:
    """A docs/ page as written: its metadata, and its body as the Markdown renderer gets it."""

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    broken_yaml: bool = False  # `---` lines around text that is not a YAML mapping

    @property
    def body_line(self) -> int:
        """The 1-based line of the file where `body` starts."""
        return self.text.count("\n", 0, len(self.text) - len(self.body)) + 1


def read_page(path: Path, display: str) -> str:
    """A page's text as MkDocs reads it: UTF-8 (BOM dropped), line endings made `\\n`."""
    return read_text(path, display).replace("\r\n", "\n").replace("\r", "\n")


def parse_page(text: str) -> PageSource:
    """Split front matter from body; YAML between `---` lines, else MultiMarkdown `key: value`
    lines, as MkDocs does."""
    if match := _YAML.match(text):
        try:
            data = yaml.load(match.group(1), yaml.SafeLoader)  # noqa: S506 - the safe loader
        except yaml.YAMLError:
            return PageSource(text, {}, text, broken_yaml=True)
        if isinstance(data, dict):
            return PageSource(text, data, text[match.end() :].lstrip("\n"))
        return PageSource(text, {}, text, broken_yaml=data is not None)
    return _multimarkdown(text)


def _multimarkdown(text: str) -> PageSource:
    data: dict[str, Any] = {}
    lines = text.split("\n")
    key = None
    while lines:
        line = lines.pop(0)
        if line.strip() == "":
            break
        if first := _META.match(line):
            key = first.group("key").lower().strip()
            value = first.group("value").strip()
            data[key] = f"{data[key]} {value}" if key in data else value
        elif (more := _META_MORE.match(line)) and key:
            data[key] += " " + more.group("value").strip()
        else:
            lines.insert(0, line)
            break
    return PageSource(text, data, "\n".join(lines).lstrip("\n"))
