"""Problems found during one build, reported together at its end."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..problems import Problem

# Under `mkdocs.` so that `--strict` counts these warnings.
log = logging.getLogger("mkdocs.plugins.campaign_kb")
# Deliberately *not* under `mkdocs.`: advice (e.g. an unused term) must never fail a build.
advice = logging.getLogger("campaign_kb.advice")


@dataclass
class BuildReport:
    problems: list[Problem] = field(default_factory=list)
    advice: list[Problem] = field(default_factory=list)
    terms_used: dict[str, set[str]] = field(default_factory=dict)  # term id → page srcs
    external: list[tuple[str, str]] = field(default_factory=list)  # (page src, url)

    def add(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def summary(self) -> str:
        unique = sorted(set(self.problems), key=lambda p: (p.path, p.line or 0, p.message))
        lines = "\n".join(str(p) for p in unique)
        return (
            f"The knowledge-base checks found {len(unique)} problem(s); "
            f"fix them and build again:\n{lines}"
        )

    def emit(self) -> None:
        for problem in sorted(set(self.problems), key=lambda p: (p.path, p.line or 0, p.message)):
            log.warning(str(problem))
        for note in self.advice:
            advice.warning(str(note))
        # External links are never fetched (readers are on closed networks): list them instead.
        for src, url in sorted(set(self.external)):
            log.info(f"external link, not checked: docs/{src} → {url}")


_current = BuildReport()


def current_report() -> BuildReport:
    """The report of the build in progress, shared by hooks and macros."""
    return _current


def new_report() -> BuildReport:
    global _current
    _current = BuildReport()
    return _current
