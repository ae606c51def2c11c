"""`kb` command line: ingest reports and check the knowledge base without a full build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import scaffold
from .catalog import load_catalog
from .problems import DataError
from .scaffold import Scaffolded
from .sources import ingest_all


def _ingest(root: Path, only: list[str]) -> int:
    catalog = load_catalog(root)
    documents = ingest_all(catalog)
    unknown = [sid for sid in only if sid not in documents]
    if unknown:
        print(
            f"没有这些来源编号：{', '.join(unknown)} — 用 data/sources.yml 里的 id", file=sys.stderr
        )
        return 2
    for sid, document in documents.items():
        if only and sid not in only:
            continue
        path = root / document.page_path
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != document.page:
            path.write_text(document.page, encoding="utf-8")
        print(f"{'未变' if old == document.page else '写入'} {document.page_path}")
    return 0


def _check(root: Path) -> int:
    """Every check of the build that needs no rendered pages, through the same functions."""
    from .checks import project
    from .checks.macro_calls import render_problems
    from .front_matter import parse_page, read_page
    from .knowledge_base import load_knowledge_base

    kb = load_knowledge_base(root)
    problems = project.check_data(kb)
    docs = root / "docs"
    pages = {}
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        try:
            pages[src] = parse_page(read_page(path, f"docs/{src}"))
        except DataError as err:
            problems += err.problems
    for src, page in pages.items():
        calls, found = project.check_page(src, page, kb)
        problems += found
        if not found:
            problems += render_problems(f"docs/{src}", calls, project.macro_page(src, page, kb))
    problems += project.check_pages(pages, kb)
    if problems:
        raise DataError(problems)
    catalog = kb.catalog
    print(
        f"没有发现问题：{len(catalog.sources)} 篇来源、{len(catalog.facts)} 条数字、"
        f"{len(catalog.practices)} 条做法、{len(catalog.glossary)} 个术语。\n"
        f"只有构建才能检查（需要渲染后的页面）：{project.BUILD_ONLY} — 运行 make build。"
    )
    return 0


def _report(done: Scaffolded) -> int:
    for path in done.created:
        print(f"新建 {path}")
    for path in done.changed:
        print(f"修改 {path}")
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
    report.add_argument("--id", dest="source_id", help="source id (default: <city>-<year>-<hash>)")
    report.add_argument(
        "--genre", default="新闻报道", help="新闻报道, 署名文章, 工作总结 or 会议主持词"
    )
    report.add_argument("--campaign", help="campaign id (default: guessed from the year)")
    city = commands.add_parser("new-city", help="add a city: data entry and page")
    city.add_argument("id", help="lower-case pinyin, e.g. hangzhou")
    city.add_argument("name", help="short Chinese name, e.g. 杭州")
    city.add_argument("--full-name", help="e.g. 杭州市 (default: name + 市)")
    method = commands.add_parser("new-method", help="add a method: data entry and page")
    method.add_argument("id", help="lower-case pinyin joined by '-', e.g. dang-ke")
    method.add_argument("name", help="Chinese name, e.g. 专题党课")
    method.add_argument(
        "--pillar", required=True, help="理论学习, 调查研究, 推动发展, 检视整改 or 组织领导"
    )
    method.add_argument("--definition", required=True, help="one sentence, in Chinese")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.command == "add-report":
            return _report(
                scaffold.add_report(
                    root, args.file, args.city, args.source_id, args.genre, args.campaign
                )
            )
        if args.command == "new-city":
            return _report(scaffold.new_city(root, args.id, args.name, args.full_name))
        if args.command == "new-method":
            return _report(
                scaffold.new_method(root, args.id, args.name, args.pillar, args.definition)
            )
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
