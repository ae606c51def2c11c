"""Explicit, reviewable rules for web boilerplate lines, loaded from data/ingest/boilerplate.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from ..problems import DataError, Problem
from ..yamlio import load_yaml


class BoilerplateRule(BaseModel):
    """A whole-line regular expression and the plain reason shown in a page's provenance."""

    model_config = ConfigDict(extra="forbid")

    pattern: str
    reason: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as err:
            raise ValueError(f"not a valid regular expression ({err})") from None
        return value

    def matches(self, line: str) -> bool:
        return re.fullmatch(self.pattern, line) is not None


@dataclass(frozen=True)
class RemovedLine:
    line: int
    text: str
    reason: str


def load_rules(path: Path, display: str) -> list[BoilerplateRule]:
    loaded = load_yaml(path, display)
    if not isinstance(loaded.data, list):
        raise DataError([Problem(display, 1, "expected a list of rules (`- pattern: …`)")])
    rules, problems = [], []
    for index, item in enumerate(loaded.data):
        try:
            rules.append(BoilerplateRule.model_validate(item))
        except ValueError as err:
            problems.append(Problem(display, loaded.line_of((index,)), f"bad rule: {err}"))
    if problems:
        raise DataError(problems)
    return rules


def first_matching(rules: list[BoilerplateRule], line: str) -> BoilerplateRule | None:
    return next((rule for rule in rules if rule.matches(line)), None)
