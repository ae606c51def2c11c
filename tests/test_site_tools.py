"""The reader tools on a built copy of the project with everything configured (a licence, a
repository, an original address and the basis for reproducing it) and no git history."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import Build, Project

REPOSITORY = "example-org/campaign-kb"
ORIGINAL = "https://www.example.cn/n1/2023/0523/c1.html"
RIGHTS = "测试用：经刊发单位书面同意转载"
SOURCE = "chengdu-2023-you-li-you-xu"
HOSTILE = "'<script>alert(1)</script> {{ 7*7 }} [x](javascript:alert(1))'"


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = Project(tmp_path_factory.mktemp("tools") / "project")
    project.edit(
        "mkdocs.yml",
        'repository: !ENV [KB_REPOSITORY, GITHUB_REPOSITORY, ""]',
        f"repository: {REPOSITORY}",
    )
    project.edit("mkdocs.yml", 'data_licence: ""', "data_licence: CC BY 4.0")
    project.edit(
        "mkdocs.yml",
        'data_licence_url: ""',
        "data_licence_url: https://creativecommons.org/licenses/by/4.0/",
    )
    project.edit(
        "data/sources.yml",
        "  outlet: 四川日报（人民网四川频道转载）\n  medium: 报纸\n",
        f"  outlet: 四川日报（人民网四川频道转载）\n  medium: 报纸\n"
        f"  url: {ORIGINAL}\n  rights: {RIGHTS}\n",
    )
    project.edit(
        "data/sources.yml",
        "  outlet: 《机关党建研究》2024年第2期\n",
        f"  outlet: 《机关党建研究》2024年第2期\n  rights: {HOSTILE}\n",
    )
    build = project.build()
    assert build.returncode == 0, build.output
    return build


def test_the_build_is_clean(configured: Build) -> None:
    assert "WARNING" not in configured.output


def test_the_data_page_names_the_configured_licence(configured: Build) -> None:
    html = configured.html("data/")
    link = html.css_first("article a[href='https://creativecommons.org/licenses/by/4.0/']")
    assert link is not None and link.text() == "CC BY 4.0"
    assert "尚未为这些数据选定许可协议" not in configured.article_text("data/")


@pytest.mark.parametrize("path", ["", "cities/chengdu/", f"sources/{SOURCE}/", "compare/"])
def test_every_page_offers_a_prefilled_correction_report(configured: Build, path: str) -> None:
    html = configured.html(path)
    link = html.css_first("article p.kb-report a")
    assert link is not None, path
    url = urlsplit(link.attributes["href"])
    assert (url.scheme, url.netloc, url.path) == (
        "https",
        "github.com",
        f"/{REPOSITORY}/issues/new",
    )
    query = parse_qs(url.query)
    title = html.css_first("article h1").text().strip("¶ \n")
    assert query["title"] == [f"更正：{title}"]
    assert f"地址：{path or '首页'}" in query["body"][0]


def test_a_source_page_says_where_its_text_comes_from_and_why_it_is_here(
    configured: Build,
) -> None:
    html = configured.html(f"sources/{SOURCE}/")
    text = configured.article_text(f"sources/{SOURCE}/")
    assert html.css_first(f"article a[href='{ORIGINAL}']") is not None
    assert f"转载依据：{RIGHTS}" in text.replace("\n", "")
    cite = html.css_first(".kb-cite-source").attributes["data-kb-cite"]
    assert cite.startswith("吴亚飞. 从党的创新理论中获取奋进力量[N/OL]. ") and ORIGINAL in cite


def test_without_git_the_change_log_says_so_and_the_feed_is_empty(configured: Build) -> None:
    assert "不是从 git 仓库构建的" in configured.article_text("updates/")
    feed = ET.parse(configured.site / "updates/atom.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.findall(f"{atom}entry") == []
    assert "不是从 git 仓库构建的" in feed.find(f"{atom}subtitle").text


def test_rights_from_a_pull_request_are_shown_as_text(configured: Build) -> None:
    html = configured.html("sources/chongqing-2024-ji-guan-xue-xi/")
    assert html.css("article script") == []
    assert all("javascript" not in a.attributes.get("href", "") for a in html.css("a"))
    text = configured.article_text("sources/chongqing-2024-ji-guan-xue-xi/").replace("\n", "")
    assert "<script>alert(1)</script> {{ 7*7 }} [x](javascript:alert(1))" in text


def test_unset_source_rights_stay_unknown(configured: Build) -> None:
    text = configured.article_text("sources/ningbo-2019-zhu-ti-jiao-yu-zong-jie/").replace("\n", "")
    assert "原文网址：未记录" in text
    assert "转载依据：待核实" in text


def test_an_original_address_that_could_run_script_is_refused(project: Project) -> None:
    line = project.edit(
        "data/sources.yml",
        "  medium: 期刊\n",
        "  medium: 期刊\n  url: javascript:alert(1)\n",
    )
    checked = project.check()
    assert checked.returncode != 0
    assert f"data/sources.yml:{line + 1}:" in checked.output
    assert "https://" in checked.output
