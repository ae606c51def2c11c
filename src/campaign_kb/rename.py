"""`kb rename-source|rename-city|rename-method OLD NEW`: one id changed everywhere it is used.

The record's id, every reference to it in data/ (found through the parsed YAML, so only real
references change, on their own lines, comments kept), every link to its page and every macro
argument naming it in docs/, the page itself (moved; a source page is generated again), and a
redirect from the old page (data/redirects.yml) for readers with old links."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import load_catalog
from .ingest.script_fixes import ALIASES_FILE
from .problems import DataError, Problem
from .redirects import add_redirect
from .scaffold import SLUG, AddedReport
from .sources import ingest_source, load_rules_for
from .yamlio import load_yaml


@dataclass(frozen=True)
class Kind:
    """What an id of one kind is called, where its pages live, and which keys refer to it."""

    data: str  # data/<data>.yml holds the records
    label: str
    folder: str  # docs/<folder>/<id>.md
    keys: frozenset[str]  # keys in data/ whose value (or list items) is such an id
    front_matter: str | None  # the page's front-matter key naming its id (hand-written pages)


KINDS = {
    "source": Kind("sources", "来源", "sources", frozenset({"source"}), None),
    "city": Kind("cities", "城市", "cities", frozenset({"city"}), "city"),
    "method": Kind(
        "methods", "方法", "methods", frozenset({"method", "see_method", "related"}), "method"
    ),
}


def _values(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every scalar in parsed YAML with its location."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _values(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _values(value, (*path, index))
    else:
        yield path, data


def _refers(kind: Kind, data_file: str, path: tuple) -> bool:
    if data_file == kind.data and len(path) == 2 and path[1] == "id":
        return True
    named = [part for part in path if isinstance(part, str)]
    return (
        bool(named) and named[-1] in kind.keys and (path[-1] == named[-1] or named[-1] == "related")
    )


def _token(old: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])")


def _rewrite_data(root: Path, kind: Kind, old: str, new: str) -> dict[str, int]:
    """Change each reference on its own line; return file → number of changes."""
    changed = {}
    token = _token(old)
    for path in sorted((root / "data").glob("*.yml")):
        display = f"data/{path.name}"
        loaded = load_yaml(path, display)
        lines = path.read_text(encoding="utf-8").split("\n")
        count = 0
        for location, value in _values(loaded.data):
            if value == old and _refers(kind, path.stem, location):
                number = loaded.lines.get(location)
                if number is None or not token.search(lines[number - 1]):
                    raise DataError([Problem(display, number, f"无法自动改写 {old} — 请手工改")])
                lines[number - 1] = token.sub(new, lines[number - 1], count=1)
                count += 1
        if count:
            path.write_text("\n".join(lines), encoding="utf-8")
            changed[display] = count
    aliases = root / ALIASES_FILE
    if kind.data == "sources" and aliases.exists():
        text = aliases.read_text(encoding="utf-8")
        renamed = re.sub(rf"^{re.escape(old)}:", f"{new}:", text, flags=re.MULTILINE)
        if renamed != text:
            aliases.write_text(renamed, encoding="utf-8")
            changed[ALIASES_FILE] = 1
    return changed


_LINK = re.compile(r"(\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)([^)\s>]+)", re.MULTILINE)
_MACRO = re.compile(r"\{\{.*?\}\}", re.DOTALL)


def rewrite_page(text: str, src: str, old_page: str, new_page: str, old: str, new: str) -> str:
    """Links in one docs/ page (at `src`) to `old_page` now go to `new_page`; a macro argument
    naming the old id names the new one."""
    base = posixpath.dirname(src)
    old_dir = old_page.removesuffix(".md")

    def link(match: re.Match[str]) -> str:
        target = match.group(2)
        path, hash_, fragment = target.partition("#")
        if "://" in path or not path:
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(base, path))
        if resolved == old_page:
            path = posixpath.relpath(new_page, base or ".")
        elif resolved == old_dir:  # a directory-style link: ../sources/old-id/
            path = posixpath.relpath(new_page.removesuffix(".md"), base or ".") + "/"
        else:
            return match.group(0)
        return match.group(1) + path + hash_ + fragment

    text = _LINK.sub(link, text)
    quoted = re.compile(rf"(['\"]){re.escape(old)}\1")
    return _MACRO.sub(lambda m: quoted.sub(lambda q: f"{q[1]}{new}{q[1]}", m.group(0)), text)


def rename(root: Path, kind_name: str, old: str, new: str) -> AddedReport:
    kind = KINDS[kind_name]
    where = f"data/{kind.data}.yml"
    catalog = load_catalog(root)
    records = getattr(catalog, kind.data)
    if old not in records:
        known = ", ".join(sorted(records))
        raise DataError([Problem(where, None, f"没有编号为 {old} 的{kind.label}（已有：{known}）")])
    if not SLUG.match(new):
        raise DataError(
            [Problem(where, None, f"“{new}”不能用作编号 — 用小写拼音或英文单词，以“-”连接")]
        )
    old_page, new_page = f"{kind.folder}/{old}.md", f"{kind.folder}/{new}.md"
    if new in records or (root / "docs" / new_page).exists():
        raise DataError([Problem(where, None, f"编号 {new} 已经存在 — 换一个编号")])

    done = AddedReport(summary=[f"{kind.label} {old} 改名为 {new}"])
    done.changed += [f"{path}（{n} 处）" for path, n in _rewrite_data(root, kind, old, new).items()]
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        if src == old_page:
            continue
        text = path.read_text(encoding="utf-8")
        changed = rewrite_page(text, src, old_page, new_page, old, new)
        if changed != text:
            path.write_text(changed, encoding="utf-8")
            done.changed.append(f"docs/{src}")
    page = docs / old_page
    if kind.front_matter:  # a hand-written page moves, naming its new id
        text = page.read_text(encoding="utf-8")
        text = re.sub(
            rf"^{kind.front_matter}:\s*{re.escape(old)}\s*$",
            f"{kind.front_matter}: {new}",
            text,
            count=1,
            flags=re.MULTILINE,
        )
        moved = rewrite_page(text, new_page, old_page, new_page, old, new)
        (docs / new_page).write_text(moved, encoding="utf-8")
        page.unlink()
    else:  # a source page is generated from the report and its (renamed) metadata
        catalog = load_catalog(root)
        document = ingest_source(root, catalog.sources[new], load_rules_for(root))
        (root / document.page_path).write_text(document.page, encoding="utf-8")
        page.unlink(missing_ok=True)
    done.created.append(f"docs/{new_page}")
    done.changed.append(add_redirect(root, old_page, new_page))
    done.summary.append(
        f"删除 docs/{old_page}：读者的旧链接会转到新页面（data/redirects.yml 里的转址）"
    )
    load_catalog(root)  # the renamed data must load as before
    return done
