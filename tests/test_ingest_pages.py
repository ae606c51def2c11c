"""Source pages: generated from raw + data, idempotent, faithful, and up to date in git."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from campaign_kb.catalog import load_catalog
from campaign_kb.cli import main
from campaign_kb.ingest.normalize import traditional_only_chars
from campaign_kb.sources import ingest_all

NINGBO = "ningbo-2019-zhu-ti-jiao-yu-zong-jie"


def test_committed_source_pages_are_what_ingest_produces(root: Path) -> None:
    for sid, document in ingest_all(load_catalog(root)).items():
        committed = (root / document.page_path).read_text(encoding="utf-8")
        assert committed == document.page, (
            f"{document.page_path} is stale: run `make ingest` ({sid})"
        )


def test_ingest_is_idempotent_byte_for_byte(root: Path, tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(root / "data", project / "data")
    assert main(["--root", str(project), "ingest"]) == 0
    first = {p.name: p.read_bytes() for p in (project / "docs/sources").glob("*.md")}
    assert main(["--root", str(project), "ingest"]) == 0
    second = {p.name: p.read_bytes() for p in (project / "docs/sources").glob("*.md")}
    assert first == second and len(first) == 5


def test_ningbo_page_has_no_traditional_characters_or_pinyin(root: Path) -> None:
    page = (root / f"docs/sources/{NINGBO}.md").read_text(encoding="utf-8")
    body = page.split("## 处理记录")[0]
    assert traditional_only_chars(body) == set()
    assert "(lǐng)" not in body and "(xué)" not in body


def test_paragraph_anchors_survive_reingest_after_an_edit_elsewhere(
    root: Path, tmp_path: Path
) -> None:
    project = tmp_path / "p"
    shutil.copytree(root / "data", project / "data")
    before = ingest_all(load_catalog(project))[NINGBO].result.paragraphs()
    raw = project / "data/raw/003_63d2ed913681413c.txt"
    lines = raw.read_text(encoding="utf-8").split("\n")
    lines.insert(3, "新增加的一段說明。")  # a paragraph inserted near the top
    raw.write_text("\n".join(lines), encoding="utf-8")
    after = ingest_all(load_catalog(project))[NINGBO].result.paragraphs()
    assert set(before) <= set(after)
    assert len(after) == len(before) + 1


@pytest.mark.parametrize(
    ("sid", "removed"),
    [
        ("chengdu-2023-you-li-you-xu", ["人民网", "小字号", "分享让更多人看到", "返回顶部"]),
        (
            "chongqing-2024-ji-guan-xue-xi",
            ["【查看完整讨论话题】 | 【用户登录】 | 【用户注册】"],
        ),
    ],
)
def test_boilerplate_is_removed_and_listed(root: Path, sid: str, removed: list[str]) -> None:
    document = ingest_all(load_catalog(root))[sid]
    listed = [r.text for r in document.result.removed]
    for line in removed:
        assert line in listed
        assert all(line != b.text for b in document.result.blocks)


@pytest.mark.parametrize(
    ("sid", "meta"),
    [
        (
            "chengdu-2023-you-li-you-xu",
            [
                (8, (("日期", "2023年05月23日"), ("来源", "四川日报"))),
                (11, (("原标题", "从党的创新理论中获取奋进力量"),)),
                (43, (("作者", "四川日报全媒体记者 吴亚飞"),)),
            ],
        ),
        (
            "chongqing-2024-ji-guan-xue-xi",
            [(11, (("编辑", "同心"),)), (12, (("来源", "《机关党建研究》2024年第2期"),))],
        ),
        (
            "ningbo-2019-zhu-ti-jiao-yu-zong-jie",
            [(1, (("署名单位", "宁波市委主题教育领导小组办公室"),))],
        ),
    ],
)
def test_datelines_bylines_and_reprint_headers_are_metadata(root: Path, sid: str, meta) -> None:
    """Not body paragraphs (they carry no claim to cite), but listed on the page."""
    document = ingest_all(load_catalog(root))[sid]
    assert [(m.line, m.fields) for m in document.result.meta] == meta
    record = document.page.split("## 处理记录")[1]
    for line, _ in meta:
        text = next(m.text for m in document.result.meta if m.line == line)
        assert all(text != b.text for b in document.result.blocks)
        assert f"| {line} | " in record
