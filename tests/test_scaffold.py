"""Scaffolds into a copy of the project: the new pages build strictly, are listed and searchable."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT, Project

from campaign_kb.bench import browser
from campaign_kb.bench.judge import is_hit

# A report the project has never seen: another city, Traditional script, web-page junk.
NEW_REPORT = (
    "杭州市開展主題教育調研工作紀實\n"
    "2023年06月15日08:20 | 來源:杭州日報\n"
    "今年以來，杭州市委堅持以上率下，組織領導幹部深入基層開展調查研究，確定調研課題52個。\n"
    "返回頂部\n"
)


def kb(project: Project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "campaign_kb.cli", "--root", str(project.path), *args],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("scaffold") / "project")
    report = project.path / "new-report.txt"
    report.write_text(NEW_REPORT, encoding="utf-8")
    steps = [
        kb(project, "new-city", "hangzhou", "杭州"),
        kb(
            project,
            "new-method",
            "zhuan-ti-dang-ke",
            "专题党课",
            "--aspect",
            "学习",
            "--definition",
            "领导干部围绕主题讲授党课。",
        ),
        kb(project, "add-report", str(report), "--city", "hangzhou"),
    ]
    for step in steps:
        assert step.returncode == 0, step.stderr
    report.unlink()
    build = project.build()
    assert build.returncode == 0, build.output
    return project, build, steps


def test_scaffolds_say_what_they_wrote_and_what_is_left(scaffolded):
    _, _, steps = scaffolded
    assert "created docs/cities/hangzhou.md" in steps[0].stdout
    assert "created docs/methods/zhuan-ti-dang-ke.md" in steps[1].stdout
    assert "Still to do by hand" in steps[2].stdout


def test_new_pages_are_listed_in_the_indexes(scaffolded):
    project, build, _ = scaffolded
    source_id = next(p.stem for p in (project.path / "docs/sources").glob("hangzhou-2023-*.md"))
    cities = build.html("cities/").css("article a")
    assert any(a.text() == "杭州市" for a in cities)
    methods = build.html("methods/").css("article a")
    assert any(a.text() == "专题党课" for a in methods)
    sources = build.article_text("sources/")
    assert "杭州市开展主题教育调研工作纪实" in sources
    page = build.article_text(f"sources/{source_id}/")
    assert "确定调研课题52个" in page  # converted to Simplified
    assert "返回顶部" not in page.split("处理记录")[0]  # junk removed from the text


def test_metadata_guesses_are_marked_for_checking(scaffolded):
    project, build, _ = scaffolded
    sources = (project.path / "data/sources.yml").read_text(encoding="utf-8")
    assert "date: '2023-06-15'" in sources
    assert "请核对" in sources and "待核实" in sources


def test_fast_check_passes_on_the_scaffolded_project(scaffolded):
    project, _, _ = scaffolded
    done = kb(project, "check")
    assert done.returncode == 0, done.stderr
    assert "6 sources" in done.stdout


def test_new_report_is_found_by_search_in_either_script(scaffolded):
    _, build, _ = scaffolded
    with browser.serve(build.site) as base, browser.browser() as chromium:
        page = chromium.new_page()
        page.goto(base)
        simplified = browser.search(page, "调研课题52个")
        traditional = browser.search(page, "調研課題52個")
        only_hangzhou = browser.search(page, "调研", {"城市": "杭州"})
    assert simplified["urls"] and "/sources/hangzhou-2023-" in simplified["urls"][0]
    assert is_hit(build.site, simplified["urls"][0], "调研课题52个")
    assert traditional["urls"] == simplified["urls"]
    assert only_hangzhou["urls"] and all("hangzhou" in u for u in only_hangzhou["urls"])


def test_a_broken_quote_gives_the_documented_message(scaffolded, tmp_path):
    project, _, _ = scaffolded
    source_id = next(p.stem for p in (project.path / "docs/sources").glob("hangzhou-2023-*.md"))
    page = (project.path / f"docs/sources/{source_id}.md").read_text(encoding="utf-8")
    anchor = page.split("确定调研课题52个。\n{: #")[1].split(" }")[0]
    line = project.append(
        "data/facts.yml",
        f"- id: hz-topics\n  city: hangzhou\n  source: {source_id}\n  paragraph: {anchor}\n"
        '  label: 确定的调研课题\n  amount: "52"\n  unit: 个\n  quote: 确定调研课题52各\n',
    )
    build = project.build()
    assert build.returncode != 0
    expected = (
        f"data/facts.yml:{line + 7}: the quote «确定调研课题52各» is not in paragraph "
        f"'{anchor}' of docs/sources/{source_id}.md — copy the words exactly"
    )
    assert expected in build.output
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "the quote «…» is not in paragraph" in guide
    assert "Traceback" not in build.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new-city", "Hang Zhou", "杭州"], "cannot be an id"),
        (["new-city", "chengdu", "成都"], "id 'chengdu' already exists"),
        (
            ["new-method", "x-y", "某方法", "--aspect", "理论学习", "--definition", "d"],
            "unknown aspect",
        ),
        (["add-report", "README.md", "--city", "suzhou"], "unknown city 'suzhou'"),
    ],
)
def test_scaffold_mistakes_are_explained(project: Project, args, message):
    if args[0] == "add-report":
        args = [args[0], str(ROOT / args[1]), *args[2:]]
    done = kb(project, *args)
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_adding_the_same_report_twice_is_refused(project: Project):
    done = kb(
        project, "add-report", str(ROOT / "data/raw/002_ec81ad98cff5c134.txt"), "--city", "chengdu"
    )
    assert done.returncode == 1
    assert "already in the project" in done.stderr
