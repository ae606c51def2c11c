"""`kb` command line: ingest reports and check the knowledge base without a full build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalog import load_catalog
from .problems import DataError
from .sources import ingest_all


def _ingest(root: Path, only: list[str]) -> int:
    catalog = load_catalog(root)
    documents = ingest_all(catalog)
    unknown = [sid for sid in only if sid not in documents]
    if unknown:
        print(f"unknown source id(s): {', '.join(unknown)} (see data/sources.yml)", file=sys.stderr)
        return 2
    for sid, document in documents.items():
        if only and sid not in only:
            continue
        path = root / document.page_path
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != document.page:
            path.write_text(document.page, encoding="utf-8")
        print(f"{'unchanged' if old == document.page else 'wrote'} {document.page_path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kb", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="regenerate docs/sources/*.md from data/raw")
    ingest.add_argument("ids", nargs="*", help="source ids (default: all)")
    args = parser.parse_args(argv)
    try:
        if args.command == "ingest":
            return _ingest(args.root.resolve(), args.ids)
    except DataError as err:
        print(err, file=sys.stderr)
        print(f"\n{len(err.problems)} problem(s) found.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
