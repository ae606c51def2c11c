"""Link check over the rendered HTML of every page: pages, anchors, orphans, one-way links."""

from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from .. import links as site_links
from ..catalog import Catalog
from ..problems import Problem
from .sourcemap import line_of, macro_lines

EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "ftp"}


@dataclass
class RenderedPage:
    """What the checks need from one built page, read from its HTML once and kept small:
    the ids it defines, its heading anchors and the links in its content."""

    src_uri: str
    url: str
    markdown: str
    ids: set[str] = field(default_factory=set)
    headings: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)


def page_links(tree: LexborHTMLParser) -> tuple[list[str], list[str], list[str]]:
    """A built page's ids, its heading anchors (h1–h4) and the links and images of its article,
    in order: what `RenderedPage` keeps."""
    article = tree.css_first("article")
    ids = [n.attributes.get("id") or "" for n in tree.css("[id]")]
    headings = [
        n.attributes.get("id") or ""
        for n in tree.css("article h1[id], article h2[id], article h3[id], article h4[id]")
    ]
    hrefs = [
        n.attributes.get("href") or n.attributes.get("src") or ""
        for n in (article.css("a[href], img[src]") if article is not None else [])
    ]
    return ids, headings, hrefs


@dataclass
class LinkGraph:
    """Everything the checks learn from the HTML: ids per page, links, external links."""

    ids: dict[str, set[str]] = field(default_factory=dict)
    headings: dict[str, list[str]] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)  # (from src, href)
    external: list[tuple[str, str]] = field(default_factory=list)
    inbound: dict[str, set[str]] = field(default_factory=dict)


def _normalise_url(url: str) -> str:
    url = url.lstrip("/")
    return url if not url or url.endswith("/") or url.endswith(".html") else url + "/"


def check_site(
    pages: list[RenderedPage], site_files: set[str], catalog: Catalog, not_orphans: set[str]
) -> tuple[list[Problem], list[tuple[str, str]]]:
    """Every check over the built pages: links and anchors, orphan pages, and city↔method links
    that go one way. Returns the problems and the external links (page src, url)."""
    problems, graph = check_links(pages, site_files)
    problems += check_orphans(pages, graph, not_orphans)
    pairs = [
        (site_links.city_page(c), site_links.method_page(m))
        for c in catalog.cities
        for m in catalog.methods
    ]
    problems += check_two_way(graph, pairs)
    return problems, graph.external


def check_links(pages: list[RenderedPage], site_files: set[str]) -> tuple[list[Problem], LinkGraph]:
    """Check every link in page content; `site_files` are output paths (e.g. 'assets/kb.css')."""
    graph = LinkGraph()
    by_url = {_normalise_url(p.url): p for p in pages}
    for page in pages:
        graph.ids[page.src_uri] = page.ids
        graph.headings[page.src_uri] = page.headings
    problems: list[Problem] = []
    for page in pages:
        for href in page.hrefs:
            problem = _check_one(page, href, by_url, site_files, graph)
            if problem:
                problems.append(problem)
    return problems, graph


def _resolve(page: RenderedPage, path: str) -> str:
    base = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url) + "/"
    joined = posixpath.normpath(posixpath.join(base, unquote(path)))
    return "" if joined == "." else joined


def _check_one(
    page: RenderedPage,
    href: str,
    by_url: dict[str, RenderedPage],
    site_files: set[str],
    graph: LinkGraph,
) -> Problem | None:
    parts = urlsplit(href)
    if parts.scheme in EXTERNAL_SCHEMES or parts.netloc:
        graph.external.append((page.src_uri, href))
        return None
    if parts.scheme:
        return _problem(
            page,
            href,
            f"链接 '{href}' 的协议 '{parts.scheme}:' 不支持 — "
            "链接只能指向本站页面或 http/https 网址",
        )
    fragment = unquote(parts.fragment)
    if not parts.path:
        target = page
    else:
        if parts.path.endswith(".md"):
            # MkDocs leaves a link to a missing page as written: relative to the Markdown file.
            resolved = posixpath.normpath(
                posixpath.join(posixpath.dirname(page.src_uri), unquote(parts.path))
            )
            return _missing_page(page, href, resolved, by_url)
        resolved = _resolve(page, parts.path)
        target = by_url.get(_normalise_url(resolved)) or by_url.get(resolved)
        if target is None:
            if resolved in site_files or (resolved + "/index.html") in site_files:
                return None
            return _missing_page(page, href, resolved, by_url)
    if target.src_uri != page.src_uri:
        graph.inbound.setdefault(target.src_uri, set()).add(page.src_uri)
        graph.links.append((page.src_uri, target.src_uri))
    if fragment and fragment not in graph.ids.get(target.src_uri, set()):
        headings = [h for h in graph.headings.get(target.src_uri, []) if h]
        shown = ", ".join(headings[:10]) + (" …" if len(headings) > 10 else "")
        where = "本页" if target is page else "那个页面"
        label = f"{target.src_uri}#{fragment}" if target is not page else f"#{fragment}"
        return _problem(
            page,
            href,
            f"链接指向 '{label}'，但{where}没有标题或锚点 '{fragment}' — 改成已有的锚点"
            + (f"（已有的标题：{shown}）" if shown else ""),
            needles=(f"#{fragment}", fragment),
        )
    return None


def _missing_page(
    page: RenderedPage, href: str, resolved: str, by_url: dict[str, RenderedPage]
) -> Problem:
    target = resolved.removesuffix("/")
    candidates = {p.src_uri for p in by_url.values()}
    guess = difflib.get_close_matches(
        target if target.endswith(".md") else target + ".md", sorted(candidates), n=1
    )
    hint = f" — 是不是要写 '{guess[0]}'？" if guess else " — 检查 docs/ 下的文件名"
    return _problem(
        page,
        href,
        f"链接指向 '{target}'，但没有这个页面{hint}",
        needles=(href, posixpath.basename(target)),
    )


def _problem(page: RenderedPage, href: str, message: str, needles: tuple[str, ...] = ()) -> Problem:
    line = line_of(page.markdown, href, *needles)
    if line is None:
        calls = macro_lines(page.markdown)
        if calls:
            line = calls[0]
            message += "（这个链接来自本页的宏：检查 data/ 里的 id）"
    return Problem(f"docs/{page.src_uri}", line, message)


def check_orphans(pages: list[RenderedPage], graph: LinkGraph, exempt: set[str]) -> list[Problem]:
    """Pages that only the navigation links to are hard to find from content."""
    return [
        Problem(
            f"docs/{p.src_uri}",
            None,
            "没有其他页面链接到这个页面（只有导航栏）— 从相关页面或索引页加一个指向它的链接",
        )
        for p in pages
        if p.src_uri not in exempt and not graph.inbound.get(p.src_uri)
    ]


def check_two_way(graph: LinkGraph, pairs: list[tuple[str, str]]) -> list[Problem]:
    """Between a city page and a method page, a link one way needs one back."""
    linked = set(graph.links)
    problems = []
    for city_src, method_src in pairs:
        there, back = (city_src, method_src) in linked, (method_src, city_src) in linked
        if there != back:
            src, dst = (city_src, method_src) if there else (method_src, city_src)
            problems.append(
                Problem(
                    f"docs/{dst}",
                    None,
                    f"单向链接：docs/{src} 链接到本页，本页却没有链接回去 — 在 "
                    f"data/practices.yml 补上这个城市和方法的做法，或删去 docs/{src} 里的链接",
                )
            )
    return problems
