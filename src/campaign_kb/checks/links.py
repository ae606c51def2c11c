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

    @classmethod
    def from_tree(
        cls, src_uri: str, url: str, markdown: str, tree: LexborHTMLParser
    ) -> RenderedPage:
        article = tree.css_first("article")
        return cls(
            src_uri,
            url,
            markdown,
            ids={n.attributes.get("id") or "" for n in tree.css("[id]")},
            headings=[
                n.attributes.get("id") or ""
                for n in tree.css("article h1[id], article h2[id], article h3[id], article h4[id]")
            ],
            hrefs=[
                n.attributes.get("href") or n.attributes.get("src") or ""
                for n in (article.css("a[href], img[src]") if article is not None else [])
            ],
        )


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
        return _problem(page, href, f"link '{href}' uses an unsupported scheme '{parts.scheme}'")
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
        where = "this page" if target is page else "that page"
        label = f"{target.src_uri}#{fragment}" if target is not page else f"#{fragment}"
        return _problem(
            page,
            href,
            f"link to '{label}' — no heading or anchor '{fragment}' on {where}"
            + (f" (headings: {shown})" if shown else ""),
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
    hint = f" — did you mean '{guess[0]}'?" if guess else " — check the file name under docs/"
    return _problem(
        page,
        href,
        f"link to '{target}' — no such page{hint}",
        needles=(href, posixpath.basename(target)),
    )


def _problem(page: RenderedPage, href: str, message: str, needles: tuple[str, ...] = ()) -> Problem:
    line = line_of(page.markdown, href, *needles)
    if line is None:
        calls = macro_lines(page.markdown)
        if calls:
            line = calls[0]
            message += " (the link comes from a macro on this page: check the ids in data/)"
    return Problem(f"docs/{page.src_uri}", line, message)


def check_orphans(pages: list[RenderedPage], graph: LinkGraph, exempt: set[str]) -> list[Problem]:
    """Pages that only the navigation links to are hard to find from content."""
    return [
        Problem(
            f"docs/{p.src_uri}",
            None,
            "orphan page — no other page links to it (only the navigation does); "
            "add a link to it from a related page or an index page",
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
                    f"one-way link: docs/{src} links to this page but this page does not link "
                    f"back — add a practice for this city and method in data/practices.yml, "
                    f"or remove the link from docs/{src}",
                )
            )
    return problems
