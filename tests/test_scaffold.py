"""Scaffolds into a copy of the project: the new pages build strictly, are listed and searchable."""

from __future__ import annotations

import subprocess

import pytest
from conftest import ROOT, Project
from kbbench import browser
from kbbench.judge import is_hit

# A report the project has never seen: another city, Traditional script, web-page junk.
NEW_REPORT = (
    "杭州市開展主題教育調研工作紀實\n"
    "2023年06月15日08:20 | 來源:杭州日報\n"
    "今年以來，杭州市委堅持以上率下，組織領導幹部深入基層開展調查研究，確定調研課題52個。\n"
    "返回頂部\n"
)


def kb(project: Project, *args: str) -> subprocess.CompletedProcess:
    return project.kb(*args)


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
    sources = project.path / "data/sources.yml"
    as_added = sources.read_text(encoding="utf-8")
    # What the editor fills in, as add-report asked: the issuer (not in the text) and the
    # campaign (the text says only 主题教育).
    sources.write_text(
        as_added.replace(
            "    name: 待核实\n    level: 待核实", "    name: 中共杭州市委\n    level: 市级"
        ).replace("campaign: 待核实", "campaign: xxgc-2023"),
        encoding="utf-8",
    )
    assert kb(project, "ingest").returncode == 0
    steps.append(as_added)
    build = project.build()
    assert build.returncode == 0, build.output
    return project, build, steps


def test_scaffolds_say_what_they_wrote_and_what_is_left(scaffolded):
    _, _, steps = scaffolded
    assert steps[0].stdout == (
        "新建 docs/cities/hangzhou.md\n修改 data/cities.yml\n\n还需手工完成：\n"
        "  - docs/cities/hangzhou.md：用自己的话写“概况”\n\n"
        "然后用 make serve 预览，或用 make check 快速检查。\n"
    )
    assert "新建 docs/methods/zhuan-ti-dang-ke.md\n修改 data/methods.yml\n" in steps[1].stdout
    assert "  - data/practices.yml：添加各城市怎样运用“专题党课”，附原文引文\n" in steps[1].stdout
    assert (
        "修改 data/sources.yml\n修改 data/raw/SHA256SUMS\n\n从原文读出的元数据" in steps[2].stdout
    )
    assert "填写上面“待核实”的各项，核对读出的每一项" in steps[2].stdout
    assert "  日期（date）：2023-06-15 — 原文第 2 行“2023年06月15日08:20 | 来源:杭州日报”" in (
        steps[2].stdout
    )


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


def test_what_the_text_does_not_give_is_left_to_check(scaffolded):
    _, _, steps = scaffolded
    as_added = steps[-1]
    assert "date: '2023-06-15'" in as_added
    assert "    name: 待核实\n    level: 待核实" in as_added
    assert "campaign: 待核实" in as_added  # 主题教育 without its name: not guessed


def test_fast_check_passes_on_the_scaffolded_project(scaffolded):
    project, _, _ = scaffolded
    done = kb(project, "check")
    assert done.returncode == 0, done.stderr
    assert "6 篇来源" in done.stdout


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


def _tree(project: Project) -> dict[str, bytes]:
    return {
        p.relative_to(project.path).as_posix(): p.read_bytes()
        for part in ("data", "docs")
        for p in sorted((project.path / part).rglob("*"))
        if p.is_file()
    }


METHOD = ["--aspect", "学习", "--definition", "讲授党课。"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["new-city", "Hang Zhou", "杭州"],
            "data/cities.yml: “Hang Zhou”不能用作编号 — 编号用小写拼音或英文单词，以“-”连接，"
            "例如 hangzhou 或 dang-ke",
        ),
        (["new-city", "chengdu", "成都"], "data/cities.yml: 编号 chengdu 已经存在 — 换一个编号"),
        (
            ["new-city", "suzhou", ""],
            "data/cities.yml: 城市的中文名是空的 — 请写出城市的中文名，例如 "
            "kb new-city hangzhou 杭州",
        ),
        (
            ["new-city", "suzhou", "  "],
            "data/cities.yml: 城市的中文名是空的 — 请写出城市的中文名，例如 "
            "kb new-city hangzhou 杭州",
        ),
        (
            ["new-city", "suzhou", "<b>苏州</b>"],
            'data/cities.yml: 全称 "<b>苏州</b>市" 含有 HTML 标记（< 或 >）— 全称只能是纯文本，'
            "请删去尖括号\n"
            'data/cities.yml: 名称 "<b>苏州</b>" 含有 HTML 标记（< 或 >）— 名称只能是纯文本，'
            "请删去尖括号",
        ),
        (
            ["new-city", "suzhou", "苏州", "--full-name", '"><svg onload=alert(1)>'],
            'data/cities.yml: 全称 ""><svg onload=alert(1)>" 含有 HTML 标记（< 或 >）'
            "— 全称只能是纯文本，请删去尖括号",
        ),
        (
            ["new-method", "x-y", "<script>alert(1)</script>", *METHOD],
            'data/methods.yml: 名称 "<script>alert(1)</script>" 含有 HTML 标记（< 或 >）'
            "— 名称只能是纯文本，请删去尖括号",
        ),
        (
            ["new-method", "x-y", "", *METHOD],
            "data/methods.yml: 方法的中文名是空的 — 请写出方法的中文名，例如 "
            "kb new-method dang-ke 专题党课 …",
        ),
        (
            ["new-method", "x-y", "某方法", "--aspect", "理论学习", "--definition", "d"],
            "data/methods.yml: --aspect “理论学习”不在可选之列 — "
            "取 学习、调研、解决问题与推动工作、检视与整改、组织领导 之一",
        ),
        (
            ["add-report", "README.md", "--city", "suzhou"],
            "data/cities.yml: 没有编号为 suzhou 的城市（已有：chengdu, chongqing, ningbo）"
            "— 先用 kb new-city suzhou 中文名 添加它",
        ),
        (
            ["add-report", "README.md", "--city", "chengdu", "--genre", "随笔"],
            "data/sources.yml: --genre “随笔”不在可选之列 — 取 新闻报道、署名文章、工作总结、"
            "会议主持词、讲话 之一",
        ),
        (
            ["add-report", "no-such-report.txt", "--city", "chengdu"],
            "{root}/no-such-report.txt: 找不到这个文件 — 检查路径和文件名"
            "（把文件拖进终端窗口，可得到完整路径）",
        ),
        (
            ["add-report", "data", "--city", "chengdu"],
            "{root}/data: 这是一个文件夹，不是文件 — 写出文件夹里那份材料的文件名",
        ),
    ],
)
def test_scaffold_mistakes_are_explained(project: Project, args, message):
    if args[0] == "add-report":
        args = [args[0], str(ROOT / args[1]), *args[2:]]
    before = _tree(project)
    done = kb(project, *args)
    assert done.returncode == 1
    expected = message.format(root=ROOT)
    assert done.stderr == f"{expected}\n\n共 {expected.count(chr(10)) + 1} 个问题。\n"
    assert _tree(project) == before, "a refused command must not change any file"


def _add(project: Project, name: str, content: bytes, *more: str) -> subprocess.CompletedProcess:
    report = project.path.parent / name
    report.write_bytes(content)
    return kb(project, "add-report", str(report), "--city", "chengdu", *more)


def test_a_report_that_is_not_utf8_is_refused(project: Project):
    done = _add(project, "gbk.txt", "标题\n正文。\n".encode("gbk"))
    assert done.returncode == 1
    report = project.path.parent / "gbk.txt"
    assert done.stderr.startswith(
        f"{report}:1: 文件不是 UTF-8 编码的文本 — 用编辑器“另存为”UTF-8 编码的纯文本"
        "（Word 文档先“另存为”纯文本 .txt）\n"
    )


def test_a_report_with_control_characters_is_refused(project: Project):
    before = _tree(project)
    done = _add(project, "esc.txt", "标题\r\n正文\x1b[31m红色\r\n".encode())
    assert done.returncode == 1
    report = project.path.parent / "esc.txt"
    assert done.stderr.startswith(
        f"{report}:2: 含有控制字符（U+001B ESC）— 材料只能是纯文本：在文本编辑器里删去这个字符"
        "（它通常看不见，可删去整行后重新输入），保存后再导入\n"
    )
    assert _tree(project) == before


def test_an_invalid_source_id_is_refused(project: Project):
    done = _add(project, "new.txt", "新标题\n2023年5月1日\n正文。\n".encode(), "--id", "../x")
    assert done.returncode == 1
    assert "data/sources.yml: “../x”不能用作编号 — " in done.stderr


def test_an_unreadable_report_is_explained(tmp_path, monkeypatch):
    from pathlib import Path

    from campaign_kb.problems import DataError
    from campaign_kb.scaffold import read_report

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(DataError) as caught:
        read_report(tmp_path / "r.txt")
    assert str(caught.value) == (
        f"{tmp_path}/r.txt: 没有权限读取这个文件 — 把它复制到自己的文件夹，或请管理员放开读取权限"
    )


def test_adding_the_same_report_twice_is_refused(project: Project):
    raw = ROOT / "data/raw/002_ec81ad98cff5c134.txt"
    done = kb(project, "add-report", str(raw), "--city", "chengdu")
    assert done.returncode == 1
    assert done.stderr == (
        f"{raw}: 这份材料已经导入过：来源 chengdu-2023-you-li-you-xu"
        "（data/raw/002_ec81ad98cff5c134.txt）— 不用再导入\n\n共 1 个问题。\n"
    )


@pytest.mark.parametrize(
    "variant",
    [
        lambda b: b"\xef\xbb\xbf" + b,  # with a byte-order mark
        lambda b: b.replace(b"\n", b"\r\n"),  # Windows line endings
        lambda b: b.replace(b"\n", b"\r"),  # old Mac line endings
        lambda b: b"\xef\xbb\xbf" + b.rstrip(b"\n").replace(b"\n", b"\r\n"),
    ],
    ids=["bom", "crlf", "cr", "bom-crlf-no-final-newline"],
)
def test_a_copy_with_other_line_endings_is_the_same_report(project: Project, variant):
    raw = (ROOT / "data/raw/002_ec81ad98cff5c134.txt").read_bytes()
    done = _add(project, "copy.txt", variant(raw))
    assert done.returncode == 1
    assert "这份材料已经导入过：来源 chengdu-2023-you-li-you-xu（data/raw/002_" in done.stderr


def test_a_report_whose_title_holds_markup_is_refused(project: Project):
    done = _add(project, "html.txt", "<b>杭州纪实</b>\n2023年5月1日\n正文。\n".encode())
    assert done.returncode == 1
    assert done.stderr == (
        f'{project.path.parent / "html.txt"}:1: 标题 "<b>杭州纪实</b>" 含有 HTML 标记（< 或 >）'
        "— 标题只能是纯文本，请删去尖括号（标题取自材料的标题行，请在导入前改好）"
        "\n\n共 1 个问题。\n"
    )


def test_ingest_says_what_it_wrote_in_chinese(project: Project):
    page = project.path / "docs/sources/chengdu-2023-you-li-you-xu.md"
    page.write_text("旧\n", encoding="utf-8")
    done = kb(project, "ingest", "chengdu-2023-you-li-you-xu", "chongqing-2019-li-lun-da-xue-xi")
    assert done.stdout.splitlines() == [
        "未变 docs/sources/chongqing-2019-li-lun-da-xue-xi.md",
        "写入 docs/sources/chengdu-2023-you-li-you-xu.md",
    ]
    done = kb(project, "ingest", "nope")
    assert (done.returncode, done.stderr) == (
        2,
        "没有这些来源编号：nope — 用 data/sources.yml 里的 id\n",
    )
