"""HTML in a page, from a pull request: only what pages really use, never script.

Pages are written in Markdown; the only raw HTML in them is `<span>` (redaction marks and
paragraph aliases of the generated source pages) and `<br>`. `check_raw_html` reads a page as
written, for `kb check` and the build alike: any other tag, an attribute that could run script,
and a link to `javascript:`, `data:` or `vbscript:` is a problem at its line. `unsafe_html`
re-reads the rendered page for what a trick could slip past that reading (an entity-encoded
scheme, markup spread over lines), and `sanitize` removes it with nh3, so that not even a
preview (`mkdocs serve`) runs a pull request's script.
"""

from __future__ import annotations

import re
from html import unescape

import nh3
from selectolax.lexbor import LexborHTMLParser

from ..problems import Problem

ALLOWED_TAGS: dict[str, set[str]] = {"span": {"class", "title", "id"}, "br": set()}
_ALLOWED = "页面用 Markdown 写格式；HTML 只允许 <span>（属性 class、title、id）和 <br>"
BAD_SCHEMES = ("javascript", "data", "vbscript")
_LINK_HINT = "链接只能指向本站页面（如 ../methods/hong-hei-bang.md）或 http/https 网址"

_CODE = re.compile(r"^(```|~~~).*?^\1[ \t]*$|`[^`\n]*`", re.DOTALL | re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)([^<>]*)>")
_ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
# Markdown link and image targets, reference definitions, and <scheme:…> autolinks.
_TARGET = re.compile(
    r"\]\(\s*<?([^)\s>]+)"  # [text](target) and ![alt](target)
    r"|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$"  # [ref]: target
    r"|<([a-zA-Z][\w+.-]*:[^<>\s]*)>",  # <scheme:…>
    re.MULTILINE,
)
_SCHEME = re.compile(r"^\s*([a-zA-Z][\w+.-]*)\s*:")


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, control characters and white space
    (which browsers drop inside a scheme) removed, lower case."""
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", unescape(url))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def check_raw_html(path: str, text: str) -> list[Problem]:
    """Raw HTML tags and link targets of a page as written (code is skipped)."""
    visible = _blank(_COMMENT, _blank(_CODE, text))
    problems = []
    for match in _TAG.finditer(visible):
        line = visible.count("\n", 0, match.start()) + 1
        name = match.group(2).lower()
        if ":" in name:  # an autolink such as <https://…>, checked below as a link
            continue
        if name not in ALLOWED_TAGS:
            problems.append(Problem(path, line, f"不允许的 HTML 标签 <{name}> — {_ALLOWED}"))
            continue
        for attribute in _ATTRIBUTE.finditer(match.group(3)):
            key = attribute.group(1).lower()
            if key not in ALLOWED_TAGS[name]:
                problems.append(Problem(path, line, f"<{name}> 不能带属性 {key} — {_ALLOWED}"))
    for match in _TARGET.finditer(visible):
        target = next(group for group in match.groups() if group)
        scheme = scheme_of(target)
        if scheme in BAD_SCHEMES:
            line = visible.count("\n", 0, match.start()) + 1
            problems.append(
                Problem(path, line, f"链接地址以 {scheme}: 开头，不允许 — {_LINK_HINT}")
            )
    return problems


# A cheap first look (on the lower-cased content): only content that matches is parsed to be
# sure. Three plain patterns, not one alternation: Python's re tries every branch at every
# position, which made this look cost as much as parsing.
_SUSPECT = (
    re.compile(r"<(?:script|style|iframe|frame|object|embed|svg|math|form|base|link|meta)\b"),
    re.compile(r"\son[a-z]+\s*="),
    re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*(?:[jdv]|&)"),  # javascript:, data:, &#…
)
_SCRIPT_LIKE = "script, style, iframe, frame, object, embed, svg, math, form, base, link, meta"
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


def unsafe_html(html: str) -> list[str]:
    """What in rendered content could run script: script-like elements, event-handler
    attributes, links to a script scheme. Empty for every page the build itself makes."""
    lowered = html.lower()
    if not any(pattern.search(lowered) for pattern in _SUSPECT):
        return []
    tree = LexborHTMLParser(f"<div>{html}</div>")
    found = [f"<{node.tag}>" for node in tree.css(_SCRIPT_LIKE)]
    for node in tree.css("*"):
        for key, value in node.attributes.items():
            name = key.lower()
            if name.startswith("on"):
                found.append(f"{name}=")
            elif name in _URL_ATTRIBUTES and scheme_of(value or "") in BAD_SCHEMES:
                found.append(f"{name}={scheme_of(value or '')}:")
    return sorted(set(found))


def sanitize(html: str) -> str:
    """The content with whatever `unsafe_html` finds removed (nh3, a maintained sanitizer)."""
    return nh3.clean(
        html,
        tags=nh3.ALLOWED_TAGS | {"span", "div", "details", "summary", "table", "thead", "tbody"},
        attributes={"*": {"class", "id", "title"}, "a": {"href"}, "img": {"src", "alt"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """`text` with each match replaced by spaces, its line breaks kept (lines stay true)."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
