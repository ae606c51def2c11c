"""Build, memory, search and preview cost of the knowledge base at 100 and 1,000 reports.

For each size a deterministic synthetic corpus is generated in a temporary folder, then:
  * cold build: our full strict build (the project's mkdocs.yml as is) with the kb plugin's
    cache deleted before each build, interleaved with plain Material building the same pages
    (Markdown after macros, same front matter) with its own search: ours, plain, ours, plain, …;
  * warm build: the same, with the cache of the previous build kept (.cache/plugin/kb/);
  * peak memory of the MkDocs process itself, and of Pagefind (its child process);
  * search index size, raw and gzip;
  * in chromium: the first answer from a search link (?q=…), and later answers.
Then `mkdocs serve` on a copy of this repository and on the 100-report corpus: time from a file
write (a data YAML file, a page) until the open page has reloaded.

Raw numbers go to benchmarks/results.json; the developer report to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import yaml
from kbbench import browser
from kbbench.corpus import copy_project, generate

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
DUMP_HOOK = BENCH / "dump_markdown.py"

# The budget. Build and memory figures are ratios ours / plain Material.
TARGETS = {
    "cold_build": 1.5,
    "warm_build": 1.2,
    "mkdocs_memory": 2.0,
    "first_answer_s": 1.0,
    "later_answer_s": 0.1,
}

QUERIES = [
    "调研",
    "五级联动",
    "读书班",
    "问题清单",
    "领导干部 调研",
    "調研課題",
    "红黑榜",
    "基层党组织",
]

# The page opened during the `mkdocs serve` measurement, and the two files edited meanwhile.
# All three exist in this repository and in every generated corpus.
SERVE_PAGE = "cities/chengdu/"
SERVE_EDITS = {
    "data_edit_s": ("data/metrics.yml", "# bench\n"),
    "page_edit_s": ("docs/cities/chengdu.md", "\n本句由基准测试追加。\n"),
}

# Runs MkDocs inside this very process and writes, whatever happens, the process's peak memory
# as JSON to the file named by $KB_BENCH_USAGE. The peak is VmHWM of /proc/self/status: the high
# water mark of this program's memory since it started. Not getrusage(RUSAGE_SELF): Python starts
# a child with vfork, and Linux then counts the parent's memory (this script's, ~100 MB after
# Playwright) in the child's ru_maxrss.
#
# With $KB_BENCH_PAGEFIND_USAGE set, Pagefind is started through PAGEFIND_WITH_USAGE (the same
# seam tests/test_search_indexer.py uses), which writes Pagefind's own peak to that file.
MKDOCS_WITH_USAGE = """\
import json, os, runpy, sys
if os.environ.get("KB_BENCH_PAGEFIND_USAGE"):
    from campaign_kb.search import indexer
    wrapper = [sys.executable, "-c", os.environ["KB_BENCH_PAGEFIND_WRAPPER"]]
    indexer.pagefind_command = lambda: wrapper
sys.argv[0] = "mkdocs"
status = 0
try:
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
except SystemExit as stop:
    status = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
finally:
    with open("/proc/self/status") as proc:
        peak = next(int(line.split()[1]) for line in proc if line.startswith("VmHWM:"))
    with open(os.environ["KB_BENCH_USAGE"], "w") as out:
        json.dump({"status": status, "mkdocs_kb": peak}, out)
sys.exit(status)
"""

# Pagefind as the plugin starts it (`python -m pagefind …`, which replaces itself with Pagefind's
# program), as the only child of this small process: its ru_maxrss is Pagefind's peak (at least
# this process's own ~10 MB, which vfork counts in).
PAGEFIND_WITH_USAGE = """\
import json, os, resource, subprocess, sys
status = subprocess.call([sys.executable, "-m", "pagefind", *sys.argv[1:]])
with open(os.environ["KB_BENCH_PAGEFIND_USAGE"], "w") as out:
    json.dump({"pagefind_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, out)
sys.exit(status)
"""


def build_env() -> dict[str, str]:
    """The environment of every MkDocs run. CI=true would switch the kb cache off (CI builds
    cold), which would make the warm measurement a cold one: it is removed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    env.pop("CI", None)
    return env


# --- one build ----------------------------------------------------------------------------------


def measured_build(config: Path, site: Path, *, cold: bool, env: dict | None = None) -> dict:
    """One `mkdocs build` in a fresh process: wall time, and the two peaks of memory.

    `cold` deletes the project's .cache/ first, so the kb plugin starts without its cache."""
    project = config.parent
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    usage = site.parent / f"{site.name}.usage.json"
    usage.unlink(missing_ok=True)
    command = [sys.executable, "-c", MKDOCS_WITH_USAGE, "build", "-q"]
    command += ["-f", str(config), "-d", str(site)]
    started = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        text=True,
        env={**build_env(), **(env or {}), "KB_BENCH_USAGE": str(usage)},
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    peak = json.loads(usage.read_text(encoding="utf-8"))["mkdocs_kb"]
    return {"seconds": seconds, "mkdocs_kb": peak}


def pagefind_peak(config: Path, work: Path) -> int:
    """Pagefind's own peak memory (KiB) in one more cold build of ours, not timed: starting
    Pagefind through a wrapper costs a Python start, which the timed builds must not pay."""
    usage = work / "pagefind.usage.json"
    usage.unlink(missing_ok=True)
    env = {"KB_BENCH_PAGEFIND_USAGE": str(usage), "KB_BENCH_PAGEFIND_WRAPPER": PAGEFIND_WITH_USAGE}
    measured_build(config, work / "site-pagefind", cold=True, env=env)
    return json.loads(usage.read_text(encoding="utf-8"))["pagefind_kb"]


def interleaved_pairs(ours: Path, plain: Path, work: Path, pairs: int, *, cold: bool) -> dict:
    """`pairs` builds of each, alternating: ours, plain, ours, plain, … Each pair's two builds
    follow each other, so a machine that is slower for a while slows both."""
    runs: dict[str, list[dict]] = {"ours": [], "plain": []}
    for _ in range(pairs):
        runs["ours"].append(measured_build(ours, work / "site-ours", cold=cold))
        runs["plain"].append(measured_build(plain, work / "site-plain", cold=False))
    return runs


def cache_folder(project: Path) -> Path:
    return project / ".cache" / "plugin" / "kb"


def require_cache(project: Path) -> None:
    """A warm build needs the cache a previous build left; without it, it would be cold."""
    folder = cache_folder(project)
    if not folder.is_dir() or not any(folder.iterdir()):
        raise SystemExit(f"no kb cache in {folder} after a build: the warm builds would be cold")


# --- the plain-Material baseline ------------------------------------------------------------------


def dump_pages(project: Path, dump: Path, work: Path) -> None:
    """Our build once more, with benchmarks/dump_markdown.py saving each page's Markdown after
    macros (front matter as written) into `dump`."""
    config = project / "mkdocs-dump.yml"
    config.write_text(f"INHERIT: mkdocs.yml\nhooks:\n  - {DUMP_HOOK}\n", encoding="utf-8")
    measured_build(config, work / "site-dump", cold=True, env={"KB_DUMP_MARKDOWN": str(dump)})


class _EnvDefaultLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV [NAME, …, default]` as its default (the benchmark's environment
    must not change what it measures)."""


_EnvDefaultLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def plain_project(project: Path, dump: Path, target: Path) -> Path:
    """The same pages for plain Material with its own search: our theme settings without our
    templates (custom_dir), our stylesheet, our Markdown extensions; no plugin of ours."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(dump, target / "docs")
    shutil.copytree(project / "docs" / "assets", target / "docs" / "assets", dirs_exist_ok=True)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    head, rest = text.split("\nmarkdown_extensions:", 1)
    extensions = "markdown_extensions:" + rest.split("\nplugins:", 1)[0]
    ours = yaml.load(head, Loader=_EnvDefaultLoader)
    theme = {k: v for k, v in ours["theme"].items() if k != "custom_dir"}
    # Our zh-Hans is Material's zh under another name, defined in custom_dir.
    theme["language"] = theme.get("language", "en").split("-")[0]
    plain = {
        "site_name": ours["site_name"],
        "theme": theme,
        "not_in_nav": ours.get("not_in_nav"),
        "extra_css": ours.get("extra_css", []),
        "plugins": ["search"],
    }
    config = target / "mkdocs.yml"
    written = yaml.safe_dump(plain, allow_unicode=True, sort_keys=False)
    config.write_text(written + extensions.rstrip() + "\n", encoding="utf-8")
    return config


# --- search ---------------------------------------------------------------------------------------


def directory_size(path: Path) -> tuple[int, int]:
    """Bytes on the wire: raw, and gzip -6 of every file (Pagefind's own files are gzip already)."""
    raw = packed = 0
    for file in path.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            raw += len(data)
            packed += len(gzip.compress(data, 6))
    return raw, packed


def index_sizes(ours: Path, plain: Path) -> dict:
    """Our index (Pagefind's files and our paragraph records) and Material's."""
    pagefind = directory_size(ours / "pagefind")
    records = directory_size(ours / "assets" / "search")
    material = directory_size(plain / "search")
    return {
        "ours_raw": pagefind[0] + records[0],
        "ours_gzip": pagefind[1] + records[1],
        "material_raw": material[0],
        "material_gzip": material[1],
    }


# The search box (assets/kb-search.js) records on itself when it showed an answer: `answeredAt`
# (performance.now(), ms since navigation start), `ms` (ms from the input event to the answer
# shown) and `state` ("done").
_BOX = "document.querySelector('.kb-search')"


def first_answer_from_link(chromium, base: str) -> float:
    """Seconds from navigation start to the first answer, opening a search link (`?q=…`: the
    page searches as it loads) in a fresh browser context (nothing cached)."""
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(f"{base}?q={quote(QUERIES[0])}", wait_until="domcontentloaded")
        page.wait_for_function(f"{_BOX}.dataset.state === 'done'")
        return float(page.evaluate(f"{_BOX}.dataset.answeredAt")) / 1000
    finally:
        context.close()


def later_answers(chromium, base: str) -> list[float]:
    """Seconds per answer, input event to results shown, for the queries after the first (the
    first one loads the index and is not a later answer)."""
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(base, wait_until="domcontentloaded")
        box = page.locator(".kb-search input[name='query']")
        times = []
        for i, query in enumerate(QUERIES):
            page.evaluate(f"{_BOX}.dataset.state = ''")
            box.fill(query)
            page.wait_for_function(
                f"q => {_BOX}.dataset.state === 'done' "
                f"&& {_BOX}.querySelector('input').value === q",
                arg=query,
            )
            if i > 0:
                times.append(float(page.evaluate(f"{_BOX}.dataset.ms")) / 1000)
        return times
    finally:
        context.close()


def search_timings(site: Path, loads: int) -> dict:
    """Raw timings in chromium, the site served over HTTP/1.1 on 127.0.0.1."""
    with browser.serve(site) as base, browser.browser() as chromium:
        first = [first_answer_from_link(chromium, base) for _ in range(loads)]
        later = [t for _ in range(loads) for t in later_answers(chromium, base)]
    return {"first_answer_s": first, "later_answer_s": later}


# --- mkdocs serve: edit → reload ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_served(url: str, server: subprocess.Popen, log: Path, timeout: float) -> None:
    """Until the preview answers (its first build done), the server ended, or `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve ended:\n{log.read_text(encoding='utf-8')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"mkdocs serve did not answer within {timeout:.0f} s")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def reload_seconds(page, url: str, file: Path, text: str) -> float:
    """Seconds from appending `text` to `file` until the open page has reloaded (LiveReload
    calls location.reload() once the rebuild is done; the next `load` event ends the wait)."""
    page.goto(url, wait_until="load")
    time.sleep(1)  # the watcher and the page's LiveReload poll are settled
    with page.expect_event("load", timeout=600_000):
        started = time.perf_counter()
        append(file, text)
    return time.perf_counter() - started


def serve_reloads(project: Path, repeats: int, log: Path) -> dict:
    """`mkdocs serve` on `project`; each edit of SERVE_EDITS `repeats` times. The server is
    always stopped (terminate, then wait) before returning."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{SERVE_PAGE}"
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    command += ["-f", str(project / "mkdocs.yml")]
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            command, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=build_env()
        )
        try:
            wait_until_served(url, server, log, timeout=900)
            with browser.browser() as chromium:
                page = chromium.new_page()
                return {
                    name: [reload_seconds(page, url, project / file, text) for _ in range(repeats)]
                    for name, (file, text) in SERVE_EDITS.items()
                }
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


# --- one size -------------------------------------------------------------------------------------


def measure_size(size: int, pairs: int, search_loads: int, work: Path) -> dict:
    """Everything but `mkdocs serve` for a corpus of `size` reports (raw numbers)."""
    corpus = generate(work / f"corpus-{size}", size)
    project = corpus.root
    dump_pages(project, work / f"dump-{size}", work)
    plain = plain_project(project, work / f"dump-{size}", work / f"plain-{size}")
    ours = project / "mkdocs.yml"

    print(f"  {size}: {pairs} cold pairs", flush=True)
    cold = interleaved_pairs(ours, plain, work, pairs, cold=True)
    require_cache(project)
    print(f"  {size}: {pairs} warm pairs", flush=True)
    warm = interleaved_pairs(ours, plain, work, pairs, cold=False)

    # The last build of each side is a complete site: ours is warm, which builds the same files.
    site, plain_site = work / "site-ours", work / "site-plain"
    result = {
        "reports": size,
        "cities": corpus.cities,
        "paragraphs": corpus.paragraphs,
        "characters": corpus.characters,
        "pages": sum(1 for _ in site.rglob("index.html")),
        "cold": cold,
        "warm": warm,
        "index": index_sizes(site, plain_site),
        "pagefind_kb": pagefind_peak(ours, work),
    }
    if search_loads:
        print(f"  {size}: search, {search_loads} loads", flush=True)
        result["search"] = search_timings(site, search_loads)
    return result


def measure_serve(work: Path, reports: int, repeats: int) -> list[dict]:
    """Edit → reload under `mkdocs serve`: this repository, then `reports` synthetic reports."""
    projects = [
        ("this repository (no synthetic reports)", 0, copy_project(work / "serve-repo")),
        (f"{reports} synthetic reports", reports, generate(work / "serve-corpus", reports).root),
    ]
    measured = []
    for label, count, project in projects:
        print(f"  serve: {label}", flush=True)
        log = work / f"serve-{count}.log"
        reloads = serve_reloads(project, repeats, log)
        measured.append({"project": label, "reports": count, **reloads})
    return measured


# --- machine --------------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = f"{names[0]} × {len(names)}" if names else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.1f} GB RAM"
    return f"{cpu}{memory}; {platform.platform()}; Python {platform.python_version()}"


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# --- statistics -----------------------------------------------------------------------------------


def spread(values: list[float]) -> dict:
    """Median and quartiles (inclusive: always within the measured values)."""
    if len(values) == 1:
        return {"median": values[0], "q1": values[0], "q3": values[0], "n": 1}
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {"median": median, "q1": q1, "q3": q3, "n": len(values)}


def pair_ratios(runs: dict, key: str) -> dict:
    """Spread of ours / plain over the pairs, for one measure (seconds, mkdocs_kb)."""
    pairs = zip(runs["ours"], runs["plain"], strict=True)
    return spread([o[key] / p[key] for o, p in pairs])


def side(runs: dict, name: str, key: str) -> dict:
    return spread([run[key] for run in runs[name]])


# --- report ---------------------------------------------------------------------------------------


def verdict(measured: dict, target: float) -> str:
    """Met or not, on the median; and whether the target lies inside the quartiles, where the
    answer could go either way on another run."""
    met = "yes" if measured["median"] <= target else "no"
    if measured["q1"] <= target <= measured["q3"]:
        met += " (target inside the quartiles)"
    return met


def target_rows(saved: dict) -> list[str]:
    rows = []
    for r in saved["sizes"]:
        checks = [
            ("Cold build, ours / plain Material", pair_ratios(r["cold"], "seconds"), "cold_build"),
            ("Warm build, ours / plain Material", pair_ratios(r["warm"], "seconds"), "warm_build"),
            (
                "Peak memory of the MkDocs process, ours / plain",
                pair_ratios(r["cold"], "mkdocs_kb"),
                "mkdocs_memory",
            ),
        ]
        for label, measured, key in checks:
            target = TARGETS[key]
            rows.append(
                f"| {label} | {r['reports']} | ≤ {target:g}× | {measured['median']:.2f}× "
                f"| {measured['q1']:.2f}–{measured['q3']:.2f}× | {verdict(measured, target)} |"
            )
    large = saved["sizes"][-1]
    if "search" in large:
        for label, key, scale, unit, digits in [
            ("Search: first answer from a search link", "first_answer_s", 1, "s", 2),
            ("Search: later answers", "later_answer_s", 1000, "ms", 0),
        ]:
            measured = spread(large["search"][key])
            target = TARGETS[key]
            median, q1, q3 = (measured[k] * scale for k in ("median", "q1", "q3"))
            rows.append(
                f"| {label} | {large['reports']} | ≤ {target * scale:g} {unit} "
                f"| {median:.{digits}f} {unit} | {q1:.{digits}f}–{q3:.{digits}f} {unit} "
                f"| {verdict(measured, target)} |"
            )
    return rows


def seconds_cell(runs: dict, name: str) -> str:
    s = side(runs, name, "seconds")
    return f"{s['median']:.1f} s ({s['q1']:.1f}–{s['q3']:.1f})"


def ratio_cell(runs: dict, key: str) -> str:
    r = pair_ratios(runs, key)
    return f"{r['median']:.2f}× ({r['q1']:.2f}–{r['q3']:.2f})"


def mib(kb: float) -> str:
    return f"{kb / 1024:.0f} MiB"


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def build_section(saved: dict) -> list[str]:
    lines = [
        "## Build time",
        "",
        "Wall time of one `mkdocs build` process; median (quartiles) over the pairs. Cold: the "
        "project's `.cache/` deleted before each of our builds. Warm: the cache of the previous "
        "build kept (`.cache/plugin/kb/`). Plain Material has no cache; it is built again beside "
        "each series.",
        "",
        "| Reports | Pages | Ours, cold | Plain | Ratio | Ours, warm | Plain | Ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in saved["sizes"]:
        lines.append(
            f"| {r['reports']} | {r['pages']} | {seconds_cell(r['cold'], 'ours')} "
            f"| {seconds_cell(r['cold'], 'plain')} | {ratio_cell(r['cold'], 'seconds')} "
            f"| {seconds_cell(r['warm'], 'ours')} | {seconds_cell(r['warm'], 'plain')} "
            f"| {ratio_cell(r['warm'], 'seconds')} |"
        )
    return lines


def memory_section(saved: dict) -> list[str]:
    lines = [
        "## Peak memory",
        "",
        "Peak resident memory. *MkDocs process*: the process that runs MkDocs and every plugin "
        "in it, children excluded (VmHWM at its end), median over the cold builds. *Pagefind*: "
        "the search indexer, a child process of our build, in one extra cold build (ru_maxrss "
        "of Pagefind started through a small Python wrapper, whose ~10 MB are a floor). Plain "
        "Material starts no child.",
        "",
        "| Reports | MkDocs process, ours | MkDocs process, plain | Ratio | Pagefind, ours |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in saved["sizes"]:
        cold = r["cold"]
        lines.append(
            f"| {r['reports']} | {mib(side(cold, 'ours', 'mkdocs_kb')['median'])} "
            f"| {mib(side(cold, 'plain', 'mkdocs_kb')['median'])} "
            f"| {ratio_cell(cold, 'mkdocs_kb')} | {mib(r['pagefind_kb'])} |"
        )
    return lines


def search_section(saved: dict) -> list[str]:
    lines = [
        "## Search",
        "",
        "Index size: every file a browser may fetch for search (ours: `pagefind/` and "
        "`assets/search/`; Material: `search/`), raw and gzip -6; a query fetches only a few "
        "of them. First answer: seconds from navigation start to the answer shown, opening "
        f"a search link (home page + `?q={QUERIES[0]}`) in a fresh browser context. Later "
        "answers: input event to results shown, for the queries typed after the first. "
        "Headless chromium; the site served on 127.0.0.1 by a local HTTP/1.1 server.",
        "",
        "| Reports | Our index | gzip | Material's index | gzip | First answer | Later answers |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in saved["sizes"]:
        size = r["index"]
        cells = f"| {r['reports']} | {mb(size['ours_raw'])} | {mb(size['ours_gzip'])} "
        cells += f"| {mb(size['material_raw'])} | {mb(size['material_gzip'])} "
        if "search" in r:
            first = spread(r["search"]["first_answer_s"])
            later = spread([t * 1000 for t in r["search"]["later_answer_s"]])
            cells += (
                f"| {first['median']:.2f} s ({first['q1']:.2f}–{first['q3']:.2f}), "
                f"n = {first['n']} "
                f"| {later['median']:.0f} ms ({later['q1']:.0f}–{later['q3']:.0f}), "
                f"n = {later['n']} |"
            )
        else:
            cells += "| not measured | not measured |"
        lines.append(cells)
    return lines


def serve_section(saved: dict) -> list[str]:
    if not saved.get("serve"):
        return []
    data_file, _ = SERVE_EDITS["data_edit_s"]
    page_file, _ = SERVE_EDITS["page_edit_s"]
    lines = [
        "## `mkdocs serve`: edit → reload",
        "",
        f"`mkdocs serve` with `{SERVE_PAGE}` open in chromium: seconds from appending a line to "
        f"a file until the page's next `load` event (LiveReload reloads it after the rebuild). "
        f"Data: a comment line appended to `{data_file}`. Page: a sentence appended to "
        f"`{page_file}`. Median (min–max) of {saved['serve_repeats']} edits each. No target.",
        "",
        "| Project | Data edit | Page edit |",
        "| --- | ---: | ---: |",
    ]
    for s in saved["serve"]:
        cells = []
        for key in SERVE_EDITS:
            times = s[key]
            cells.append(f"{statistics.median(times):.1f} s ({min(times):.1f}–{max(times):.1f})")
        lines.append(f"| {s['project']} | {' | '.join(cells)} |")
    return lines


def report(saved: dict) -> str:
    """benchmarks/RESULTS.md, for developers."""
    corpus = ", ".join(
        f"{r['reports']} reports: {r['pages']} pages, {r['cities']} cities, "
        f"{r['paragraphs']:,} paragraphs, {r['characters']:,} characters"
        for r in saved["sizes"]
    )
    lines = [
        "# Benchmark results",
        "",
        "<!-- Written by benchmarks/scale.py from benchmarks/results.json: do not edit by hand. "
        "Measure again with `make bench`; rewrite from the saved numbers with "
        "`python benchmarks/scale.py --report-only`. -->",
        "",
        f"- Date: {saved['date']}",
        f"- Machine: {saved['machine']}",
        f"- Load average (1, 5, 15 min) before: {saved['load_before']}, after: "
        f"{saved['load_after']}",
        f"- Pairs per comparison: {saved['pairs']} (ours, plain, ours, plain, …; each ratio is "
        "one pair's ours / plain)",
        f"- Corpora (synthetic, generated by `benchmarks/kbbench/corpus.py`, fixed seed): {corpus}",
        "",
        f"**This machine is noisy** ({saved['cpus']} vCPUs, shared with other work): its speed "
        "changes by tens of percent within minutes. Figures are medians with their quartiles; "
        "a difference that lies inside the quartile spread is not a difference. Nothing here "
        "says more than these numbers.",
        "",
        "## Targets (issue 20)",
        "",
        "Met or not is judged on the median.",
        "",
        "| Measure | Reports | Target | Median | Quartiles | Met |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        *target_rows(saved),
        "",
        *build_section(saved),
        "",
        *memory_section(saved),
        "",
        *search_section(saved),
    ]
    serve = serve_section(saved)
    if serve:
        lines += ["", *serve]
    return "\n".join(lines) + "\n"


# --- command line ---------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100, 1000], help="reports per corpus"
    )
    parser.add_argument(
        "--pairs",
        type=int,
        default=7,
        help="interleaved ours/plain build pairs per size, cold and warm each (default 7)",
    )
    parser.add_argument(
        "--search-loads",
        type=int,
        default=5,
        help="page loads per size for the search timings; 0 skips search (default 5)",
    )
    parser.add_argument(
        "--serve-reports",
        type=int,
        default=100,
        help="synthetic reports of the second `mkdocs serve` project (default 100)",
    )
    parser.add_argument(
        "--serve-repeats", type=int, default=3, help="edits of each kind under mkdocs serve"
    )
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve timings")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md", help="the report")
    parser.add_argument("--json", type=Path, default=BENCH / "results.json", help="raw numbers")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="measure nothing: write the report again from the numbers saved in --json",
    )
    return parser.parse_args()


def measure_all(args: argparse.Namespace) -> dict:
    saved = {
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "cpus": os.cpu_count(),
        "load_before": load_average(),
        "pairs": args.pairs,
        "search_loads": args.search_loads,
        "serve_repeats": args.serve_repeats,
        "sizes": [],
    }
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        work = Path(tmp)
        for size in sorted(args.sizes):
            print(f"measuring {size} reports …", flush=True)
            saved["sizes"].append(measure_size(size, args.pairs, args.search_loads, work))
        if not args.no_serve:
            print("measuring mkdocs serve …", flush=True)
            saved["serve"] = measure_serve(work, args.serve_reports, args.serve_repeats)
    saved["load_after"] = load_average()
    return saved


def main() -> int:
    args = arguments()
    if args.report_only:
        if not args.json.exists():
            raise SystemExit(f"{args.json}: no saved numbers yet; run `make bench` first")
        saved = json.loads(args.json.read_text(encoding="utf-8"))
        if "sizes" not in saved:
            raise SystemExit(f"{args.json}: numbers of an older benchmark; run `make bench`")
    else:
        saved = measure_all(args)
        args.json.write_text(json.dumps(saved, ensure_ascii=False, indent=1), encoding="utf-8")
    args.out.write_text(report(saved), encoding="utf-8")
    print(f"wrote {args.out} from the numbers in {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
