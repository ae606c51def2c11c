"""`kb rename-source|rename-city|rename-method`: the id changes everywhere, the old page goes,
and the old address sends readers to the new page (offline: a relative link)."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import Project

from campaign_kb.rename import rewrite_page

OLD_SOURCE, NEW_SOURCE = "chengdu-2023-you-li-you-xu", "chengdu-2023-sichuan-ribao"


def kb(project: Project, *args: str) -> subprocess.CompletedProcess:
    return project.kb(*args)


def _tree(project: Project) -> dict[str, bytes]:
    return {
        p.relative_to(project.path).as_posix(): p.read_bytes()
        for part in ("data", "docs")
        for p in sorted((project.path / part).rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("rename") / "project")
    # Hand-written links and a macro argument that must follow the renames.
    project.append(
        "docs/about/index.md",
        f"\n[成都的报道](../sources/{OLD_SOURCE}.md#p-a20041)、"
        "[成都](../cities/chengdu.md)、[巡回指导](../methods/xun-hui-zhi-dao.md)。\n\n"
        "{{ city_facts('chengdu') }}\n",
    )
    project.edit("docs/about/index.md", "# 关于本站", "---\nrender_macros: true\n---\n\n# 关于本站")
    before = _tree(project)
    steps = [
        kb(project, "rename-source", OLD_SOURCE, NEW_SOURCE),
        kb(project, "rename-city", "chengdu", "chengdu-shi"),
        kb(project, "rename-method", "xun-hui-zhi-dao", "xun-hui-du-dao"),
    ]
    for step in steps:
        assert step.returncode == 0, step.stderr
    # A reader's old address written as a URL (not a page file) is accepted: it redirects.
    project.append("docs/about/index.md", "\n[旧地址](../cities/chengdu/)\n")
    return project, before, steps, project.build()


def test_renames_say_what_they_changed(renamed) -> None:
    _, _, steps, _ = renamed
    out = steps[0].stdout
    assert out.startswith(
        f"来源 {OLD_SOURCE} 改名为 {NEW_SOURCE}\n新建 docs/sources/{NEW_SOURCE}.md\n"
    )
    assert "修改 data/facts.yml（21 处）" in out and "修改 data/practices.yml（" in out
    assert f"删除 docs/sources/{OLD_SOURCE}.md：读者的旧链接会转到新页面" in out


RENAMES = [
    (OLD_SOURCE, NEW_SOURCE),
    ("chengdu", "chengdu-shi"),
    ("xun-hui-zhi-dao", "xun-hui-du-dao"),
]


def _renamed_ids(text: str) -> str:
    """`text` with each old id, as a whole word, replaced by the new one (ids that merely
    start with one, like the practice id chengdu-du-shu-ban, stay)."""
    for old, new in RENAMES:
        text = re.sub(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])", new, text)
    return text


def test_every_reference_in_data_follows_and_nothing_else_changes(renamed) -> None:
    project, before, _, _ = renamed
    after = _tree(project)
    for path, old in before.items():
        if path.startswith("data/"):
            assert after[path].decode("utf-8") == _renamed_ids(old.decode("utf-8")), path


def test_pages_move_and_links_and_macro_arguments_follow(renamed) -> None:
    project, before, _, _ = renamed
    after = _tree(project)
    for old, new in (
        (f"sources/{OLD_SOURCE}", f"sources/{NEW_SOURCE}"),
        ("cities/chengdu", "cities/chengdu-shi"),
        ("methods/xun-hui-zhi-dao", "methods/xun-hui-du-dao"),
    ):
        assert f"docs/{old}.md" not in after and f"docs/{new}.md" in after
    about = after["docs/about/index.md"].decode("utf-8")
    assert f"(../sources/{NEW_SOURCE}.md#p-a20041)" in about
    assert "(../cities/chengdu-shi.md)" in about
    assert "(../methods/xun-hui-du-dao.md)" in about
    assert "{{ city_facts('chengdu-shi') }}" in about
    city = after["docs/cities/chengdu-shi.md"].decode("utf-8")
    assert city == _renamed_ids(before["docs/cities/chengdu.md"].decode("utf-8"))
    assert (
        after["data/redirects.yml"]
        .decode("utf-8")
        .endswith(
            "cities/chengdu.md: cities/chengdu-shi.md\n"
            "methods/xun-hui-zhi-dao.md: methods/xun-hui-du-dao.md\n"
            f"sources/{OLD_SOURCE}.md: sources/{NEW_SOURCE}.md\n"
        )
    )


def test_the_renamed_project_checks_and_builds(renamed) -> None:
    project, _, _, build = renamed
    assert build.returncode == 0, build.output
    assert project.check().returncode == 0
    page = build.article_text(f"sources/{NEW_SOURCE}/")
    assert "成都有力有序推进主题教育工作" in page
    assert "chengdu-2023-sichuan-ribao" in build.html("cities/chengdu-shi/").html


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (f"sources/{OLD_SOURCE}/index.html", f"../{NEW_SOURCE}/"),
        ("cities/chengdu/index.html", "../chengdu-shi/"),
        ("methods/xun-hui-zhi-dao/index.html", "../xun-hui-du-dao/"),
    ],
)
def test_old_addresses_redirect_offline(renamed, old: str, new: str) -> None:
    _, _, _, build = renamed
    page = (build.site / old).read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url={new}">' in page
    assert "http:" not in page and "https:" not in page  # relative: works without a network
    assert (build.site / old).parent.joinpath(new, "index.html").resolve().exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["rename-source", "no-such-id", "x"],
            "data/sources.yml: 没有编号为 no-such-id 的来源（已有：chengdu-2023-you-li-you-xu, ",
        ),
        (
            ["rename-city", "chengdu", "Cheng Du"],
            "data/cities.yml: “Cheng Du”不能用作编号 — 用小写拼音或英文单词，以“-”连接",
        ),
        (
            ["rename-method", "wu-ji-lian-dong", "du-shu-ban"],
            "data/methods.yml: 编号 du-shu-ban 已经存在 — 换一个编号",
        ),
    ],
)
def test_a_refused_rename_changes_nothing(project: Project, args, message) -> None:
    before = _tree(project)
    done = kb(project, *args)
    assert done.returncode == 1
    assert done.stderr.startswith(message)
    assert _tree(project) == before


def test_links_are_rewritten_only_where_they_point_to_the_old_page() -> None:
    text = (
        "[a](../sources/old.md#p-1) [b](old.md) [c](../sources/old-two.md) "
        "[d](https://example.org/sources/old.md) [e](../sources/old/)\n[ref]: ../sources/old.md\n"
        "{{ city_facts('old') }} 'old' stays outside a macro\n"
    )
    done = rewrite_page(text, "cities/x.md", "sources/old.md", "sources/new.md", "old", "new")
    assert done == (
        "[a](../sources/new.md#p-1) [b](old.md) [c](../sources/old-two.md) "
        "[d](https://example.org/sources/old.md) [e](../sources/new/)\n[ref]: ../sources/new.md\n"
        "{{ city_facts('new') }} 'old' stays outside a macro\n"
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            'sources/x.md: "javascript:alert(1)"',
            "data/redirects.yml:1: “javascript:alert(1)”不是本站的页面 — 只能写 sources/、",
        ),
        (
            "sources/x.md: sources/nowhere.md",
            "data/redirects.yml:1: 转向的页面 docs/sources/nowhere.md 不存在",
        ),
        (
            "cities/chengdu.md: cities/ningbo.md",
            "data/redirects.yml:1: docs/cities/chengdu.md 还在，不能同时把它转到 cities/ningbo.md",
        ),
    ],
)
def test_a_bad_redirect_is_refused_by_check_and_build(project: Project, entry, message) -> None:
    project.append("data/redirects.yml", entry + "\n")
    checked = project.check()
    assert checked.returncode == 1 and message in checked.output
    build = project.build()
    assert build.returncode != 0 and message in build.output
    assert "Traceback" not in build.output


def test_the_guide_says_how_to_rename(root) -> None:
    guide = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for command in ("rename-source", "rename-city", "rename-method"):
        assert f".venv/bin/kb {command} 旧编号 新编号" in guide
