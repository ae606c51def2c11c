"""Every check that needs no rendered HTML, in one place: `kb check` and the build both call
these functions on the same inputs, so they cannot disagree. The checks that do need the
rendered pages (links and anchors, orphans, one-way links, unused terms) are `checks.links`
and `checks.glossary.unused_terms`, run by the build only; `kb check` says so."""

from __future__ import annotations

from ..front_matter import PageSource
from ..knowledge_base import KnowledgeBase
from ..macros import MacroPage
from ..problems import Problem
from ..redirects import check_redirects
from ..verify import verify
from . import glossary, page_source
from .macro_calls import MacroCall, check_macro_calls
from .page_html import check_raw_html
from .prose import check_prose
from .unverified import check_unverified

# What only a build can check, for `kb check` to say.
BUILD_ONLY = "链接与锚点、孤立页面、城市与方法页之间的双向链接、未使用的术语"


def check_data(kb: KnowledgeBase) -> list[Problem]:
    """data/ against the reports: quotes, figures, glossary definitions; metadata 待核实."""
    return (
        verify(kb.catalog, kb.documents)
        + glossary.check_definitions(kb.catalog)
        + check_unverified(kb.catalog)
    )


def check_page(
    src: str, page: PageSource, kb: KnowledgeBase
) -> tuple[list[MacroCall], list[Problem]]:
    """One docs/ page as written; returns its macro calls (valid ones) and its problems."""
    problems = page_source.check_front_matter(src, page, kb.catalog)
    problems += page_source.check_not_empty(src, page.body)
    if "source" not in page.meta:  # generated source pages keep the report's own wording
        problems += glossary.find_variants(page.body, page.text, src, kb.term_matcher)
    problems += check_prose(src, page.text, page.meta, kb.catalog, lambda: kb.documents)
    front_matter = page.text[: len(page.text) - len(page.body)]
    body_only = "\n" * front_matter.count("\n") + page.body  # lines stay the file's lines
    problems += check_raw_html(f"docs/{src}", body_only)
    calls, wrong = check_macro_calls(f"docs/{src}", page)
    return calls, problems + wrong


def check_pages(pages: dict[str, PageSource], kb: KnowledgeBase) -> list[Problem]:
    """What concerns the set of pages: a page per city and method, and every generated source
    page as `kb ingest` writes it."""
    problems = page_source.check_pages_exist(kb.catalog, set(pages))
    problems += check_redirects(kb.catalog.root, set(pages))
    for document in kb.documents.values():
        src = document.page_path.removeprefix("docs/")
        page = pages.get(src)
        if page is None or page.text != document.page:
            problems.append(
                Problem(
                    document.page_path,
                    None,
                    "来源页与原始报道不一致（缺失、过期或被手工改过）— "
                    "运行 `make ingest` 重新生成，不要手工修改 docs/sources/ 下的文件",
                )
            )
    return problems


def macro_page(src: str, page: PageSource, kb: KnowledgeBase) -> MacroPage:
    return MacroPage(kb.catalog, src, page.meta)
