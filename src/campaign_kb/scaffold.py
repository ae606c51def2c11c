"""Scaffolds for editors: add a raw report, a city or a method with files that build as they are.

Each scaffold appends one entry to the YAML file in data/ (comments and order are kept) and
writes the page; whatever it had to guess is marked as a guess on the page, for a human to check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from . import plaintext
from .catalog import Catalog, load_catalog
from .ingest.boilerplate import first_matching
from .ingest.normalize import control_character_problems, normalize_line_endings, normalize_text
from .messages import explain
from .models import CAMPAIGN_UNKNOWN, NO_CAMPAIGN, SLUG_PATTERN, Aspect, City, Genre, Method, Source
from .problems import DataError, Problem
from .rawfiles import stays_inside
from .sources import RAW_DIR, ingest_source, load_rules_for

SLUG = re.compile(SLUG_PATTERN)
_FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TO_CHECK = "待核实"


@dataclass
class Scaffolded:
    """What a scaffold wrote, for the command to report."""

    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)


def _fail(path: str, message: str) -> DataError:
    return DataError([Problem(path, None, message)])


def _check_new_id(kind: str, record_id: str, known: dict) -> None:
    where = f"data/{kind}.yml"
    if not SLUG.match(record_id):
        raise _fail(
            where,
            f"“{record_id}”不能用作编号 — 编号用小写拼音或英文单词，以“-”连接，"
            "例如 hangzhou 或 dang-ke",
        )
    if record_id in known:
        raise _fail(where, f"编号 {record_id} 已经存在 — 换一个编号")


def _check_given(kind: str, label: str, value: str, example: str) -> None:
    """A name or sentence given on the command line must not be empty."""
    if not value.strip():
        raise _fail(f"data/{kind}.yml", f"{label}是空的 — 请写出{label}，例如 {example}")


def _validated(model: type[BaseModel], entry: dict, kind: str) -> None:
    """The new entry must pass the very checks `kb check` will run on it (plain-text names …)."""
    try:
        model.model_validate(entry)
    except ValidationError as err:
        allowed = list(model.model_fields)
        problems = [Problem(f"data/{kind}.yml", None, explain(e, allowed)) for e in err.errors()]
        raise DataError(problems) from None


def append_entries(root: Path, kind: str, entries: list[dict]) -> str:
    """Append list items to data/<kind>.yml, keeping the file's comments and order."""
    relative = f"data/{kind}.yml"
    path = root / relative
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if old and not old.endswith("\n"):
        old += "\n"
    block = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(old + block, encoding="utf-8")
    return relative


def _write_new(root: Path, relative: str, text: str) -> str:
    path = root / relative
    if path.exists():
        raise _fail(relative, "这个文件已经存在 — 删去它，或换一个编号")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return relative


CITY_PAGE = """---
render_macros: true
city: {id}
---

## 概况

!!! note "待补充"
    用自己的话写两三段概况：收录了哪些材料、这个城市做法的特点。写完后删掉这个提示框。

## 活动与时间

{{{{ city_sources() }}}}

## 做法

{{{{ city_practices() }}}}

## 关键数字

{{{{ city_facts() }}}}
"""

METHOD_PAGE = """---
render_macros: true
method: {id}
---

{{{{ method_summary() }}}}

## 各城市做法

{{{{ method_practices() }}}}

## 差异

!!! note "待补充"
    在 data/practices.yml 里为各城市添加做法后，在这里比较各城市的异同。写完后删掉这个提示框。
"""


def new_city(root: Path, city_id: str, name: str, full_name: str | None = None) -> Scaffolded:
    catalog = load_catalog(root)
    _check_new_id("cities", city_id, catalog.cities)
    _check_given("cities", "城市的中文名", name, "kb new-city hangzhou 杭州")
    if any(c.name == name for c in catalog.cities.values()):
        raise _fail("data/cities.yml", f"已经有名为“{name}”的城市 — 不用再添加")
    entry = {"id": city_id, "name": name, "full_name": full_name or f"{name}市"}
    _validated(City, entry, "cities")
    done = Scaffolded()
    page = _write_new(root, f"docs/cities/{city_id}.md", CITY_PAGE.format(id=city_id))
    done.changed.append(append_entries(root, "cities", [entry]))
    done.created.append(page)
    done.todo.append(f"{page}：用自己的话写“概况”")
    return done


def new_method(root: Path, method_id: str, name: str, aspect: str, definition: str) -> Scaffolded:
    catalog = load_catalog(root)
    _check_new_id("methods", method_id, catalog.methods)
    _check_given("methods", "方法的中文名", name, "kb new-method dang-ke 专题党课 …")
    _check_given("methods", "定义", definition, '--definition "领导干部围绕主题讲授党课。"')
    aspects = [a.value for a in Aspect]
    if aspect not in aspects:
        raise _fail(
            "data/methods.yml",
            f"--aspect “{aspect}”不在可选之列 — 取 {'、'.join(aspects)} 之一",
        )
    entry = {"id": method_id, "name": name, "aspect": aspect, "definition": definition}
    _validated(Method, entry, "methods")
    done = Scaffolded()
    page = _write_new(root, f"docs/methods/{method_id}.md", METHOD_PAGE.format(id=method_id))
    done.changed.append(append_entries(root, "methods", [entry]))
    done.created.append(page)
    done.todo += [
        f"data/practices.yml：添加各城市怎样运用“{name}”，附原文引文",
        f"{page}：有了各城市的做法后，写“差异”一节",
    ]
    return done


@dataclass
class ReportGuess:
    """What can be read off a raw report: its first line as title, its date, its campaign."""

    title: str
    date: str
    date_note: str | None


def guess_metadata(raw: str, rules: list, display: str) -> ReportGuess:
    text, _ = normalize_text(raw)
    lines = [line.strip().replace("\u3000", "") for line in text.split("\n")]
    content = [line for line in lines if line and first_matching(rules, line) is None]
    if not content:
        raise _fail(
            display,
            "去掉网页杂项后，材料里没有正文 — 检查是不是选错了文件，文件是否存成了纯文本",
        )
    if match := _FULL_DATE.search(text):
        year, month, day = (int(g) for g in match.groups())
        try:
            date = dt.date(year, month, day).isoformat()
            return ReportGuess(
                content[0], date, f"kb add-report 取自正文中第一个日期“{match[0]}”，请核对。"
            )
        except ValueError:
            pass
    if match := _YEAR.search(text):
        return ReportGuess(
            content[0], match[1], f"kb add-report 取自正文中第一个年份“{match[0]}”，请核对。"
        )
    year = str(dt.date.today().year)
    return ReportGuess(content[0], year, "原文未载日期；kb add-report 暂填入库年份，请核对并改正。")


def add_report(
    root: Path,
    file: Path,
    city_id: str,
    source_id: str | None = None,
    genre: str = Genre.NEWS.value,
    campaign_id: str | None = None,
) -> Scaffolded:
    """Copy a raw report into data/raw/, add a metadata stub to data/sources.yml, ingest it."""
    catalog = load_catalog(root)
    if city_id not in catalog.cities:
        known = ", ".join(sorted(catalog.cities))
        raise _fail(
            "data/cities.yml",
            f"没有编号为 {city_id} 的城市（已有：{known}）— 先用 "
            f"kb new-city {city_id} 中文名 添加它",
        )
    if genre not in [g.value for g in Genre]:
        raise _fail(
            "data/sources.yml",
            f"--genre “{genre}”不在可选之列 — 取 {'、'.join(g.value for g in Genre)} 之一",
        )
    raw_bytes, raw = read_report(file)
    if same := _already_imported(root, catalog, raw):
        raise _fail(str(file), f"这份材料已经导入过：{same}— 不用再导入")
    digest = hashlib.sha256(raw_bytes).hexdigest()
    raw_dir = root / RAW_DIR
    sums = raw_dir / "SHA256SUMS"
    listed = sums.read_text(encoding="utf-8") if sums.exists() else ""
    guess = guess_metadata(raw, load_rules_for(root), str(file))
    if unsafe := plaintext.problem_text("标题", guess.title):
        lines = [line.strip() for line in normalize_line_endings(raw).split("\n")]
        at = next((n for n, line in enumerate(lines, start=1) if guess.title in line), None)
        raise DataError([Problem(str(file), at, f"{unsafe}（标题取自材料第一行，请在导入前改好）")])
    year = int(guess.date[:4])
    if campaign_id is None:
        campaign_id = CAMPAIGN_UNKNOWN  # never guessed from the year: an editor decides
    elif campaign_id not in (*catalog.campaigns, NO_CAMPAIGN, CAMPAIGN_UNKNOWN):
        raise _fail(
            "data/campaigns.yml",
            f"没有编号为 {campaign_id} 的活动（已有：{', '.join(catalog.campaigns)}）"
            "— --campaign 用 data/campaigns.yml 里的编号",
        )
    source_id = source_id or f"{city_id}-{year}-{digest[:6]}"
    _check_new_id("sources", source_id, catalog.sources)

    numbers = [int(p.name[:3]) for p in raw_dir.glob("[0-9][0-9][0-9]_*.txt")]
    raw_name = f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}.txt"
    entry = {
        "id": source_id,
        "raw": raw_name,
        "title": guess.title,
        "title_origin": "原题",
        "city": city_id,
        "issuer": {"name": _TO_CHECK, "level": _TO_CHECK},
        "campaign": campaign_id,
        "date": guess.date,
        **({"date_inferred": guess.date_note} if guess.date_note else {}),
        "genre": genre,
        "notes": [
            "元数据由 kb add-report 生成：标题取原文第一行，日期和所属活动为推断；"
            "发布单位和体裁待核实。"
        ],
    }
    _validated(Source, entry, "sources")
    (raw_dir / raw_name).write_bytes(raw_bytes)
    sums.write_text(listed + f"{digest}  {raw_name}\n", encoding="utf-8")
    done = Scaffolded(changed=[append_entries(root, "sources", [entry]), f"{RAW_DIR}/SHA256SUMS"])
    done.created.append(f"{RAW_DIR}/{raw_name}")
    catalog = load_catalog(root)
    document = ingest_source(root, catalog.sources[source_id], load_rules_for(root))
    (root / document.page_path).write_text(document.page, encoding="utf-8")
    done.created.append(document.page_path)
    done.todo += [
        f"data/sources.yml（{source_id}）：核对标题、日期、所属活动，补全发布单位，核对体裁",
        "data/practices.yml 和 data/facts.yml：记下材料里的做法和数字，引文一字不差",
    ]
    return done


_FIX_REPORT = (
    "材料只能是纯文本：在文本编辑器里删去这个字符（它通常看不见，可删去整行后重新输入），"
    "保存后再导入"
)


def read_report(file: Path) -> tuple[bytes, str]:
    """The report's bytes and text; every way a path can be wrong is an editor's message."""
    shown = str(file)
    try:
        raw_bytes = file.read_bytes()
    except FileNotFoundError:
        raise _fail(
            shown, "找不到这个文件 — 检查路径和文件名（把文件拖进终端窗口，可得到完整路径）"
        ) from None
    except IsADirectoryError:
        raise _fail(shown, "这是一个文件夹，不是文件 — 写出文件夹里那份材料的文件名") from None
    except PermissionError:
        raise _fail(
            shown, "没有权限读取这个文件 — 把它复制到自己的文件夹，或请管理员放开读取权限"
        ) from None
    except OSError as err:
        raise _fail(shown, f"无法读取这个文件（{err.strerror}）— 检查路径，或换一个文件") from None
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw_bytes[: err.start].count(b"\n") + 1
        raise DataError(
            [
                Problem(
                    shown,
                    line,
                    "文件不是 UTF-8 编码的文本 — 用编辑器“另存为”UTF-8 编码的纯文本"
                    "（Word 文档先“另存为”纯文本 .txt）",
                )
            ]
        ) from None
    if problems := control_character_problems(text, shown, _FIX_REPORT):
        raise DataError(problems)
    return raw_bytes, text


def _comparable(text: str) -> str:
    """The same report whatever its byte-order mark, line endings or final newlines."""
    return normalize_line_endings(text).rstrip("\n")


def _already_imported(root: Path, catalog: Catalog, text: str) -> str | None:
    """Which source (or raw file) already holds this report's text, said for the editor."""
    wanted = _comparable(text)
    by_raw = {s.raw: s.id for s in catalog.sources.values()}
    raw_dir = root / RAW_DIR
    for path in sorted(raw_dir.iterdir()) if raw_dir.is_dir() else []:
        if path.name == "SHA256SUMS" or not path.is_file() or not stays_inside(root, path.name):
            continue
        if _comparable(path.read_bytes().decode("utf-8-sig", errors="replace")) == wanted:
            shown = f"{RAW_DIR}/{path.name}"
            sid = by_raw.get(path.name)
            return f"来源 {sid}（{shown}）" if sid else f"{shown}（还没有来源使用它）"
    return None
