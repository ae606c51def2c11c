"""Editor-facing problems: `path:line: message` records collected and reported together."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix, located as precisely as we know."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class DataError(Exception):
    """Raised with every problem found, so an editor sees them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # noqa: ANN204 - rebuilt from its problems when sent between processes
        return (DataError, (self.problems,))
