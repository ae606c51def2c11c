"""Raw reports stay inside data/raw/ and byte-identical to what was imported (SHA256SUMS).

A pull request may change data/sources.yml: `raw:` must then still name a regular file directly
under data/raw/ (no link out of the project), and every file there must match its recorded
checksum, so a report is never edited after import and nothing else is read or published.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from .catalog import Catalog

RAW_DIR = "data/raw"
SUMS = f"{RAW_DIR}/SHA256SUMS"
_HEX = frozenset("0123456789abcdef")


def raw_path(root: Path, name: str) -> Path:
    return root / RAW_DIR / name


def stays_inside(root: Path, name: str) -> bool:
    """True when data/raw/<name> is that very file: no symbolic link anywhere on the way."""
    return raw_path(root, name).resolve() == root.resolve() / RAW_DIR / name


def check_raw_paths(catalog: Catalog) -> list[Problem]:
    """Every source's `raw:` is a regular file of data/raw/ itself, not a link out of it."""
    problems = []
    for source in catalog.sources.values():
        path = raw_path(catalog.root, source.raw)
        shown = f"{RAW_DIR}/{source.raw}"
        if not stays_inside(catalog.root, source.raw):
            message = (
                f"原文文件 {shown} 是符号链接（或经过符号链接），不是 data/raw/ 里的普通文件"
                " — 删去这个链接，把材料本身用 kb add-report 导入"
            )
        elif path.exists() and not path.is_file():
            message = (
                f"原文文件 {shown} 不是普通文件（是文件夹或特殊文件）"
                "— raw 要写 data/raw/ 里一个文本文件的名字"
            )
        else:
            continue
        problems.append(catalog.problem("sources", source.id, message, "raw"))
    return problems


@dataclass(frozen=True)
class _Listed:
    digest: str
    line: int


def _read_sums(root: Path) -> tuple[dict[str, _Listed], list[Problem]]:
    path = root / SUMS
    if not stays_inside(root, "SHA256SUMS") or not path.is_file():
        return {}, [
            Problem(SUMS, None, "原文校验值清单不见了 — 从 git 恢复它：git checkout -- " + SUMS)
        ]
    listed: dict[str, _Listed] = {}
    problems = []
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not set(digest) <= _HEX or not name or "/" in name:
            problems.append(
                Problem(
                    SUMS,
                    number,
                    "这一行不是“校验值  文件名”的格式 — 从 git 恢复这个文件；"
                    "校验值只由 kb add-report 写入",
                )
            )
        elif name in listed:
            problems.append(
                Problem(
                    SUMS,
                    number,
                    f"{name} 登记了两次（第 {listed[name].line} 行已有）— 删去这一行",
                )
            )
        else:
            listed[name] = _Listed(digest, number)
    return listed, problems


def check_raw_files(catalog: Catalog) -> list[Problem]:
    """Each file of data/raw/ is listed in SHA256SUMS with its checksum and used by a source."""
    root = catalog.root
    listed, problems = _read_sums(root)
    used = {s.raw for s in catalog.sources.values()}
    present = {}
    raw_dir = root / RAW_DIR
    for path in sorted(raw_dir.iterdir()) if raw_dir.is_dir() else []:
        if path.name.startswith(".") or path.name == "SHA256SUMS":
            continue
        shown = f"{RAW_DIR}/{path.name}"
        if path.is_symlink() or not path.is_file():
            problems.append(
                Problem(
                    shown,
                    None,
                    "不是普通文件（是符号链接或文件夹）— data/raw/ 里只能放用 kb add-report "
                    "导入的原文文件，删去它",
                )
            )
            continue
        present[path.name] = path
    for name, path in present.items():
        shown = f"{RAW_DIR}/{name}"
        entry = listed.get(name)
        if entry is None:
            problems.append(
                Problem(
                    shown,
                    None,
                    f"这个原文文件没有登记校验值（{SUMS}）— 原始材料要用 kb add-report 导入，"
                    "它会复制文件并登记校验值",
                )
            )
        elif hashlib.sha256(path.read_bytes()).hexdigest() != entry.digest:
            problems.append(
                Problem(
                    shown,
                    None,
                    f"原文文件与登记的校验值不符（{SUMS} 第 {entry.line} 行）— 原始材料一经导入"
                    f"就不能修改：用 git 恢复原文件（git checkout -- {shown}）；原文确有错误时，"
                    "把更正后的材料作为新来源导入（kb add-report 文件 --city 城市）",
                )
            )
        if name not in used:
            problems.append(
                Problem(
                    shown,
                    None,
                    "没有来源使用这个原文文件 — 在 data/sources.yml 里为它加一条，"
                    f"或删去它和它在 {SUMS} 里的校验值",
                )
            )
    for name, entry in listed.items():
        if name not in present and not raw_path(root, name).is_symlink():
            problems.append(
                Problem(
                    SUMS,
                    entry.line,
                    f"登记的原文文件 {RAW_DIR}/{name} 不存在 — 从 git 恢复这个文件；"
                    "原始材料一经导入就不能删改",
                )
            )
    return problems
