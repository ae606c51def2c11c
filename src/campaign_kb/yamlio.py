"""Load YAML while remembering the line of every key and list item, for `path:line` errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import DataError, Problem

Location = tuple[str | int, ...]


@dataclass
class LoadedYaml:
    """Parsed data plus the line where each location (key path) starts."""

    path: str
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, location: Location) -> int | None:
        """The line of `location`, or of its nearest parent we know."""
        loc = tuple(location)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def read_text(path: Path, display: str) -> str:
    """Read UTF-8 text; a file in another encoding is an editor problem, not a crash."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(
            [
                Problem(
                    display,
                    line,
                    "file is not UTF-8 text — save it as UTF-8 (in most editors: "
                    "'Save with encoding' → UTF-8)",
                )
            ]
        ) from None


# libyaml's parser when PyYAML has it (the wheels do): the same nodes and marks, many times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path, display: str | None = None) -> LoadedYaml:
    """Parse one YAML file; syntax errors and duplicate keys become located problems."""
    display = display or str(path)
    text = read_text(path, display)
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        what = err.problem or "invalid YAML"
        raise DataError(
            [
                Problem(
                    display,
                    line,
                    f"YAML syntax error: {what} — check indentation, colons and quotes "
                    "on this line or the one above",
                )
            ]
        ) from None
    finally:
        loader.dispose()
    loaded = LoadedYaml(display, data)
    problems: list[Problem] = []
    if node is not None:
        _record_lines(node, (), loaded.lines, problems, display)
    if problems:
        raise DataError(problems)
    return loaded


def _record_lines(
    node: yaml.Node,
    location: Location,
    lines: dict[Location, int],
    problems: list[Problem],
    display: str,
) -> None:
    lines.setdefault(location, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                problems.append(
                    Problem(
                        display,
                        key_node.start_mark.line + 1,
                        f"key '{key}' appears twice in the same entry — keep one",
                    )
                )
            seen.add(key)
            lines[location + (key,)] = key_node.start_mark.line + 1
            _record_lines(value_node, location + (key,), lines, problems, display)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, location + (index,), lines, problems, display)
