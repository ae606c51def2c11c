"""Repeated strict builds of a broken project: each must fail with the same clear report.

Usage: python benchmarks/reliability.py [--builds 50]

The project is a copy of this one with one glossary variant that is also a term (the case whose
build once ended, now and then, in a worker-shutdown traceback). Each build must exit 1, name the
problem as `data/glossary.yml:<line>: …`, and print no traceback.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from kbbench.corpus import copy_project

EXPECTED = "variant '红黑榜' is also a term or alias (entry 'hong-hei-bang')"


def broken_copy(target: Path) -> Path:
    project = copy_project(target)
    glossary = project / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    broken = text.replace("variants: [讀書班]", "variants: [讀書班, 红黑榜]", 1)
    glossary.write_text(broken, encoding="utf-8")
    return project


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=50)
    args = parser.parse_args()
    clear = tracebacks = other = 0
    with tempfile.TemporaryDirectory() as work:
        project = broken_copy(Path(work) / "project")
        for n in range(1, args.builds + 1):
            done = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", f"{work}/site"],
                cwd=project,
                capture_output=True,
                text=True,
                env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
                check=False,
            )
            output = done.stdout + done.stderr
            if "Traceback" in output:
                tracebacks += 1
            elif done.returncode == 1 and "data/glossary.yml:" in output and EXPECTED in output:
                clear += 1
            else:
                other += 1
                print(f"build {n}: exit {done.returncode}\n{output[-2000:]}")
    summary = f"{clear} clear path:line reports, {tracebacks} tracebacks, {other} other"
    print(f"{args.builds} builds: {summary}")
    return 0 if clear == args.builds else 1


if __name__ == "__main__":
    sys.exit(main())
