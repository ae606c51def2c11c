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
    loaded = LoadedYaml(display, None)
    problems: list[Problem] = []
    try:
        node = loader.get_single_node()
        if node is not None:
            loaded.data = _Constructor(loader, loaded.lines, problems, display).value(node, ())
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
    if problems:
        raise DataError(problems)
    return loaded


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


class _Constructor:
    """Python values and the line of every key and item, in one walk over the nodes.

    What SafeLoader would build, but plain strings, lists and mappings (nearly all of data/)
    are built here: PyYAML's general constructor costs more than parsing. Everything else
    (numbers, dates, null, merge keys, tagged nodes) is left to PyYAML.
    """

    def __init__(
        self,
        loader: yaml.SafeLoader,
        lines: dict[Location, int],
        problems: list[Problem],
        display: str,
    ) -> None:
        self.loader = loader
        self.lines = lines
        self.problems = problems
        self.display = display
        self.built: dict[int, Any] = {}  # by node id: an alias gives the same object again

    def value(self, node: yaml.Node, location: Location) -> Any:
        self.lines.setdefault(location, node.start_mark.line + 1)
        if id(node) in self.built:
            return self.built[id(node)]
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _SEQ:
            items: list[Any] = []
            self.built[id(node)] = items
            for index, item in enumerate(node.value):
                items.append(self.value(item, location + (index,)))
            return items
        if tag == _MAP and all(k.tag == _STR for k, _ in node.value):
            mapping: dict[str, Any] = {}
            self.built[id(node)] = mapping
            for key_node, value_node in node.value:
                key = key_node.value
                if key in mapping:
                    self.problems.append(
                        Problem(
                            self.display,
                            key_node.start_mark.line + 1,
                            f"key '{key}' appears twice in the same entry — keep one",
                        )
                    )
                self.lines[location + (key,)] = key_node.start_mark.line + 1
                mapping[key] = self.value(value_node, location + (key,))
            return mapping
        # Scalars of other types, merge keys (<<), non-string keys, explicit tags: PyYAML's way.
        # Lines first: PyYAML's merge rewrites the node, which would look like duplicate keys.
        _record_lines(node, location, self.lines, self.problems, self.display)
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, TypeError, OverflowError) as err:  # e.g. a date like 2023-13-45
            shown = f"'{node.value}'" if isinstance(node, yaml.ScalarNode) else "this entry"
            raise DataError(
                [
                    Problem(
                        self.display,
                        node.start_mark.line + 1,
                        f"{shown} is not a valid value ({err}) — correct it; "
                        "a date is written 2023-05-06",
                    )
                ]
            ) from None


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
