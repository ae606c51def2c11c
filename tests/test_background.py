"""The build's background process: results reach the build, and failures read as plain words."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from conftest import ROOT, Project
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from campaign_kb import background
from campaign_kb.problems import DataError, Problem


def test_data_error_crosses_processes_with_its_problems() -> None:
    error = DataError([Problem("data/raw/x.txt", 3, "raw file is missing")])
    again = pickle.loads(pickle.dumps(error))
    assert again.problems == error.problems
    assert str(again) == "data/raw/x.txt:3: raw file is missing"


def test_a_dead_background_process_is_reported_in_plain_words() -> None:
    job: Future = Future()
    job.set_exception(BrokenProcessPool("killed"))
    with pytest.raises(DataError) as caught:
        background._result(job)
    assert "background process stopped unexpectedly" in str(caught.value)
    assert "build again" in str(caught.value)


def _build_in_process(project: Project) -> None:
    """As `mkdocs serve` rebuilds: several builds in one Python process, one worker."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config = load_config(str(project.path / "mkdocs.yml"), site_dir=str(project.path / "site"))
    build(config)


def test_rebuilds_in_one_process_share_the_worker_and_forget_a_failed_build(
    project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    good = "  quote: 基层党组织4933个"
    project.edit("data/facts.yml", good, "  quote: 基层党组织4934个")
    with pytest.raises(Abort):
        _build_in_process(project)
    assert "the quote «基层党组织4934个» is not in paragraph" in caplog.text
    worker = background._pool
    assert worker is not None

    project.edit("data/facts.yml", "  quote: 基层党组织4934个", good)
    _build_in_process(project)  # the fixed data is read again; nothing of the failed build stays
    assert background._pool is worker
    site = Path(project.path / "site")
    assert (site / "pagefind" / "pagefind.js").exists()
    assert list((site / "assets" / "search" / "records").glob("*.json"))


def test_a_worker_lost_mid_build_fails_that_build_and_the_next_starts_a_new_one() -> None:
    build_one = background.BackgroundBuild(ROOT, None)
    assert build_one.quote_problems() == []  # the real data: every quote is in its report
    background._pool.shutdown()  # as if the worker process had died
    build_one.read_page("x.md", "x/", "X", {}, "<p>x</p>", "x")
    build_one.check_links(set(), set())
    with pytest.raises(DataError) as caught:
        build_one.link_problems()  # not silently re-checked by a new worker without this build
    assert "background process stopped unexpectedly" in str(caught.value)

    build_two = background.BackgroundBuild(ROOT, None)
    assert build_two.quote_problems() == []
    markdown = "# X\n\nsee [y](y.md) and [z](https://example.org/z)\n"
    html = '<h1 id="x">X</h1><p>see <a href="../y/">y</a> and <a href="https://example.org/z">z</a></p>'
    build_two.read_page("x.md", "x/", "X", {}, html, markdown)
    build_two.check_links({"x/index.html"}, {"x.md"})
    problems, external = build_two.link_problems()
    assert len(problems) == 1
    assert str(problems[0]).startswith("docs/x.md:3: link to 'y' — no such page")
    assert external == [("x.md", "https://example.org/z")]
    build_two.finish()


# In a worker: start Pagefind as the build does, and print what /proc says of it and the worker.
_PAGEFIND_IN_WORKER = (
    "import json, os, threading\n"
    "from pathlib import Path\n"
    "from campaign_kb import background\n"
    "from campaign_kb.search.pagefind_service import PagefindService\n"
    "def seen():\n"
    "    return [os.getpriority(os.PRIO_PROCESS, threading.get_native_id()),"
    " sorted(os.sched_getaffinity(0))]\n"
    "before = sorted(os.sched_getaffinity(0))\n"
    "background._start_worker()\n"
    "pagefind = PagefindService('en', background._start_pagefind)\n"
    "proc = Path('/proc', str(pagefind.pid))\n"
    "print(json.dumps({\n"
    "    'before': before, 'jobs': seen(),\n"
    "    'checks': background._checker.submit(seen).result(),\n"
    "    'pagefind_stat': (proc / 'stat').read_text(),\n"
    "    'pagefind_status': (proc / 'status').read_text(),\n"
    "}))\n"
    "pagefind.stop()\n"
)


def _pagefind_in_worker() -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _PAGEFIND_IN_WORKER], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_pagefind_yields_to_the_jobs_and_the_link_checks_to_everything() -> None:
    """With a CPU of their own the worker's jobs run at normal priority, Pagefind (started
    from the worker) below them, the link checks at the lowest priority."""
    seen = _pagefind_in_worker()
    own_cpu = len(seen["before"]) > 1
    assert seen["jobs"][0] == (0 if own_cpu else background.SHARED_CPU_NICENESS)
    # /proc/<pid>/stat: the command's name is in parentheses, niceness is field 19.
    name, fields = seen["pagefind_stat"].split(")", 1)
    assert "pagefind" in name
    assert int(fields.split()[19 - 3]) == background.PAGEFIND_NICENESS > 0
    assert seen["checks"][0] == background.CHECKS_NICENESS > background.PAGEFIND_NICENESS


def test_the_jobs_and_pagefind_leave_one_cpu_to_mkdocs_but_the_link_checks_need_not() -> None:
    """With two or more CPUs the jobs, and the Pagefind the worker starts, keep off the first
    one; the link checks (at the lowest priority) may use it once MkDocs is done with it.
    With one CPU nothing changes."""
    seen = _pagefind_in_worker()
    before = seen["before"]
    expected = before[1:] if len(before) > 1 else before
    assert seen["jobs"][1] == expected
    allowed = next(
        line
        for line in seen["pagefind_status"].splitlines()
        if line.startswith("Cpus_allowed_list")
    )
    assert allowed.split()[-1] == _cpu_list(expected)
    assert seen["checks"][1] == before


def test_an_index_that_cannot_be_written_fails_the_build_in_plain_words(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind runs beside the link checks; its failure still reaches the build's end."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(project.path / "no-such-pagefind"))
    build = project.build()
    assert build.returncode != 0
    assert "the search index could not be written" in build.output
    assert "run `make setup` to reinstall Pagefind" in build.output
    assert "Traceback" not in build.output


def test_the_worker_leaves_without_tearing_down_its_objects() -> None:
    """At exit the worker skips the interpreter's clean-up (what it made is on disk or was
    returned by then), but what it printed still comes out and the exit status is 0."""
    code = (
        "import atexit\n"
        "atexit.register(print, 'cleaned up')\n"  # registered first, so it would run last
        "from campaign_kb import background\n"
        "background._start_worker()\n"
        "print('worked')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "worked\n", "")


def _cpu_list(cpus: list[int]) -> str:
    """[1, 2, 3, 5] → '1-3,5', as /proc/<pid>/status writes it."""
    runs: list[list[int]] = []
    for cpu in cpus:
        if runs and cpu == runs[-1][-1] + 1:
            runs[-1].append(cpu)
        else:
            runs.append([cpu])
    return ",".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
