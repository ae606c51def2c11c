"""The benchmark's own arithmetic and measuring tools (benchmarks/scale.py), without a benchmark."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import scale
import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_spread_is_median_and_quartiles_within_the_values():
    assert scale.spread([3.0]) == {"median": 3.0, "q1": 3.0, "q3": 3.0, "n": 1}
    s = scale.spread([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 100.0])
    assert s["median"] == 4.0 and s["n"] == 7
    assert 1.0 <= s["q1"] < s["median"] < s["q3"] <= 100.0


def test_ratios_are_taken_pair_by_pair():
    runs = {
        "ours": [{"seconds": 2.0}, {"seconds": 9.0}, {"seconds": 3.0}],
        "plain": [{"seconds": 1.0}, {"seconds": 6.0}, {"seconds": 3.0}],
    }
    assert scale.pair_ratios(runs, "seconds")["median"] == 1.5


def test_verdict_is_on_the_median_and_names_a_target_inside_the_quartiles():
    assert scale.verdict({"median": 1.4, "q1": 1.3, "q3": 1.45}, 1.5) == "yes"
    assert scale.verdict({"median": 1.6, "q1": 1.55, "q3": 1.7}, 1.5) == "no"
    inside = scale.verdict({"median": 1.45, "q1": 1.3, "q3": 1.6}, 1.5)
    assert inside == "yes (target inside the quartiles)"


def test_plain_baseline_is_material_alone_with_our_markdown_extensions(tmp_path: Path):
    dump = tmp_path / "dump"
    (dump / "cities").mkdir(parents=True)
    (dump / "cities" / "x.md").write_text("# X\n", encoding="utf-8")
    config = scale.plain_project(ROOT, dump, tmp_path / "plain")
    text = config.read_text(encoding="utf-8")
    assert "pymdownx.slugs.slugify" in text  # the same headings' ids as ours
    plain = yaml.safe_load(text.split("\nmarkdown_extensions:")[0])
    assert plain["plugins"] == ["search"]
    assert "custom_dir" not in plain["theme"] and plain["theme"]["name"] == "material"
    assert (tmp_path / "plain" / "docs" / "assets" / "kb.css").exists()


def test_memory_is_the_mkdocs_process_own_not_its_parent(tmp_path: Path):
    """Python starts children with vfork, and Linux then counts the parent's memory in the
    child's ru_maxrss: a large parent must not show up as MkDocs' peak."""
    ballast = bytearray(200 * 1024 * 1024)
    ballast[::4096] = b"\1" * len(ballast[::4096])  # touch every page: resident
    usage = tmp_path / "usage.json"
    done = subprocess.run(
        [sys.executable, "-c", scale.MKDOCS_WITH_USAGE, "--version"],
        env={**os.environ, "KB_BENCH_USAGE": str(usage)},
        capture_output=True,
        text=True,
        check=False,
    )
    del ballast
    assert done.returncode == 0, done.stderr
    measured = json.loads(usage.read_text(encoding="utf-8"))
    assert measured["status"] == 0
    assert 5_000 < measured["mkdocs_kb"] < 150_000  # KiB: MkDocs' own tens of MB


def test_report_states_pairs_noise_and_targets():
    run = {"seconds": 1.0, "mkdocs_kb": 50_000}
    pairs = {"ours": [run, run], "plain": [run, run]}
    size = {
        "reports": 1000,
        "cities": 43,
        "paragraphs": 10,
        "characters": 100,
        "pages": 12,
        "cold": pairs,
        "warm": pairs,
        "index": {"ours_raw": 1, "ours_gzip": 1, "material_raw": 1, "material_gzip": 1},
        "pagefind_kb": 80_000,
        "search": {"first_answer_s": [0.5, 0.7], "later_answer_s": [0.05, 0.2, 0.3]},
    }
    saved = {
        "date": "2026-01-01",
        "machine": "test",
        "cpus": 2,
        "load_before": [0.1, 0.1, 0.1],
        "load_after": [0.1, 0.1, 0.1],
        "pairs": 2,
        "serve_repeats": 1,
        "sizes": [size],
        "serve": [{"project": "p", "reports": 0, "data_edit_s": [1.0], "page_edit_s": [2.0]}],
    }
    text = scale.report(saved)
    assert "2 vCPUs" in text and "Pairs per comparison: 2" in text
    assert "quartile spread is not a difference" in text
    assert "| Cold build, ours / plain Material | 1000 | ≤ 1.5× | 1.00× |" in text
    assert "| Search: later answers | 1000 | ≤ 100 ms | 200 ms | 125–250 ms | no" in text
    assert "| p | 1.0 s (1.0–1.0) | 2.0 s (2.0–2.0) |" in text
