"""What a published site needs: its address (from KB_SITE_URL, set by CI to the GitHub Pages
address), a sitemap, canonical links, link previews, a favicon and a Chinese 404 page that works
under a sub-path."""

from __future__ import annotations

import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Build
from kbbench import browser
from published import DESKTOP, PHONE, Published, site_pages

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_sitemap_lists_every_page_at_its_published_address(published: Published) -> None:
    tree = ET.parse(published.build.site / "sitemap.xml")
    listed = {loc.text for loc in tree.iter(f"{SITEMAP}loc")}
    assert listed == {published.url + path for path in site_pages(published.build)}
    assert any("/sources/" in url and url.count("/") > 5 for url in listed)  # source pages too


def test_every_page_names_its_canonical_address(published: Published) -> None:
    for path in site_pages(published.build):
        head = published.build.html(path).head
        canonical = head.css_first("link[rel=canonical]").attributes["href"]
        assert canonical == published.url + path
        assert head.css_first("meta[property='og:url']").attributes["content"] == canonical


def test_link_previews_have_the_page_title_and_its_own_description(published: Published) -> None:
    descriptions = {}
    for path in site_pages(published.build):
        html = published.build.html(path)
        og = {m.attributes["property"]: m.attributes["content"] for m in html.css("meta[property]")}
        heading = re.sub(r"¶$", "", html.css_first(".md-content__inner h1").text().strip())
        assert og["og:title"] == (heading if path else "主题教育实践知识库"), path
        assert og["og:description"], path
        assert og["og:locale"] == "zh_CN" and og["og:site_name"] == "主题教育实践知识库"
        assert (
            html.css_first("meta[name=description]").attributes["content"] == og["og:description"]
        )
        descriptions[path] = og["og:description"]
    assert len(set(descriptions.values())) == len(descriptions)  # one for each page
    assert descriptions["sources/chengdu-2023-you-li-you-xu/"] == (
        "成都有力有序推进主题教育工作：成都 · 2023-05-23 · 新闻报道 · "
        "2023年学习贯彻新思想主题教育（第一批，批次为推断）"
    )
    assert descriptions[""].startswith("本站把各地开展党内主题教育的原始材料")


def test_a_local_build_without_an_address_makes_no_address_up(site_build: Build) -> None:
    if os.environ.get("KB_SITE_URL"):
        pytest.skip("KB_SITE_URL is set in this environment")
    assert site_build.html("").head.css_first("link[rel=canonical]") is None
    assert site_build.html("").head.css_first("meta[property='og:url']") is None


def test_the_favicon_is_the_sites_own(published: Published) -> None:
    icon = published.build.html("").head.css_first("link[rel=icon]").attributes["href"]
    assert icon == "assets/favicon.svg"
    svg = (published.build.site / icon).read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "<title>主题教育实践知识库</title>" in svg


@pytest.fixture(scope="module")
def chromium():
    with browser.browser() as launched:
        yield launched


@pytest.mark.browser
@pytest.mark.parametrize("screen", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_404_page_works_under_a_sub_path(published: Published, chromium, screen) -> None:
    missing = published.url + "cities/no-such-city/deeper/"
    tab = chromium.new_context(**screen).new_page()
    answer = tab.goto(missing)
    assert answer.status == 404
    assert tab.locator(".md-content__inner h1").inner_text() == "找不到这个页面（404）"
    # Its styles loaded (the header has the site's colour, not the browser's default).
    assert (
        tab.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        == "rgb(183, 28, 28)"
    )
    # A link to each section, each of them a page that exists.
    links = tab.eval_on_selector_all(
        ".kb-404-sections a", "a => a.map(x => [x.textContent, x.href])"
    )
    tabs = [
        "首页",
        "城市",
        "方法",
        "比较",
        "来源",
        "术语表",
        "时间线",
        "标签",
        "数据下载",
        "更新记录",
        "关于本站",
    ]
    assert [text for text, _ in links] == tabs
    for _, href in links:
        assert href.startswith(published.url) and tab.request.get(href).status == 200, href
    # Its search form opens the site's search with the words.
    tab.fill("#kb-404-query", "红黑榜")
    tab.locator(".kb-404-search button").click()
    tab.wait_for_function("document.querySelector('.kb-search').dataset.state === 'done'")
    assert tab.url == published.url + "?q=%E7%BA%A2%E9%BB%91%E6%A6%9C"
    assert tab.locator(".kb-search .md-search-result__item").count() > 0
    tab.context.close()


WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def _address_step() -> dict:
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["test-and-build"]["steps"]
    names = [s["name"] for s in steps]
    address = names.index("Site address (GitHub Pages)")
    assert address < names.index("Strict build of the site")
    return steps[address]


@pytest.mark.parametrize(
    ("repository", "custom", "expected"),
    [
        ("Some-Org/campaign-kb", "", "https://some-org.github.io/campaign-kb/"),
        ("some-org/Some-Org.github.io", "", "https://some-org.github.io/"),
        ("some-org/campaign-kb", "https://kb.example.org", "https://kb.example.org/"),
    ],
)
def test_ci_builds_with_the_github_pages_address(
    tmp_path: Path, repository: str, custom: str, expected: str
) -> None:
    """The CI step's own script, run as GitHub Actions runs it."""
    step = _address_step()
    assert step["env"]["CUSTOM_SITE_URL"] == "${{ vars.KB_SITE_URL }}"
    env_file = tmp_path / "github_env"
    subprocess.run(
        ["bash", "-c", step["run"]],
        env={
            "PATH": os.environ["PATH"],
            "GITHUB_REPOSITORY": repository,
            "GITHUB_REPOSITORY_OWNER": repository.split("/")[0],
            "CUSTOM_SITE_URL": custom,
            "GITHUB_ENV": str(env_file),
        },
        check=True,
    )
    assert env_file.read_text() == f"KB_SITE_URL={expected}\n"
