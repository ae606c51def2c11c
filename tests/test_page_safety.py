"""Hostile pages from a pull request: template injection, script, event handlers, script links.

Every input is written into a copy of the project; `kb check` and the build must both refuse it
with the exact message at its line, and a preview of the same pages (a build that goes on, as
`mkdocs serve` does) must run none of it in a real browser.
"""

from __future__ import annotations

import pytest
from conftest import Build, Project, run_build
from kbbench import browser

MACRO_PAGE = "docs/timeline.md"  # render_macros: true
PLAIN_PAGE = "docs/about/index.md"
FORBIDDEN = "不允许的模板写法："
CLOSED = "页面里只能调用本站的宏，参数只能是直接写出的 id 或数字，例如 {{ city_facts('chengdu') }}"
HTML_ALLOWED = "页面用 Markdown 写格式；HTML 只允许 <span>（属性 class、title、id）和 <br>"
LINK_HINT = "链接只能指向本站页面（如 ../methods/hong-hei-bang.md）或 http/https 网址"
MARK = "window.__kbPwned=1"

TEMPLATE_CASES = [
    ("{{ environment }}", "未知的宏或变量 'environment' — 可用的宏："),
    ("{{ macros_info() }}", "未知的宏或变量 'macros_info' — 可用的宏："),
    ("{{ config.site_name }}", FORBIDDEN + "取属性（.） — " + CLOSED),
    ("{{ ''.__class__.__mro__ }}", FORBIDDEN + "取属性（.） — " + CLOSED),
    ("{{ city_facts.__globals__ }}", FORBIDDEN + "取属性（.） — " + CLOSED),
    (
        "{{ lipsum.__globals__['os'].popen('id').read() }}",
        FORBIDDEN + "调用（只能直接调用本站的宏） — " + CLOSED,
    ),
    ("{{ cycler.__init__.__globals__.os }}", FORBIDDEN + "取属性（.） — " + CLOSED),
    ("{% include '/etc/passwd' %}", FORBIDDEN + "include — " + CLOSED),
    ("{% import 'base.html' as b %}", FORBIDDEN + "import — " + CLOSED),
    ("{% extends 'base.html' %}", FORBIDDEN + "extends — " + CLOSED),
    ("{% set x = 1 %}", FORBIDDEN + "set — " + CLOSED),
    ("{% for x in [1] %}{{ x }}{% endfor %}", FORBIDDEN + "for — " + CLOSED),
    ("{% if 1 %}x{% endif %}", FORBIDDEN + "if — " + CLOSED),
    ("{{ 1/0 }}", FORBIDDEN + "运算 — " + CLOSED),
    ("{{ city_facts('chengdu'|upper) }}", FORBIDDEN + "过滤器（|） — " + CLOSED),
    ("{{ '%s'|format(7) }}", FORBIDDEN + "过滤器（|） — " + CLOSED),
    ("{{ city_facts(*cities) }}", FORBIDDEN + "调用（只能直接调用本站的宏） — " + CLOSED),
    ("{{ city_facts(city=config) }}", FORBIDDEN + "变量 — " + CLOSED),
    ("{{ city_facts(['chengdu']) }}", FORBIDDEN + "列表 — " + CLOSED),
    ("{{ self }}", "未知的宏或变量 'self' — 可用的宏："),
    ("{{ city_facts }}", "宏 city_facts 要加括号调用：{{ city_facts() }}"),
    ("{{ city_facts('chengdu', 'x') }}", "宏 city_facts 的参数不对 — 写法是 city_facts(city)"),
    ("{{ source_list(latest=True) }}", "宏 source_list 的参数只能是带引号的 id 或整数"),
    (
        "{{ city_facts('../../etc/passwd') }}",
        "宏 city_facts('../../etc/passwd')：未知的城市 id '../../etc/passwd' — 请对照 "
        "data/cities.yml 检查",
    ),
]

HTML_CASES = [
    (f"<script>{MARK}</script>", f"不允许的 HTML 标签 <script> — {HTML_ALLOWED}"),
    (f"<SCRIPT>{MARK}</SCRIPT>", f"不允许的 HTML 标签 <script> — {HTML_ALLOWED}"),
    (f"<img src=x onerror={MARK}>", f"不允许的 HTML 标签 <img> — {HTML_ALLOWED}"),
    (f"<svg/onload={MARK}>", f"不允许的 HTML 标签 <svg> — {HTML_ALLOWED}"),
    (f'<span onmouseover="{MARK}">悬停</span>', f"<span> 不能带属性 onmouseover — {HTML_ALLOWED}"),
    ('<span style="position:fixed">盖住</span>', f"<span> 不能带属性 style — {HTML_ALLOWED}"),
    (
        '<iframe src="http://example.org/"></iframe>',
        f"不允许的 HTML 标签 <iframe> — {HTML_ALLOWED}",
    ),
    (f'<a href="javascript:{MARK}">点我</a>', f"不允许的 HTML 标签 <a> — {HTML_ALLOWED}"),
    ("<style>body{display:none}</style>", f"不允许的 HTML 标签 <style> — {HTML_ALLOWED}"),
    (f"[点我](javascript:{MARK})", f"链接地址以 javascript: 开头，不允许 — {LINK_HINT}"),
    (f"[点我](JaVaScRiPt:{MARK})", f"链接地址以 javascript: 开头，不允许 — {LINK_HINT}"),
    (f"[点我](java&#115;cript:{MARK})", f"链接地址以 javascript: 开头，不允许 — {LINK_HINT}"),
    ("[点我](data:text/html;base64,PHNjcmlwdD4=)", f"链接地址以 data: 开头，不允许 — {LINK_HINT}"),
    ("[点我](vbscript:msgbox)", f"链接地址以 vbscript: 开头，不允许 — {LINK_HINT}"),
    (f"<javascript:{MARK}>", f"链接地址以 javascript: 开头，不允许 — {LINK_HINT}"),
]
HARMLESS = [
    "代码里的 `<script>` 只是文字。",
    "<!-- 编者注释：<script>不会执行</script> -->",
    '<span class="kb-note" title="说明">允许的 span</span><br>',
]


def _write_cases(project: Project) -> list[str]:
    """Append every hostile line; returns the `path:line: message` each must produce."""
    expected = []
    for text, message in TEMPLATE_CASES:
        line = project.append(MACRO_PAGE, f"\n{text}\n") + 1
        expected.append(f"{MACRO_PAGE}:{line}: {message}")
    for text, message in HTML_CASES:
        line = project.append(PLAIN_PAGE, f"\n{text}\n") + 1
        expected.append(f"{PLAIN_PAGE}:{line}: {message}")
    for text in HARMLESS:
        project.append(PLAIN_PAGE, f"\n{text}\n")
    return expected


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list[str]]:
    project = Project(tmp_path_factory.mktemp("hostile") / "project")
    return project, _write_cases(project)


def test_kb_check_refuses_each_input_at_its_line(hostile: tuple[Project, list[str]]) -> None:
    project, expected = hostile
    checked = project.check()
    assert checked.returncode == 1 and "Traceback" not in checked.output, checked.output
    missing = [message for message in expected if message not in checked.output]
    assert missing == [], checked.output
    assert checked.output.count(f"{PLAIN_PAGE}:") == len(HTML_CASES)  # nothing harmless flagged


def test_the_build_refuses_each_input_at_its_line(hostile: tuple[Project, list[str]]) -> None:
    project, expected = hostile
    build = project.build()
    assert build.returncode == 1 and "Traceback" not in build.output, build.output
    missing = [message for message in expected if message not in build.output]
    assert missing == [], build.output


@pytest.fixture(scope="module")
def preview(hostile: tuple[Project, list[str]], tmp_path_factory) -> Build:
    """The same pages built as a preview does (problems shown, the build goes on)."""
    project, _ = hostile
    build = run_build(project.path, tmp_path_factory.mktemp("preview") / "site", "--no-strict")
    assert build.returncode == 0, build.output
    return build


def test_a_preview_shows_the_inputs_as_text_and_publishes_nothing_of_the_machine(
    preview: Build,
) -> None:
    article = preview.html("about/").css_first("article")
    assert not article.css("script, iframe, style, img")  # Material's own icons are <svg>
    assert all(not key.startswith("on") for n in article.css("*") for key in n.attributes)
    hrefs = [a.attributes.get("href") or "" for a in article.css("a")]
    assert not [
        h
        for h in hrefs
        if h.lower().replace("&#115;", "s").startswith(("javascript", "data", "vbscript"))
    ]
    timeline = preview.html("timeline/").css_first("article").text()
    assert "site-packages" not in timeline and "/etc/passwd" not in timeline.replace(
        "'../../etc/passwd'", ""
    )


@pytest.mark.browser
def test_no_script_runs_in_a_browser(preview: Build) -> None:
    dialogs: list[str] = []
    with browser.serve(preview.site) as base, browser.browser() as chromium:
        page = chromium.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("about/", "timeline/", ""):
            page.goto(base + path)
            page.wait_for_load_state("load")
            page.mouse.move(200, 300)
            for link in page.locator("article a").all()[:40]:
                link.hover()
            assert page.evaluate("window.__kbPwned") is None, path
    assert dialogs == []
