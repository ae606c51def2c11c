"""`kb add-report` on reports it was never tuned on (tests/fixtures/reports, invented for these
tests): the metadata it reads off each one, with the line it came from, what it leaves 待核实,
the paragraphs of the page, and that no line of the report is lost."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import Project
from fidelity import raw_sentences, squash

from campaign_kb.catalog import load_catalog
from campaign_kb.ingest import ingest_text
from campaign_kb.sources import ingest_all, load_rules_for

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
UNKNOWN = "待核实"
ISSUER = ["issuer.name", "issuer.level"]

# Per report: the data/sources.yml fields expected (None: left out), the lines each value comes
# from, the number of paragraphs and the first one, and the fields left 待核实.
EXPECTED: dict[str, dict] = {
    "news_dateline.txt": {
        "fields": {
            "title": "临江区：把调研成果转化为解题实招",
            "title_origin": "原题",
            "date": "2023-07-14",
            "campaign": "xxgc-2023",
            "batch": None,
            "genre": "新闻报道",
            "outlet": "临江日报",
            "author": "记者 林晓 通讯员 周明",
        },
        "lines": {"title": 1, "date": 2, "campaign": 3, "genre": 2, "outlet": 2, "author": 3},
        "paragraphs": 4,
        "first": "本报讯（记者 林晓 通讯员 周明）学习贯彻习近平新时代中国特色社会主义思想",
        "meta_lines": [2],
        "unknown": ISSUER,
        "year": "2023",
    },
    "reprint.txt": {
        "fields": {
            "title": "青川县“三张清单”推动主题教育问题整改",
            "title_origin": "转载标题",
            "original_title": "把问题清单变成群众满意清单",
            "date": "2023-10-09",
            "campaign": "xxgc-2023",
            "batch": "第二批",
            "genre": "新闻报道",
            "outlet": "浙南日报",
            "author": None,
        },
        "lines": {"title": 4, "original_title": 11, "date": 8, "campaign": 13, "batch": 13},
        "paragraphs": 4,
        "first": "把问题清单变成群众满意清单",  # the reprint's sub-title line stays citable
        "meta_lines": [8, 11],
        "unknown": ISSUER,
        "year": "2023",
    },
    "traditional_pinyin.txt": {
        "fields": {
            "title": UNKNOWN,  # the first line signs the report; the second is body text
            "title_origin": "编者拟题",
            "date": "2019-12-30",  # the 落款 二〇一九年十二月三十日
            "campaign": "bwcx-2019",
            "batch": "第二批",
            "genre": UNKNOWN,
            "author": "南湖市委主题教育领导小组办公室",
        },
        "lines": {"date": 6, "campaign": 2, "batch": 2, "author": 1},
        "paragraphs": 3,
        "first": "根据中央统一部署，2019年9月以来，南湖市以处级以下领导干部为重点",
        "meta_lines": [1, 6],
        "unknown": ["title", "genre", *ISSUER],
        "year": "2019",
        "headings": ["坚持问题导向抓整改"],
        "page_has": [
            "建立整改台账，明确责任人",
            "删去汉字后的括注拼音 3 处（如原文第 3 行的“領(lǐng)”）",
        ],
    },
    "meeting_redacted.txt": {
        "fields": {
            "title": "在*局主题教育动员部署会上的主持词",
            "title_origin": "原题",
            "date": UNKNOWN,
            "campaign": "xxgc-2023",
            "batch": None,
            "genre": "会议主持词",
            "anonymised": True,
        },
        "lines": {"title": 1, "campaign": 4, "genre": 1},
        "paragraphs": 10,
        "first": "同志们：",
        "meta_lines": [],
        "unknown": ["date", *ISSUER],
        "year": None,
        "page_has": ['<span class="kb-redaction"'],
    },
    "one_line.txt": {
        "fields": {
            "title": UNKNOWN,
            "title_origin": "编者拟题",
            "date": UNKNOWN,
            "campaign": "xxgc-2023",
            "genre": UNKNOWN,
        },
        "lines": {"campaign": 1},
        "paragraphs": 7,  # one per sentence
        "first": "为深入推进学习贯彻习近平新时代中国特色社会主义思想主题教育，东岭区坚持以学铸魂",
        "meta_lines": [],
        "unknown": ["title", "date", "genre", *ISSUER],
        "year": None,
        "page_has": [
            "原文共 1 行",
            "第 1 行（207 字）包含全文，按句末标点（。！？）分为 7 段",
        ],
    },
    "no_date.txt": {
        "fields": {
            "title": "西坪镇：小切口解决群众“急难愁盼”",
            "title_origin": "原题",
            "date": UNKNOWN,
            "campaign": UNKNOWN,  # it says 主题教育, not which one
            "genre": UNKNOWN,
        },
        "lines": {"title": 1},
        "paragraphs": 3,
        "first": "主题教育开展以来，西坪镇党委把解决群众反映强烈的问题作为检验成效的重要标准。",
        "meta_lines": [],
        "unknown": ["date", "campaign", "genre", *ISSUER],
        "year": None,
    },
    "this_year_month.txt": {
        "fields": {
            "title": "北川街道打造“红色驿站”服务圈",
            "title_origin": "原题",
            "date": UNKNOWN,  # 今年4月: which year the text does not say
            "campaign": UNKNOWN,
            "genre": UNKNOWN,
        },
        "lines": {"title": 1},
        "paragraphs": 3,
        "first": "今年4月以来，北川街道依托社区党群服务中心",
        "meta_lines": [],
        "unknown": ["date", "campaign", "genre", *ISSUER],
        "year": None,
        "says": ["第 2 行“今年4月”（哪一年原文未写）", "第 3 行“今年6月”（哪一年原文未写）"],
    },
    "slogan_title.txt": {
        "fields": {
            "title": "学思想、强党性，重实践、建新功",
            "title_origin": "原题",
            "date": "2023-08-30",
            "campaign": "xxgc-2023",
            "genre": "新闻报道",
            "outlet": "云岗市委组织部",
        },
        "lines": {"title": 1, "date": 3, "campaign": 2},
        "paragraphs": 4,
        "first": "——云岗市扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育综述",
        "meta_lines": [3],
        "unknown": ISSUER,
        "year": "2023",
        "headings": ["一、以学铸魂，筑牢信仰之基", "二、以学促干，破解发展难题"],
    },
    "speech.txt": {
        "fields": {
            "title": "在全市主题教育总结会议上的讲话",
            "title_origin": "原题",
            "date": "2020-01-10",
            "campaign": "bwcx-2019",
            "batch": None,  # 两批 names no batch
            "genre": "讲话",
        },
        "lines": {"title": 1, "date": 2, "campaign": 4, "genre": 1},
        "paragraphs": 4,
        "first": "同志们：",
        "meta_lines": [2],
        "unknown": ISSUER,
        "year": "2020",
    },
}
LABELS = {
    "title": "标题",
    "original_title": "原标题",
    "date": "日期",
    "campaign": "所属活动",
    "batch": "批次",
    "genre": "体裁",
    "outlet": "刊载",
    "author": "作者",
}


def kb(project: Project, *args: str) -> subprocess.CompletedProcess:
    return project.kb(*args)


@pytest.fixture(scope="module")
def added(tmp_path_factory) -> tuple[Project, dict[str, dict], dict[str, str]]:
    """Every fixture added with `kb add-report` to a new city of a project copy."""
    project = Project(tmp_path_factory.mktemp("unseen") / "project")
    assert kb(project, "new-city", "linjiang", "临江").returncode == 0
    outputs = {}
    for name in EXPECTED:
        done = kb(project, "add-report", str(FIXTURES / name), "--city", "linjiang")
        assert done.returncode == 0, done.stderr
        outputs[name] = done.stdout
    entries = yaml.safe_load((project.path / "data/sources.yml").read_text(encoding="utf-8"))
    by_raw = {}
    for entry in entries[5:]:
        raw = (project.path / "data/raw" / entry["raw"]).read_bytes()
        name = next(n for n in EXPECTED if (FIXTURES / n).read_bytes() == raw)
        by_raw[name] = entry
    return project, by_raw, outputs


@pytest.mark.parametrize("name", EXPECTED)
def test_metadata_is_read_from_the_report_s_own_words(added, name: str) -> None:
    _, entries, _ = added
    entry, expected = entries[name], EXPECTED[name]
    for key, value in expected["fields"].items():
        assert entry.get(key) == value, key
    assert entry["issuer"] == {"name": UNKNOWN, "level": UNKNOWN}


@pytest.mark.parametrize("name", EXPECTED)
def test_the_id_holds_a_year_only_when_the_report_gives_one(added, name: str) -> None:
    _, entries, _ = added
    year = EXPECTED[name]["year"]
    pattern = rf"^linjiang-{year}-[0-9a-f]{{6}}$" if year else r"^linjiang-[0-9a-f]{6}$"
    assert re.match(pattern, entries[name]["id"])


@pytest.mark.parametrize("name", EXPECTED)
def test_the_editor_is_told_each_value_with_its_line_and_what_is_left(added, name: str) -> None:
    _, entries, outputs = added
    out, expected = outputs[name], EXPECTED[name]
    for key, line in expected["lines"].items():
        value = str(entries[name][key])
        assert f"  {LABELS[key]}（{key}）：{value}" in out, key
        shown = next(row for row in out.splitlines() if row.startswith(f"  {LABELS[key]}（{key}）"))
        assert f"原文第 {line} 行“" in shown, shown
    unknown_part = out.split("待核实（")[1]
    for key in expected["unknown"]:
        assert f"（{key.split('.')[0]}）：待核实" in unknown_part, key
    for words in expected.get("says", []):
        assert words in out
    assert "Traceback" not in out


@pytest.mark.parametrize("name", EXPECTED)
def test_paragraphs_and_headings_of_the_page(added, name: str) -> None:
    project, entries, _ = added
    expected = EXPECTED[name]
    page = (project.path / f"docs/sources/{entries[name]['id']}.md").read_text(encoding="utf-8")
    body = page.split("## 处理记录")[0]
    anchors = re.findall(r"^\{: #p-[0-9a-f]{6}(?:-\d+)? \}$", body, re.MULTILINE)
    assert len(anchors) == expected["paragraphs"]
    first = body.split(" -->\n\n", 1)[1]
    assert first.replace("\\", "").startswith(expected["first"].replace("*", "")) or (
        "kb-redaction" in first and expected["first"] in first
    )
    headings = re.findall(r"^## (.+)$", body, re.MULTILINE)
    assert headings == expected.get("headings", [])
    title = entries[name]["title"]
    assert page.split("\n")[4] == f"# {title.replace('*', chr(92) + '*')}"
    for words in expected.get("page_has", []):
        assert words in page


@pytest.mark.parametrize("name", EXPECTED)
def test_no_line_of_the_report_is_lost(root: Path, name: str) -> None:
    """Every sentence is in the title, the body, a metadata line or removed boilerplate."""
    raw = (FIXTURES / name).read_text(encoding="utf-8")
    result = ingest_text(raw, load_rules_for(root), None, find_title=True)
    kept = [b.text for b in result.blocks] + [m.text for m in result.meta]
    kept += [r.text for r in result.removed] + [result.title_text or ""]
    haystack = squash("\n".join(kept))
    missing = [s for s in raw_sentences(raw, set()) if s not in haystack]
    assert missing == []
    assert sorted(m.line for m in result.meta) == EXPECTED[name]["meta_lines"]


def test_a_title_given_on_the_command_line_is_the_editor_s(project: Project) -> None:
    assert kb(project, "new-city", "dongling", "东岭").returncode == 0
    done = kb(
        project,
        "add-report",
        str(FIXTURES / "one_line.txt"),
        "--city",
        "dongling",
        "--title",
        "东岭区以学促干推进主题教育",
        "--date",
        "2023-06",
        "--genre",
        "新闻报道",
    )
    assert done.returncode == 0, done.stderr
    entry = yaml.safe_load((project.path / "data/sources.yml").read_text(encoding="utf-8"))[-1]
    assert (entry["title"], entry["title_origin"]) == ("东岭区以学促干推进主题教育", "编者拟题")
    assert (entry["date"], entry["genre"]) == ("2023-06", "新闻报道")
    assert re.match(r"^dongling-2023-[0-9a-f]{6}$", entry["id"])
    assert (
        "标题（title）：东岭区以学促干推进主题教育（title_origin: 编者拟题） — 编者用 --title 给出"
        in (done.stdout)
    )


def test_the_fixtures_never_reach_the_site(root: Path) -> None:
    """They are fiction: none of their sentences may appear in data/ or docs/."""
    published = "".join(
        p.read_text(encoding="utf-8")
        for folder in ("data", "docs")
        for p in (root / folder).rglob("*")
        if p.is_file() and p.suffix in {".md", ".yml", ".txt"}
    )
    for path in FIXTURES.glob("*.txt"):
        long_sentences = [
            s for s in raw_sentences(path.read_text(encoding="utf-8"), set()) if len(s) > 12
        ]
        assert not any(s in published for s in long_sentences), path.name


def test_the_build_names_every_unverified_field_and_passes_once_they_are_filled(added) -> None:
    project, entries, _ = added
    catalog = load_catalog(project.path)
    build = project.build()
    assert build.returncode != 0
    for name, expected in EXPECTED.items():
        sid = entries[name]["id"]
        for key in expected["unknown"]:
            path = tuple(key.split("."))
            _, line = catalog.location("sources", sid, *path)
            assert f"data/sources.yml:{line}: 来源 {sid} 的" in build.output
            assert f"（{key}）待核实 — 核对原文后在这一行填写：" in build.output
    assert "Traceback" not in build.output
    text = (project.path / "data/sources.yml").read_text(encoding="utf-8")
    text = text.replace("  issuer:\n    name: 待核实\n    level: 待核实\n", "")
    text = text.replace("title: 待核实", "title: 编者拟的标题")
    text = text.replace("date: 待核实", "date: '2023'\n  date_inferred: 测试中由编者推断")
    text = text.replace("campaign: 待核实", "campaign: none")
    text = text.replace("genre: 待核实", "genre: 新闻报道")
    (project.path / "data/sources.yml").write_text(text, encoding="utf-8")
    assert kb(project, "ingest").returncode == 0
    build = project.build()
    assert build.returncode == 0, build.output
    assert ingest_all(load_catalog(project.path))  # every page as ingest writes it


def test_serve_previews_the_page_with_what_is_left_to_check(project: Project) -> None:
    """The preview shows the new page, and its 待核实 fields as the banner, until filled in."""
    from test_plugin import BANNER, serving

    assert kb(project, "new-city", "xiping", "西坪").returncode == 0
    assert (
        kb(project, "add-report", str(FIXTURES / "no_date.txt"), "--city", "xiping").returncode == 0
    )
    sid = yaml.safe_load((project.path / "data/sources.yml").read_text(encoding="utf-8"))[-1]["id"]
    line = project.edit("data/sources.yml", "date: 待核实", "date: 待核实")
    with serving(project) as server:
        page = server.wait_for_page(f"sources/{sid}/", True, BANNER)
        assert re.search(r"<h1[^>]*>西坪镇：小切口解决群众“急难愁盼”", page)
        assert f"data/sources.yml:{line}: 来源 {sid} 的日期（date）待核实" in page
        assert "（campaign）待核实" in page and "（genre）待核实" in page
        project.edit("data/sources.yml", "date: 待核实", "date: '2023'\n  date_inferred: 测试")
        page = server.wait_for_page(f"sources/{sid}/", False, "（date）待核实")
        assert "（campaign）待核实" in page  # the others are still shown
    assert "Traceback" not in "".join(server.log)


def test_the_guide_explains_what_add_report_reads_and_leaves(root: Path) -> None:
    guide = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "**什么时候用“编者拟题”：**" in guide
    assert "**`metric:`——让数字进入对比表。**" in guide
    assert "`来源 … 的日期（date）待核实`" in guide
    for option in ("--title", "--date", "--genre", "--campaign"):
        assert f"`{option}" in guide
