"""Bad input through `kb check` and a real build: each mistake gives its own plain message, and
the two agree — both fail with the same message, or, for what only rendered pages show (links,
orphans), `kb check` says the build checks it."""

from __future__ import annotations

import pytest
from conftest import Build, Project

BUILD_ONLY_NOTE = "只有构建才能检查（需要渲染后的页面）"


def failed(build: Build) -> str:
    assert build.returncode != 0, "the build should have failed:\n" + build.output
    assert build.returncode == 1, f"exit code {build.returncode}, expected 1:\n{build.output}"
    assert "Traceback" not in build.output, build.output
    return build.output


def both_fail(project: Project, *messages: str) -> str:
    """`kb check` and the build both fail, each naming every message; returns the build's."""
    checked = project.check()
    assert checked.returncode == 1, "kb check should have failed:\n" + checked.output
    assert "Traceback" not in checked.output, checked.output
    output = failed(project.build())
    for message in messages:
        assert message in checked.output, f"kb check:\n{checked.output}"
        assert message in output, f"build:\n{output}"
    return output


def only_the_build_fails(project: Project, *messages: str) -> str:
    """A problem only rendered pages show: `kb check` passes and says the build checks it."""
    checked = project.check()
    assert checked.returncode == 0 and BUILD_ONLY_NOTE in checked.output, checked.output
    output = failed(project.build())
    for message in messages:
        assert message in output, output
    return output


def both_pass(project: Project) -> Build:
    checked = project.check()
    assert checked.returncode == 0, checked.output
    build = project.build()
    assert build.returncode == 0, build.output
    return build


def test_real_corpus_has_zero_findings(site_build: Build) -> None:
    assert "WARNING" not in site_build.output and "ERROR" not in site_build.output


def test_broken_page_link(project: Project) -> None:
    line = project.append("docs/cities/chengdu.md", "另见[说明](../methods/hong-hei.md)。\n")
    output = only_the_build_fails(project)
    assert (
        f"docs/cities/chengdu.md:{line}: 链接指向 'methods/hong-hei.md'，但没有这个页面 "
        "— 是不是要写 'methods/hong-hei-bang.md'？" in output
    )
    assert output.count("hong-hei.md") == 1, "one message per broken link"


def test_broken_anchor_lists_the_headings(project: Project) -> None:
    line = project.append(
        "docs/cities/chengdu.md", "见[黑榜](../methods/hong-hei-bang.md#黑榜)。\n"
    )
    assert (
        f"docs/cities/chengdu.md:{line}: 链接指向 'methods/hong-hei-bang.md#黑榜'，但那个页面没有"
        "标题或锚点 '黑榜' — 改成已有的锚点（已有的标题：红黑榜, 各城市做法, chengdu, 差异）"
        in only_the_build_fails(project)
    )


def test_chinese_anchor_that_exists_passes(project: Project) -> None:
    project.append("docs/cities/chengdu.md", "见[差异](../methods/hong-hei-bang.md#差异)。\n")
    both_pass(project)


def test_link_inside_macro_output(project: Project) -> None:
    (project.path / "docs/methods/hong-hei-bang.md").unlink()
    text = (project.path / "docs/index.md").read_text(encoding="utf-8")
    line = text[: text.index("{{ method_matrix() }}")].count("\n") + 1
    output = both_fail(
        project, "method 'hong-hei-bang' has no page — create docs/methods/hong-hei-bang.md"
    )
    assert "data/methods.yml:" in output
    assert (
        f"docs/index.md:{line}: 链接指向 'methods/hong-hei-bang.md'，但没有这个页面 — 是不是要写 "
        "'methods/hong-se-jiao-yu.md'？（这个链接来自本页的宏：检查 data/ 里的 id）" in output
    )


def test_orphan_page(project: Project) -> None:
    project.append("docs/about.md", "# 关于\n\n说明。\n")
    assert (
        "docs/about.md: 没有其他页面链接到这个页面（只有导航栏）— 从相关页面或索引页加一个指向"
        "它的链接" in only_the_build_fails(project)
    )


def test_one_way_city_method_link(project: Project) -> None:
    project.append("docs/cities/ningbo.md", "可对照[红黑榜](../methods/hong-hei-bang.md)。\n")
    assert (
        "docs/methods/hong-hei-bang.md: 单向链接：docs/cities/ningbo.md 链接到本页，本页却没有"
        "链接回去 — 在 data/practices.yml 补上这个城市和方法的做法，或删去 "
        "docs/cities/ningbo.md 里的链接" in only_the_build_fails(project)
    )


def test_variant_term_in_page_text(project: Project) -> None:
    line = project.append("docs/cities/chengdu.md", "成都也有类似五級聯動的做法。\n")
    assert (
        f"docs/cities/chengdu.md:{line}: '五級聯動' is a variant spelling of the glossary term "
        "'五级联动' — write '五级联动' instead" in both_fail(project)
    )


def test_undefined_macro_variable(project: Project) -> None:
    line = project.append("docs/cities/chengdu.md", "{{ metric_tabel() }}\n")
    output = both_fail(project)
    assert (
        f"docs/cities/chengdu.md:{line}: 未知的宏或变量 'metric_tabel' — 是不是要写 "
        "'metric_table'？" in output
    )
    assert output.count("metric_tabel") == 1 and "知识库检查发现 1 个问题" in output


def test_macro_syntax_error(project: Project) -> None:
    line = project.append("docs/cities/chengdu.md", "{{ city_facts( }}\n")
    output = both_fail(project)
    assert f"docs/cities/chengdu.md:{line}: 宏的写法有误：" in output


def test_unknown_id_in_macro_call(project: Project) -> None:
    line = project.append("docs/cities/chengdu.md", "{{ city_facts('chengdo') }}\n")
    output = both_fail(project)
    assert (
        f"docs/cities/chengdu.md:{line}: 宏 city_facts('chengdo')：未知的城市 id 'chengdo' — "
        "请对照 data/cities.yml 检查（已有：chengdu, chongqing, ningbo）" in output
    )


def test_html_and_jinja_in_yaml_are_escaped(project: Project) -> None:
    project.edit(
        "data/practices.yml",
        "  summary: 成都市住建局相关负责人介绍",
        "  summary: <script>alert(x)</script>{{ a*b }} a|b 成都市住建局相关负责人介绍",
    )
    html = both_pass(project).html("methods/hong-hei-bang/")
    assert not html.css("article script")
    text = html.css_first("article").text()
    assert "<script>alert(x)</script>{{ a*b }} a|b" in text
    rows = html.css("article table")[0].css("tbody tr")
    assert len(rows[0].css("td")) == 4, "a | in YAML must not add a table column"


def test_non_utf8_page(project: Project) -> None:
    (project.path / "docs/about.md").write_bytes("# 关于\n\n说明。\n".encode("gbk"))
    project.append("docs/index.md", "\n[关于](about.md)\n")
    assert (
        "docs/about.md:1: file is not UTF-8 text — save it as UTF-8 (in most editors: "
        "'Save with encoding' → UTF-8)" in both_fail(project)
    )


def test_empty_page(project: Project) -> None:
    project.append("docs/notes.md", "---\nrender_macros: true\n---\n\n")
    project.append("docs/index.md", "\n[笔记](notes.md)\n")
    assert (
        "docs/notes.md:1: the page is empty — write its content, or delete the file if it is "
        "not needed" in both_fail(project)
    )


def test_front_matter_unknown_key(project: Project) -> None:
    project.edit("docs/cities/chengdu.md", "city: chengdu\n", "city: chengdu\ncty: chengdu\n")
    assert (
        "docs/cities/chengdu.md:4: unknown front matter key 'cty' — did you mean 'city'?"
        in both_fail(project)
    )


def test_front_matter_unknown_city(project: Project) -> None:
    project.edit("docs/cities/chengdu.md", "city: chengdu\n", "city: chengdo\n")
    assert (
        "docs/cities/chengdu.md:3: unknown city 'chengdo' (known: chengdu, chongqing, ningbo)"
        in both_fail(project)
    )


def test_front_matter_invalid_yaml(project: Project) -> None:
    project.edit("docs/cities/chengdu.md", "city: chengdu\n", "city: [chengdu\n")
    assert (
        "docs/cities/chengdu.md:1: the front matter (between the '---' lines) is not valid YAML"
        in both_fail(project)
    )


def test_quiet_strict_build_still_fails(project: Project) -> None:
    line = project.append(
        "docs/cities/chengdu.md", "见[黑榜](../methods/hong-hei-bang.md#黑榜)。\n"
    )
    output = failed(project.build("--strict", "-q"))  # links: the build only
    assert f"docs/cities/chengdu.md:{line}: 链接指向 'methods/hong-hei-bang.md#黑榜'" in output


def test_fact_quote_not_in_source_fails_the_build(project: Project) -> None:
    line = project.edit("data/facts.yml", "  quote: 基层党组织4933个", "  quote: 基层党组织4934个")
    output = both_fail(project)
    assert f"data/facts.yml:{line}: the quote «基层党组织4934个» is not in paragraph" in output
    assert "docs/sources/chengdu-2023-you-li-you-xu.md" in output


def test_duplicate_glossary_term_fails_the_build(project: Project) -> None:
    project.edit("data/glossary.yml", "  term: 读书班\n", "  term: 红黑榜\n")
    output = both_fail(project)
    assert "term '红黑榜' is defined twice — also in entry 'hong-hei-bang'" in output


def test_variant_that_is_also_a_term(project: Project) -> None:
    project.edit("data/glossary.yml", "  variants: [讀書班]", "  variants: [讀書班, 红黑榜]")
    output = both_fail(project)
    assert "variant '红黑榜' is also a term or alias (entry 'hong-hei-bang')" in output


@pytest.mark.parametrize("broken", ["  year: 2019\n"])
def test_schema_error_stops_the_build_without_traceback(project: Project, broken: str) -> None:
    line = project.edit("data/campaigns.yml", broken, "  year: soon\n")
    output = both_fail(project)
    assert f"data/campaigns.yml:{line}: 'year' should be a whole number, got 'soon'" in output


def test_unknown_tag_is_rejected(project: Project) -> None:
    project.edit(
        "docs/timeline.md", "render_macros: true\n", "render_macros: true\ntags: [重庆, 红榜]\n"
    )
    output = both_fail(project)
    assert "docs/timeline.md:3: unknown tag '红榜' — tags must be a city or method name" in output


def test_external_links_are_listed_not_fetched(project: Project) -> None:
    project.append("docs/cities/chengdu.md", "原文见[人民网](http://sc.people.com.cn/)。\n")
    build = both_pass(project)
    assert "外部链接（不检查）：docs/cities/chengdu.md → http://sc.people.com.cn/" in build.output


def test_missing_raw_report_is_named(project: Project) -> None:
    (project.path / "data/raw/000_0172a6a78381110f.txt").unlink()
    output = both_fail(project)
    assert "data/raw/000_0172a6a78381110f.txt: raw file for source" in output
    assert "is missing" in output


def test_a_page_with_windows_line_endings_is_read_as_mkdocs_reads_it(project: Project) -> None:
    page = project.path / "docs/cities/chengdu.md"
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    both_pass(project)


def test_a_hand_edited_source_page_is_refused(project: Project) -> None:
    project.edit("docs/sources/chengdu-2023-you-li-you-xu.md", "有力有序", "有力有序有效")
    both_fail(
        project,
        "docs/sources/chengdu-2023-you-li-you-xu.md: "
        "来源页与原始报道不一致（缺失、过期或被手工改过）— "
        "运行 `make ingest` 重新生成，不要手工修改 docs/sources/ 下的文件",
    )


def test_a_bad_macro_leaves_the_rest_of_the_page_rendered(project: Project) -> None:
    """One bad call is one problem: the page's other macros still make their headings, so no
    link to them breaks in its wake."""
    line = project.append("docs/cities/chengdu.md", "{{ city_facts('chengdo') }}\n")
    output = both_fail(project, f"docs/cities/chengdu.md:{line}: 宏 city_facts('chengdo')：")
    assert "知识库检查发现 1 个问题" in output and "没有标题或锚点" not in output, output
