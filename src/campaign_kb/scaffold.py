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

from .catalog import load_catalog
from .ingest.boilerplate import first_matching
from .ingest.normalize import normalize_text
from .models import CAMPAIGN_UNKNOWN, NO_CAMPAIGN, SLUG_PATTERN, Aspect, Genre
from .problems import DataError, Problem
from .sources import RAW_DIR, ingest_source, load_rules_for
from .yamlio import read_text

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
            f"'{record_id}' cannot be an id — use lower-case pinyin or English words "
            "joined by '-', e.g. 'hangzhou' or 'dang-ke'",
        )
    if record_id in known:
        raise _fail(where, f"id '{record_id}' already exists — choose another id")


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
        raise _fail(relative, "this file already exists — remove it or choose another id")
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
    if any(c.name == name for c in catalog.cities.values()):
        raise _fail("data/cities.yml", f"a city named '{name}' already exists")
    done = Scaffolded()
    page = _write_new(root, f"docs/cities/{city_id}.md", CITY_PAGE.format(id=city_id))
    entry = {"id": city_id, "name": name, "full_name": full_name or f"{name}市"}
    done.changed.append(append_entries(root, "cities", [entry]))
    done.created.append(page)
    done.todo.append(f"{page}: write the 概况 (overview) in your own words")
    return done


def new_method(root: Path, method_id: str, name: str, aspect: str, definition: str) -> Scaffolded:
    catalog = load_catalog(root)
    _check_new_id("methods", method_id, catalog.methods)
    aspects = [a.value for a in Aspect]
    if aspect not in aspects:
        raise _fail(
            "data/methods.yml", f"unknown aspect '{aspect}' — use one of: {', '.join(aspects)}"
        )
    done = Scaffolded()
    page = _write_new(root, f"docs/methods/{method_id}.md", METHOD_PAGE.format(id=method_id))
    entry = {"id": method_id, "name": name, "aspect": aspect, "definition": definition}
    done.changed.append(append_entries(root, "methods", [entry]))
    done.created.append(page)
    done.todo += [
        f"data/practices.yml: add how each city applies '{name}', with quotes",
        f"{page}: write the 差异 (differences) once there are practices",
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
            "the report has no text once web-page boilerplate is removed — check that this is "
            "the right file and that it is saved as plain text",
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
            f"unknown city '{city_id}' (known: {known}) — add it first with "
            f"`kb new-city {city_id} <中文名>`",
        )
    if genre not in [g.value for g in Genre]:
        raise _fail(
            "data/sources.yml",
            f"unknown genre '{genre}' — use one of: {', '.join(g.value for g in Genre)}",
        )
    raw_bytes = file.read_bytes()
    raw = read_text(file, str(file))  # a clear error if it is not UTF-8
    digest = hashlib.sha256(raw_bytes).hexdigest()
    raw_dir = root / RAW_DIR
    sums = raw_dir / "SHA256SUMS"
    listed = sums.read_text(encoding="utf-8") if sums.exists() else ""
    for line in listed.splitlines():
        if line.startswith(digest):
            raise _fail(f"{RAW_DIR}/{line.split()[-1]}", "this report is already in the project")
    guess = guess_metadata(raw, load_rules_for(root), str(file))
    year = int(guess.date[:4])
    if campaign_id is None:
        campaign_id = CAMPAIGN_UNKNOWN  # never guessed from the year: an editor decides
    elif campaign_id not in (*catalog.campaigns, NO_CAMPAIGN, CAMPAIGN_UNKNOWN):
        raise _fail(
            "data/campaigns.yml",
            f"unknown campaign '{campaign_id}' (known: {', '.join(catalog.campaigns)})",
        )
    source_id = source_id or f"{city_id}-{year}-{digest[:6]}"
    _check_new_id("sources", source_id, catalog.sources)

    numbers = [int(p.name[:3]) for p in raw_dir.glob("[0-9][0-9][0-9]_*.txt")]
    raw_name = f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}.txt"
    (raw_dir / raw_name).write_bytes(raw_bytes)
    sums.write_text(listed + f"{digest}  {raw_name}\n", encoding="utf-8")
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
    done = Scaffolded(changed=[append_entries(root, "sources", [entry]), f"{RAW_DIR}/SHA256SUMS"])
    done.created.append(f"{RAW_DIR}/{raw_name}")
    catalog = load_catalog(root)
    document = ingest_source(root, catalog.sources[source_id], load_rules_for(root))
    (root / document.page_path).write_text(document.page, encoding="utf-8")
    done.created.append(document.page_path)
    done.todo += [
        f"data/sources.yml ({source_id}): check title, date, campaign; fill in issuer and genre",
        "data/practices.yml and data/facts.yml: add what the report says, with exact quotes",
    ]
    return done
