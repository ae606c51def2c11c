"""Time from `kb add-report` to the new page shown by a running `mkdocs serve`, on a copy of
this repository (the real corpus). The editor's loop: add a report, look at its page.

    .venv/bin/python benchmarks/add_report_preview.py [--repeats 3]

For each repeat: `kb add-report` of a new report (an invented text, written to a temporary
folder only), then the preview polled until the new source page answers with its title. Prints
the seconds of the command alone and of command + rebuild, each run and the median.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml
from kbbench.corpus import copy_project
from scale import build_env, free_port, wait_until_served

# Invented for the benchmark (never published): a news report of the shape the real ones have.
REPORT = """成都某区以“微调研”推动主题教育走深走实（之{n}）
2023年06月{day:02d}日08:30 | 来源:某区融媒体中心
学习贯彻习近平新时代中国特色社会主义思想主题教育开展以来，某区坚持把调查研究作为基本功，区级领导干部带头到基层一线蹲点调研。
全区共确定调研课题{n}个，形成问题清单、责任清单、整改清单“三张清单”，推动解决群众急难愁盼问题。
下一步，某区将持续抓好调研成果转化，确保主题教育取得实效。
"""


def page_answers(url: str, title: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200 and title in response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def one_run(project: Path, base: str, n: int, timeout: float) -> tuple[float, float]:
    report = project.parent / f"report-{n}.txt"
    report.write_text(REPORT.format(n=n + 10, day=n + 1), encoding="utf-8")
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "campaign_kb.cli", "--root", str(project), "add-report"]
        + [str(report), "--city", "chengdu"],
        capture_output=True,
        text=True,
        check=False,
    )
    command = time.monotonic() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    entry = yaml.safe_load((project / "data/sources.yml").read_text(encoding="utf-8"))[-1]
    url, title = f"{base}sources/{entry['id']}/", entry["title"]
    while not page_answers(url, title):
        if time.monotonic() - start > timeout:
            raise SystemExit(f"{url} not shown within {timeout:.0f} s")
        time.sleep(0.05)
    return command, time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        project = copy_project(Path(work) / "project")
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        log = Path(work) / "serve.log"
        with log.open("w", encoding="utf-8") as out:
            server = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                cwd=project,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=build_env(),
            )
            try:
                wait_until_served(base, server, log, timeout=args.timeout)
                runs = []
                for n in range(args.repeats):
                    runs.append(one_run(project, base, n, args.timeout))
                    print(
                        f"run {n + 1}: kb add-report {runs[-1][0]:.2f} s, page shown after "
                        f"{runs[-1][1]:.2f} s"
                    )
            finally:
                server.terminate()
                server.wait(timeout=30)
    print(
        f"median of {len(runs)}: kb add-report {statistics.median(r[0] for r in runs):.2f} s; "
        f"kb add-report → page shown by mkdocs serve {statistics.median(r[1] for r in runs):.2f} s"
    )


if __name__ == "__main__":
    main()
