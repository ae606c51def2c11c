"""Raw reports: read only from data/raw/ itself, and unchanged since their import."""

from __future__ import annotations

import os

import pytest
from conftest import Project

from campaign_kb.catalog import load_catalog
from campaign_kb.problems import DataError
from campaign_kb.rawfiles import check_raw_files

FIRST_RAW = "000_0172a6a78381110f.txt"


def catalog_problems(project: Project) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_catalog(project.path)
    return [str(p) for p in caught.value.problems]


def test_real_raw_files_match_their_checksums(root) -> None:
    assert check_raw_files(load_catalog(root)) == []


def test_a_symlink_out_of_the_project_is_refused(project: Project, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密\n", encoding="utf-8")
    os.symlink(secret, project.path / "data/raw/005_link.txt")
    line = project.edit("data/sources.yml", f"raw: {FIRST_RAW}", "raw: 005_link.txt")
    assert catalog_problems(project) == [
        f"data/sources.yml:{line}: 原文文件 data/raw/005_link.txt 是符号链接（或经过符号链接），"
        "不是 data/raw/ 里的普通文件 — 删去这个链接，把材料本身用 kb add-report 导入"
    ]


def test_data_raw_itself_may_not_be_a_link(project: Project, tmp_path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (project.path / "data/raw").rename(elsewhere)
    os.symlink(elsewhere, project.path / "data/raw")
    problems = catalog_problems(project)
    assert len(problems) == 5 and all("是符号链接" in p for p in problems)


def test_a_folder_is_not_a_raw_file(project: Project) -> None:
    (project.path / "data/raw/sub").mkdir()
    line = project.edit("data/sources.yml", f"raw: {FIRST_RAW}", "raw: sub")
    assert catalog_problems(project) == [
        f"data/sources.yml:{line}: 原文文件 data/raw/sub 不是普通文件（是文件夹或特殊文件）"
        "— raw 要写 data/raw/ 里一个文本文件的名字"
    ]


def test_an_edited_raw_report_is_named_with_what_to_do(project: Project) -> None:
    raw = project.path / "data/raw" / FIRST_RAW
    raw.write_bytes(raw.read_bytes() + "补充一句。\n".encode())
    assert [str(p) for p in check_raw_files(load_catalog(project.path))] == [
        f"data/raw/{FIRST_RAW}: 原文文件与登记的校验值不符（data/raw/SHA256SUMS 第 1 行）— "
        "原始材料一经导入就不能修改：用 git 恢复原文件（git checkout -- "
        f"data/raw/{FIRST_RAW}）；原文确有错误时，把更正后的材料作为新来源导入"
        "（kb add-report 文件 --city 城市）"
    ]


def test_an_unlisted_and_unused_raw_file(project: Project) -> None:
    (project.path / "data/raw/005_extra.txt").write_text("多出来的文件\n", encoding="utf-8")
    assert [str(p) for p in check_raw_files(load_catalog(project.path))] == [
        "data/raw/005_extra.txt: 这个原文文件没有登记校验值（data/raw/SHA256SUMS）— "
        "原始材料要用 kb add-report 导入，它会复制文件并登记校验值",
        "data/raw/005_extra.txt: 没有来源使用这个原文文件 — 在 data/sources.yml 里为它加一条，"
        "或删去它和它在 data/raw/SHA256SUMS 里的校验值",
    ]


def test_checksum_list_problems(project: Project) -> None:
    sums = project.path / "data/raw/SHA256SUMS"
    lines = sums.read_text(encoding="utf-8").splitlines()
    lines[1] = "not a checksum"
    lines.append(lines[0])
    lines.append("0" * 64 + "  009_gone.txt")
    sums.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [str(p) for p in check_raw_files(load_catalog(project.path))] == [
        "data/raw/SHA256SUMS:2: 这一行不是“校验值  文件名”的格式 — 从 git 恢复这个文件；"
        "校验值只由 kb add-report 写入",
        f"data/raw/SHA256SUMS:6: {FIRST_RAW} 登记了两次（第 1 行已有）— 删去这一行",
        "data/raw/001_638c0021b8cbd921.txt: 这个原文文件没有登记校验值（data/raw/SHA256SUMS）— "
        "原始材料要用 kb add-report 导入，它会复制文件并登记校验值",
        "data/raw/SHA256SUMS:7: 登记的原文文件 data/raw/009_gone.txt 不存在 — 从 git 恢复这个"
        "文件；原始材料一经导入就不能删改",
    ]


def test_missing_checksum_list(project: Project) -> None:
    (project.path / "data/raw/SHA256SUMS").unlink()
    problems = [str(p) for p in check_raw_files(load_catalog(project.path))]
    assert problems[0] == (
        "data/raw/SHA256SUMS: 原文校验值清单不见了 — 从 git 恢复它：git checkout -- "
        "data/raw/SHA256SUMS"
    )
    assert len(problems) == 6  # and each raw file is unlisted
