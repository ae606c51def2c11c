"""`kb` command line: ingest reports and check the knowledge base without a full build."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from . import rename, scaffold
from .catalog import load_catalog
from .ingest.script_fixes import load_aliases, write_aliases
from .problems import DataError
from .scaffold import Scaffolded
from .sources import ingest_all

_PAGE_ANCHOR = re.compile(r"^\{: #(p-[0-9a-f]{6}(?:-\d+)?) \}$", re.MULTILINE)


def _carry_anchors(root: Path, documents: dict, only: list[str]) -> list[str]:
    """When re-ingest changes paragraph anchors (a correction changed the text), keep each old
    anchor as an alias and rewrite the citations in data/ to the new one. Paragraphs are paired
    by position, so this only runs when the page keeps its number of paragraphs."""
    aliases = load_aliases(root)
    moved: dict[str, str] = {}
    notes = []
    for sid, document in documents.items():
        page = root / document.page_path
        if (only and sid not in only) or not page.exists():
            continue
        old = _PAGE_ANCHOR.findall(page.read_text(encoding="utf-8"))
        new = list(document.result.paragraphs())
        if len(old) != len(new):
            if _cited(root, set(old) - set(new)):
                notes.append(
                    f"{document.page_path}: 段落数变了（{len(old)} → {len(new)}），"
                    "无法配对新旧锚点 — 请按 `kb check` 的提示手工改正 data/ 中的引用"
                )
            continue
        mine = aliases.setdefault(sid, {})
        for before, after in zip(old, new, strict=True):
            if before == after:
                continue
            for key, target in list(mine.items()):
                if target == before:
                    mine[key] = after  # an older alias follows the paragraph
            mine.pop(after, None)  # the new anchor is current again, not an alias
            mine[before] = after
            moved[before] = after
    if not moved:
        return notes
    write_aliases(root, aliases)
    for path in sorted((root / "data").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        changed, count = text, 0
        for before, after in moved.items():
            changed, n = re.subn(rf"(paragraph: ){re.escape(before)}\b", rf"\g<1>{after}", changed)
            count += n
        if count:
            path.write_text(changed, encoding="utf-8")
            notes.append(f"data/{path.name}: {count} 处引用改为新锚点")
    notes += [f"锚点 {b} → {a}（旧锚点保留为别名）" for b, a in sorted(moved.items())]
    return notes


def _cited(root: Path, anchors: set[str]) -> bool:
    """Whether data/ cites any of these paragraph anchors (a vanished one that nobody cites,
    such as a dateline line that became metadata, needs no repair)."""
    if not anchors:
        return False
    text = "".join(p.read_text(encoding="utf-8") for p in (root / "data").glob("*.yml"))
    return any(re.search(rf"\b{re.escape(a)}\b", text) for a in anchors)


def _ingest(root: Path, only: list[str]) -> int:
    catalog = load_catalog(root)
    documents = ingest_all(catalog)
    unknown = [sid for sid in only if sid not in documents]
    if unknown:
        print(
            f"没有这些来源编号：{', '.join(unknown)} — 用 data/sources.yml 里的 id", file=sys.stderr
        )
        return 2
    notes = _carry_anchors(root, documents, only)
    if notes:
        documents = ingest_all(load_catalog(root))  # render the aliases on the pages
    for sid, document in documents.items():
        if only and sid not in only:
            continue
        path = root / document.page_path
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != document.page:
            path.write_text(document.page, encoding="utf-8")
        print(f"{'未变' if old == document.page else '写入'} {document.page_path}")
    for note in notes:
        print(note)
    return 0


def _check(root: Path) -> int:
    """Every check of the build that needs no rendered pages, through the same functions."""
    from .checks import project
    from .checks.city_lists import stale_city_lists
    from .checks.macro_calls import render_problems
    from .front_matter import parse_page, read_page
    from .knowledge_base import load_knowledge_base

    kb = load_knowledge_base(root)
    problems = project.check_data(kb)
    docs = root / "docs"
    pages = {}
    inside = root.resolve()
    for path in sorted(docs.rglob("*.md")):
        if not path.is_file() or not path.resolve().is_relative_to(inside):
            continue  # a folder, or a link out of the project (check_data names it)
        src = path.relative_to(docs).as_posix()
        try:
            pages[src] = parse_page(read_page(path, f"docs/{src}"))
        except DataError as err:
            problems += err.problems
    for src, page in pages.items():
        calls, found = project.check_page(src, page, kb)
        problems += found  # the allowed calls render even beside problems, as in the build
        problems += render_problems(f"docs/{src}", calls, project.macro_page(src, page, kb))
    problems += project.check_pages(pages, kb)
    if problems:
        raise DataError(problems)
    for advice in stale_city_lists(pages, kb.catalog):
        print(f"建议：{advice}")
    catalog = kb.catalog
    print(
        f"没有发现问题：{len(catalog.sources)} 篇来源、{len(catalog.facts)} 条数字、"
        f"{len(catalog.practices)} 条做法、{len(catalog.glossary)} 个术语。\n"
        f"只有构建才能检查（需要渲染后的页面）：{project.BUILD_ONLY} — 运行 make build。"
    )
    return 0


def _report(done: Scaffolded) -> int:
    for line in getattr(done, "summary", [])[:1]:
        print(line)
    for path in done.created:
        print(f"新建 {path}")
    for path in done.changed:
        print(f"修改 {path}")
    for line in getattr(done, "summary", [])[1:]:
        print(line)
    if done.todo:
        print("\n还需手工完成：")
        for item in done.todo:
            print(f"  - {item}")
    print("\n然后用 make serve 预览，或用 make check 快速检查。")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kb", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="regenerate docs/sources/*.md from data/raw")
    ingest.add_argument("ids", nargs="*", help="source ids (default: all)")
    commands.add_parser("check", help="fast check of data, quotes, glossary and links")
    report = commands.add_parser("add-report", help="add a raw report: copy, metadata stub, page")
    report.add_argument("file", type=Path, help="the report as a UTF-8 text file")
    report.add_argument("--city", required=True, help="city id from data/cities.yml")
    report.add_argument(
        "--id",
        dest="source_id",
        help="source id (default: <city>-<year>-<hash>, the year only when the report gives it)",
    )
    report.add_argument(
        "--genre", help="新闻报道, 署名文章, 工作总结, 会议主持词 or 讲话 (default: from its form)"
    )
    report.add_argument(
        "--campaign", help="campaign id or none (default: the campaign the text names)"
    )
    report.add_argument("--title", help="the title, when the report has no title line")
    report.add_argument("--date", help="2023-05-23, 2023-05 or 2023, when the text has none")
    for kind, example in (
        ("source", "chengdu-2023-you-li-you-xu"),
        ("city", "chengdu"),
        ("method", "dang-ke"),
    ):
        renaming = commands.add_parser(
            f"rename-{kind}",
            help=f"rename a {kind} id everywhere; the old page redirects to the new one",
        )
        renaming.add_argument("old", help=f"the current id, e.g. {example}")
        renaming.add_argument("new", help="the new id (lower-case pinyin joined by '-')")
    city = commands.add_parser("new-city", help="add a city: data entry and page")
    city.add_argument("id", help="lower-case pinyin, e.g. hangzhou")
    city.add_argument("name", help="short Chinese name, e.g. 杭州")
    city.add_argument("--full-name", help="e.g. 杭州市 (default: name + 市)")
    method = commands.add_parser("new-method", help="add a method: data entry and page")
    method.add_argument("id", help="lower-case pinyin joined by '-', e.g. dang-ke")
    method.add_argument("name", help="Chinese name, e.g. 专题党课")
    method.add_argument(
        "--aspect", required=True, help="学习, 调研, 解决问题与推动工作, 检视与整改 or 组织领导"
    )
    method.add_argument("--definition", required=True, help="one sentence, in Chinese")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.command == "add-report":
            return _report(
                scaffold.add_report(
                    root,
                    args.file,
                    args.city,
                    args.source_id,
                    args.genre,
                    args.campaign,
                    args.title,
                    args.date,
                )
            )
        if args.command == "new-city":
            return _report(scaffold.new_city(root, args.id, args.name, args.full_name))
        if args.command == "new-method":
            return _report(
                scaffold.new_method(root, args.id, args.name, args.aspect, args.definition)
            )
        if args.command.startswith("rename-"):
            kind = args.command.removeprefix("rename-")
            return _report(rename.rename(root, kind, args.old, args.new))
        if args.command == "ingest":
            return _ingest(args.root.resolve(), args.ids)
        if args.command == "check":
            return _check(args.root.resolve())
    except DataError as err:
        print(err, file=sys.stderr)
        print(f"\n共 {len(err.problems)} 个问题。", file=sys.stderr)
        return 1
    except OSError as err:  # e.g. a --root that is not a project folder, or unreadable files
        where = err.filename or args.root
        print(
            f"{where}: 无法读取或写入（{err.strerror}）— 检查路径和文件权限；"
            "--root 要指向项目文件夹",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
