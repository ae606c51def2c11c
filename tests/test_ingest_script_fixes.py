"""OpenCC exceptions (带著 → 带着) and anchors that survive the correction they cause."""

from __future__ import annotations

import subprocess
import sys

import yaml
from conftest import Project

from campaign_kb.ingest import ingest_text
from campaign_kb.ingest.script_fixes import ScriptFix
from campaign_kb.ingest.structure import paragraph_anchor

NINGBO = "ningbo-2019-zhu-ti-jiao-yu-zong-jie"
PAGE = f"docs/sources/{NINGBO}.md"
OLD = "p-2ef236"  # the paragraph's anchor with 带著, before the fix


def kb(project: Project, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "campaign_kb.cli", "--root", str(project.path), *args],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def test_a_fix_is_applied_after_t2s_and_recorded() -> None:
    fix = ScriptFix(find="带著", replace="带着", reason="助词")
    result = ingest_text("第一段。\n一級帶著一級改。\n", [], None, [fix])
    [_, block] = result.blocks
    assert block.text == "一级带着一级改。"
    [done] = result.fixed
    assert (done.line, done.find, done.replace, done.count) == (2, "带著", "带着", 1)
    assert ingest_text("一級帶著一級改。\n", [], None).blocks[0].text == "一级带著一级改。"


def test_a_fix_needs_context() -> None:
    try:
        ScriptFix(find="著", replace="着", reason="x")
    except ValueError as err:
        assert "at least two characters" in str(err)
    else:
        raise AssertionError("a one-character fix would also change 著作")


def test_the_real_page_is_fixed_and_says_so(root) -> None:
    page = (root / PAGE).read_text(encoding="utf-8")
    assert "一级带着一级改" in page and "带著" not in page.split("## 处理记录")[0]
    assert "- 繁简转换的例外：原文第 8 行“带著”改为“带着”" in page
    assert f'<span id="{OLD}" class="kb-anchor-alias"></span>' in page
    aliases = yaml.safe_load((root / "data/ingest/anchor_aliases.yml").read_text(encoding="utf-8"))
    new = aliases[NINGBO][OLD]
    assert f"{{: #{new} }}" in page
    assert f"段落锚点由 `{OLD}` 改为 `{new}`" in page


def test_line_counts_are_the_file_s_lines(root) -> None:
    page = (root / "docs/sources/chongqing-2019-li-lun-da-xue-xi.md").read_text(encoding="utf-8")
    raw = (root / "data/raw/000_0172a6a78381110f.txt").read_text(encoding="utf-8")
    assert f"原文共 {len(raw.splitlines())} 行" in page
    assert "原文共 22 行" in page


def test_re_ingest_carries_citations_to_the_new_anchor(project: Project) -> None:
    """Undo the fix (the page and data go back to 带著 and its anchor), then make it again:
    ingest keeps the old anchor as an alias, rewrites data/, and the build passes."""
    aliases_file = project.path / "data/ingest/anchor_aliases.yml"
    new = yaml.safe_load(aliases_file.read_text(encoding="utf-8"))[NINGBO][OLD]
    fixes_file = project.path / "data/ingest/script_fixes.yml"
    fixes = fixes_file.read_text(encoding="utf-8")
    fixes_file.write_text("", encoding="utf-8")
    kb(project, "ingest")
    facts = (project.path / "data/facts.yml").read_text(encoding="utf-8")
    assert f"paragraph: {OLD}" in facts and f"paragraph: {new}" not in facts
    assert "一级带著一级改" in (project.path / PAGE).read_text(encoding="utf-8")

    fixes_file.write_text(fixes, encoding="utf-8")
    output = kb(project, "ingest")
    assert f"锚点 {OLD} → {new}（旧锚点保留为别名）" in output
    assert "data/practices.yml: " in output and "处引用改为新锚点" in output
    for name in ("facts", "practices", "glossary"):
        text = (project.path / f"data/{name}.yml").read_text(encoding="utf-8")
        assert f"paragraph: {OLD}" not in text
    assert yaml.safe_load(aliases_file.read_text(encoding="utf-8")) == {NINGBO: {OLD: new}}
    assert kb(project, "ingest").count("未变") == 5, "re-ingest is stable"
    # A link to the old anchor, e.g. from an older page or bookmark, still resolves.
    project.append("docs/about/index.md", f"\n[旧链接](../sources/{NINGBO}.md#{OLD})\n")
    build = project.build()
    assert build.returncode == 0, build.output
    html = build.html(f"sources/{NINGBO}/")
    assert html.css_first(f"#{OLD}") is not None and html.css_first(f"#{new}") is not None
    assert new == paragraph_anchor(
        html.css_first(f"#{new}").text().rstrip("¶").split("本段被引用于")[0]
    )
