"""A city with practices added: the hand-written lines that list the other cities are named
(advice in `kb check` and the build, which still passes), and only those lines."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import Project

from campaign_kb.catalog import load_catalog
from campaign_kb.checks.city_lists import stale_city_lists
from campaign_kb.front_matter import parse_page

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


def kb(project: Project, *args: str) -> subprocess.CompletedProcess:
    return project.kb(*args)


@pytest.fixture(scope="module")
def with_linjiang(tmp_path_factory) -> Project:
    """临江 (a test city) with one practice of 为民解难题, as an editor would add it."""
    project = Project(tmp_path_factory.mktemp("lists") / "project")
    assert kb(project, "new-city", "linjiang", "临江").returncode == 0
    report = str(FIXTURES / "news_dateline.txt")
    assert kb(project, "add-report", report, "--city", "linjiang").returncode == 0
    sid = yaml.safe_load((project.path / "data/sources.yml").read_text(encoding="utf-8"))[-1]["id"]
    project.edit("data/sources.yml", "  issuer:\n    name: 待核实\n    level: 待核实\n", "")
    assert kb(project, "ingest", sid).returncode == 0
    page = (project.path / f"docs/sources/{sid}.md").read_text(encoding="utf-8")
    anchor = page.split("老旧小区加装电梯等问题58个。\n{: #")[1].split(" }")[0]
    project.append(
        "data/practices.yml",
        f"- id: linjiang-wei-min-jie-nan-ti\n  city: linjiang\n  method: wei-min-jie-nan-ti\n"
        "  summary: 临江区推动解决停车难、老旧小区加装电梯等群众反映的问题。\n"
        f"  citations:\n    - source: {sid}\n      paragraph: {anchor}\n"
        "      quote: 已推动解决停车难、老旧小区加装电梯等问题\n",
    )
    return project


# The hand-written lines of this repository that list cities. Not di-yi-yi-ti.md:14, which
# lists them too: 临江 has no practice of that method.
EXPECTED = [
    ("docs/cities/chongqing.md", "重庆、成都、宁波"),
    ("docs/cities/index.md", "重庆、成都、宁波"),
    ("docs/index.md", "重庆、成都、宁波"),
    ("docs/methods/wei-min-jie-nan-ti.md", "重庆、宁波、成都"),
]


def listing_line(root: Path, path: str, listed: str) -> int:
    """The line of `path` that names every city of `listed` (pages change: not a fixed number)."""
    lines = (root / path).read_text(encoding="utf-8").split("\n")
    found = [n for n, text in enumerate(lines, 1) if all(c in text for c in listed.split("、"))]
    assert len(found) == 1, (path, found)
    return found[0]


def test_kb_check_names_each_line_that_lists_cities_and_passes(with_linjiang) -> None:
    done = kb(with_linjiang, "check")
    assert done.returncode == 0, done.stderr
    advice = [line for line in done.stdout.splitlines() if line.startswith("建议：")]
    assert advice == [
        f"建议：{path}:{listing_line(with_linjiang.path, path, listed)}: 这一段列举了城市"
        f"（{listed}），没有写到同样有做法的临江 — "
        "加了城市后请看这一段是否要补上或改写（见 CONTRIBUTING.md“手写的城市列举”）"
        for path, listed in EXPECTED
    ]


def test_the_build_shows_the_advice_and_does_not_fail(with_linjiang) -> None:
    build = with_linjiang.build()
    assert build.returncode == 0, build.output
    line = listing_line(with_linjiang.path, "docs/index.md", "重庆、成都、宁波")
    assert (
        f"建议：docs/index.md:{line}: 这一段列举了城市（重庆、成都、宁波），"
        "没有写到同样有做法的临江" in build.output
    )


def test_a_method_page_counts_only_the_cities_with_that_method(root: Path) -> None:
    catalog = load_catalog(root)
    text = "---\nmethod: hong-hei-bang\n---\n\n重庆和宁波都没有这样做，成都建立了红黑榜。\n"
    others = "---\nmethod: wei-min-jie-nan-ti\n---\n\n重庆和宁波的例子。\n"
    found = stale_city_lists(
        {"methods/a.md": parse_page(text), "methods/b.md": parse_page(others)}, catalog
    )
    assert [(p.path, p.line) for p in found] == [("docs/methods/b.md", 5)]
    assert "没有写到同样有做法的成都" in found[0].message


def test_macro_calls_and_source_pages_are_not_hand_written_lists(root: Path) -> None:
    catalog = load_catalog(root)
    page = parse_page("重庆 {{ city_facts('chengdu') }} 成都\n")
    source = parse_page("---\nsource: x\n---\n\n重庆和成都。\n")
    assert stale_city_lists({"a.md": page, "sources/x.md": source}, catalog) != []
    assert stale_city_lists({"sources/x.md": source}, catalog) == []


def test_the_advice_points_to_a_section_of_the_guide(root: Path) -> None:
    guide = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "### 手写的城市列举" in guide
    assert "两个以上本站的城市名" in guide
