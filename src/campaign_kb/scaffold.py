"""Scaffolds for editors: add a raw report, a city or a method with files that build as they are.

Each scaffold appends one entry to the YAML file in data/ (comments and order are kept) and
writes the page; whatever it had to guess is marked as a guess on the page, for a human to check.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from . import plaintext
from .catalog import Catalog, load_catalog
from .ingest import ingest_text
from .ingest.metadata import Reading, ReportMetadata, read_metadata, report_lines
from .ingest.normalize import control_character_problems, normalize_line_endings, normalize_text
from .ingest.script_fixes import load_fixes
from .ingest.summary import describe
from .messages import explain
from .models import NO_CAMPAIGN, SLUG_PATTERN, UNKNOWN, Aspect, City, Genre, Method, Source
from .problems import DataError, Problem
from .rawfiles import stays_inside
from .sources import RAW_DIR, ingest_source, load_rules_for

SLUG = re.compile(SLUG_PATTERN)


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


_DATE_GIVEN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class AddedReport(Scaffolded):
    """What `kb add-report` wrote, and what it read off the report, for the editor."""

    summary: list[str] = field(default_factory=list)


def _check_options(
    catalog: Catalog, city_id: str, genre: str | None, campaign_id: str | None, date: str | None
) -> None:
    if city_id not in catalog.cities:
        known = ", ".join(sorted(catalog.cities))
        raise _fail(
            "data/cities.yml",
            f"没有编号为 {city_id} 的城市（已有：{known}）— 先用 "
            f"kb new-city {city_id} 中文名 添加它",
        )
    genres = [g.value for g in Genre if g is not Genre.UNKNOWN]
    if genre is not None and genre not in genres:
        raise _fail(
            "data/sources.yml", f"--genre “{genre}”不在可选之列 — 取 {'、'.join(genres)} 之一"
        )
    if campaign_id is not None and campaign_id not in (*catalog.campaigns, NO_CAMPAIGN):
        raise _fail(
            "data/campaigns.yml",
            f"没有编号为 {campaign_id} 的活动（已有：{', '.join(catalog.campaigns)}）"
            "— --campaign 用 data/campaigns.yml 里的编号，不是主题教育材料写 none",
        )
    if date is not None and not _DATE_GIVEN.match(date):
        raise _fail(
            "data/sources.yml",
            f"--date “{date}”的写法不对 — 写成 2023-05-23、2023-05 或 2023（只写知道的部分）",
        )


def _given(value: str, option: str) -> Reading:
    return Reading(value, None, f"编者用 {option} 给出")


def add_report(
    root: Path,
    file: Path,
    city_id: str,
    source_id: str | None = None,
    genre: str | None = None,
    campaign_id: str | None = None,
    title: str | None = None,
    date: str | None = None,
) -> AddedReport:
    """Copy a raw report into data/raw/, add its metadata to data/sources.yml as read off its
    own words (待核实 where they do not give it), and write its page."""
    catalog = load_catalog(root)
    _check_options(catalog, city_id, genre, campaign_id, date)
    if title is not None:
        _check_given("sources", "--title 的标题", title, '--title "杭州市开展主题教育纪实"')
        title = title.strip()
    raw_bytes, raw = read_report(file)
    if same := _already_imported(root, catalog, raw):
        raise _fail(str(file), f"这份材料已经导入过：{same}— 不用再导入")
    digest = hashlib.sha256(raw_bytes).hexdigest()
    rules, fixes = load_rules_for(root), load_fixes(root)
    result = ingest_text(raw, rules, title, fixes, find_title=title is None)
    if not result.paragraphs():
        raise _fail(
            str(file),
            "去掉网页杂项和电头、署名等元数据行后，材料里没有正文 — "
            "检查是不是选错了文件，文件是否存成了纯文本",
        )
    text, _ = normalize_text(raw)
    meta = read_metadata(result, report_lines(text, result), catalog.campaigns, title)
    if genre:
        meta.genre = _given(genre, "--genre")
    if campaign_id:
        meta.campaign = _given(campaign_id, "--campaign")
    if date:
        meta.date, meta.year = _given(date, "--date"), int(date[:4])
    if meta.title.known and (unsafe := plaintext.problem_text("标题", meta.title.value)):
        line = meta.title.evidence.line if meta.title.evidence else None
        where = "标题取自材料的标题行，请在导入前改好" if line else "请改好 --title"
        raise DataError([Problem(str(file) if line else "--title", line, f"{unsafe}（{where}）")])
    year = f"{meta.year}-" if meta.year else ""  # only a year the report (or editor) gives
    source_id = source_id or f"{city_id}-{year}{digest[:6]}"
    _check_new_id("sources", source_id, catalog.sources)

    raw_dir = root / RAW_DIR
    numbers = [int(p.name[:3]) for p in raw_dir.glob("[0-9][0-9][0-9]_*.txt")]
    raw_name = f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}.txt"
    entry = _source_entry(source_id, raw_name, city_id, meta)
    _validated(Source, entry, "sources")
    sums = raw_dir / "SHA256SUMS"
    listed = sums.read_text(encoding="utf-8") if sums.exists() else ""
    sources_file = root / "data/sources.yml"
    entry_line = _next_line(sources_file)
    (raw_dir / raw_name).write_bytes(raw_bytes)
    sums.write_text(listed + f"{digest}  {raw_name}\n", encoding="utf-8")
    done = AddedReport(
        changed=[append_entries(root, "sources", [entry]), f"{RAW_DIR}/SHA256SUMS"],
        created=[f"{RAW_DIR}/{raw_name}"],
    )
    document = ingest_source(root, load_catalog(root).sources[source_id], rules, fixes)
    (root / document.page_path).write_text(document.page, encoding="utf-8")
    done.created.append(document.page_path)
    done.summary = [
        f"导入 {file.name} → 来源 {source_id}（原文 {result.line_count} 行）",
        *describe(meta, document.result, source_id, entry_line),
    ]
    done.todo += [
        f"data/sources.yml 第 {entry_line} 行起（{source_id}）：填写上面“待核实”的各项，"
        "核对读出的每一项",
        "data/practices.yml 和 data/facts.yml：记下材料里的做法和数字，引文一字不差；"
        "要进对比表的数字写 metric:（见 CONTRIBUTING.md 第 5 节）",
    ]
    return done


def _next_line(path: Path) -> int:
    """The line an entry appended to `path` starts on."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return text.count("\n") + (1 if text and not text.endswith("\n") else 0) + 1


def _source_entry(source_id: str, raw_name: str, city_id: str, meta: ReportMetadata) -> dict:
    """The data/sources.yml entry: what the words give, 待核实 for the rest."""
    entry: dict = {
        "id": source_id,
        "raw": raw_name,
        "title": meta.title.value,
        "title_origin": meta.title_origin,
    }
    if meta.original_title.value:
        entry["original_title"] = meta.original_title.value
    entry |= {
        "city": city_id,
        "issuer": {"name": UNKNOWN, "level": UNKNOWN},
        "campaign": meta.campaign.value,
    }
    if meta.batch.value:
        entry["batch"] = meta.batch.value
    entry["date"] = meta.date.value
    entry["genre"] = meta.genre.value
    if meta.outlet.value:
        entry["outlet"] = meta.outlet.value
    if meta.author.value:
        entry["author"] = meta.author.value
    if meta.anonymised.value:
        entry["anonymised"] = True
    entry["notes"] = [
        "元数据由 kb add-report 从原文读出（各项取自哪一行，见导入时的输出）；"
        "标为“待核实”的项由编者核实后填写。核对完后删去或改写这条说明。"
    ]
    return entry


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
