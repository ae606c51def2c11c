"""MkDocs hooks of the knowledge base: wiring only; the work is in the campaign_kb package."""

from __future__ import annotations

import os
from pathlib import Path

from material.plugins.tags.structure.tag import Tag
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from campaign_kb import links, timing
from campaign_kb.background import BackgroundBuild
from campaign_kb.cards import insert_after_title, render_source_card
from campaign_kb.checks import glossary, pages
from campaign_kb.checks.prose import check_prose
from campaign_kb.checks.report import current_report, new_report
from campaign_kb.decorations import GLOSSARY_PAGE, decorate_page
from campaign_kb.editing import edit_base, edit_url
from campaign_kb.markup import first_heading
from campaign_kb.problems import DataError
from campaign_kb.site import KnowledgeBase, load_knowledge_base
from campaign_kb.tables import USAGE_MARK, glossary_usage
from campaign_kb.tagging import allowed_tags, page_tags
from campaign_kb.yamlio import read_text

NOT_ORPHANS = {"index.md", "tags.md"}
TAG_LISTING = "<!-- material/tags"  # Material fills tag listings in after every page is rendered

_background: BackgroundBuild | None = None  # the current build's work in the second process
_deferred: list[Page] = []  # pages whose content is only final once every page is rendered
_sources: dict[str, str] = {}  # each page's Markdown as written, read once per build
_page_urls: dict[str, str] = {}  # each page's URL by its docs/ path


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _source(file: File) -> str:
    """The page's Markdown as written (MkDocs' `content_string` reads the disk on every use)."""
    text = _sources.get(file.src_uri)
    return text if text is not None else file.content_string


def _stopped(err: DataError) -> PluginError:
    """Problems that stop the build at once; each line names its file (data/…, mkdocs.yml)."""
    return PluginError(
        f"The build stopped on {len(err.problems)} problem(s); fix them and build again:\n{err}"
    )


def _kb(config: MkDocsConfig, *, refresh: bool = False) -> KnowledgeBase:
    try:
        return load_knowledge_base(_root(config), refresh=refresh)
    except DataError as err:
        raise _stopped(err) from None


@event_priority(100)  # before the tags plugin reads its allowed set
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    timing.reset()
    with timing.timed("load data"):
        kb = _kb(config, refresh=True)  # fail early, with every data problem listed
    base = edit_base(config.extra.get("repository"), config.extra.get("branch"))
    if base and not config.edit_uri:
        config.edit_uri = f"{base}docs/"
    tags = config.plugins.get("material/tags")
    if tags is not None:
        tags.config.tags_allowed = {Tag(name) for name in allowed_tags(kb.catalog)}
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    global _background
    report = new_report()
    _deferred.clear()
    with timing.timed("start background work"):
        # Quotes are checked against the ingested reports in the background, meanwhile.
        # KB_SKIP_SEARCH_INDEX: benchmark only, to measure the checks without the search index.
        index_into = None if os.environ.get("KB_SKIP_SEARCH_INDEX") else Path(config.site_dir)
        _background = BackgroundBuild(_root(config), index_into)
    report.add(glossary.check_definitions(_kb(config).catalog))


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """A Markdown file that is not UTF-8 is reported and left out, instead of a traceback."""
    report = current_report()
    _sources.clear()
    for file in list(files.documentation_pages()):
        if file.abs_src_path is None:  # made by a plugin, not read from docs/
            continue
        try:
            _sources[file.src_uri] = read_text(Path(file.abs_src_path), f"docs/{file.src_uri}")
        except DataError as err:
            report.add(err.problems)
            files.remove(file)
    page_files = {f.src_uri for f in files.documentation_pages()}
    report.add(pages.check_pages_exist(_kb(config).catalog, page_files))
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Name each folder's section after its index.md title; order tabs by `extra.nav_order`."""
    order = config.extra.get("nav_order", [])

    def rank(item: object) -> int:
        key = item.file.src_uri if getattr(item, "file", None) else ""  # type: ignore[attr-defined]
        if isinstance(item, Section) and item.children and item.children[0].is_page:
            key = item.children[0].file.src_uri.rsplit("/", 1)[0] + "/"  # type: ignore[attr-defined]
        return order.index(key) if key in order else len(order)

    nav.items.sort(key=rank)
    _page_urls.clear()
    _page_urls.update({f.src_uri: f.url for f in files.documentation_pages()})
    assert _background is not None
    _background.set_page_urls(_page_urls)
    for item in nav.items:
        if isinstance(item, Section) and item.children and item.children[0].is_page:
            index = item.children[0].file  # type: ignore[attr-defined]
            if index.src_uri.endswith("index.md"):
                item.title = first_heading(_source(index)) or item.title
    return nav


def _macro_problems(markdown: str, page: Page, config: MkDocsConfig) -> tuple[str, list]:
    """Unknown macro names would stop the build with a traceback: report them instead."""
    macros = config.plugins.get("macros")
    if macros is None or not page.meta.get("render_macros"):
        return markdown, []
    known = set(macros.variables) | set(macros.macros) | set(macros.filters)
    problems = pages.check_macro_names(page.file.src_uri, _source(page.file), markdown, known)
    unknown = [p.message.split("'")[1] for p in problems if p.message.startswith("unknown macro")]
    if len(unknown) < len(problems):  # a syntax error: the page cannot be rendered at all
        page.meta["render_macros"] = False
    return pages.neutralise_macro_calls(markdown, unknown), problems


@event_priority(60)  # before the macros plugin renders the page
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    with timing.timed("check pages (front matter, variants, macros)"):
        return _page_markdown(markdown, page, config, files)


def _page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    report = current_report()
    kb = _kb(config)
    catalog = kb.catalog
    src, file_text = page.file.src_uri, _source(page.file)
    markdown, problems = _macro_problems(markdown, page, config)
    problems += pages.check_front_matter(src, file_text, page.meta, catalog)
    problems += pages.check_not_empty(src, markdown)
    problems += check_prose(src, file_text, page.meta, catalog, lambda: kb.documents)
    if "source" not in page.meta:  # generated source pages keep the report's own wording
        problems += glossary.find_variants(markdown, file_text, src, kb.term_matcher)
    report.add(problems)
    if problems:
        # Keep going so every problem is reported at the end; drop tags Material would abort on.
        allowed = allowed_tags(catalog)
        page.meta["tags"] = [t for t in page.meta.get("tags", []) or [] if t in allowed]
        return markdown
    title, tags = page_tags(catalog, page.meta)
    if tags:
        page.meta["tags"] = tags
    if title and first_heading(markdown) is None:
        markdown = f"# {title}\n\n{markdown}"
    if "source" in page.meta:
        source = catalog.sources[page.meta["source"]]
        city_file = links.city_page(source.city)
        city_link = f"../{city_file}" if city_file in files.src_uris else None
        markdown = insert_after_title(markdown, render_source_card(source, catalog, city_link))
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Most pages go to the worker, which adds backlinks and glossary links (collected in
    on_env); pages whose content Material completes later are decorated here and sent then."""
    with timing.timed("backlinks and glossary marks"):
        src = page.file.src_uri
        if src != GLOSSARY_PAGE and TAG_LISTING not in _source(page.file):
            _read_in_background(page, html, decorate=True)
            return html
        html, used = decorate_page(
            html,
            src_uri=src,
            source_id=page.meta.get("source"),
            kb=_kb(config),
            page_urls=_page_urls,
        )
        _count_terms(src, used)
        _deferred.append(page)
        return html


def _count_terms(src_uri: str, used: set[str]) -> None:
    terms_used = current_report().terms_used
    for term_id in used:
        terms_used.setdefault(term_id, set()).add(src_uri)


def _read_in_background(page: Page, html: str, *, decorate: bool) -> None:
    """The worker reads the page's content for link checks and search records."""
    assert _background is not None
    file = page.file
    _background.read_page(
        file.src_uri,
        page.url,
        page.title or "",
        page.meta,
        html,
        _source(file),
        decorate=decorate,
    )


def on_env(env, *, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201 - Jinja env
    """Every page's content exists now: finish the last pages, then the link checks and the
    search index run in the background while MkDocs writes the pages."""
    assert _background is not None
    with timing.timed("wait for decorated pages"):
        try:
            decorated = list(_background.decorated_pages())
        except DataError as err:
            raise _stopped(err) from None
    with timing.timed("backlinks and glossary marks"):
        for src_uri, html, used in decorated:
            file = files.src_uris.get(src_uri)
            if file is not None and file.page is not None:
                file.page.content = html
            _count_terms(src_uri, used)
        _fill_glossary_usage(files, config)
    for page in _deferred:
        _read_in_background(page, page.content or "", decorate=False)
    # What MkDocs will write: every file (pages, assets, theme files) and the static templates.
    site_files = {f.dest_uri for f in files} | set(config.theme.static_templates)
    report = current_report()
    if not (report.problems and config.strict):
        _background.write_index()  # first: Pagefind takes longest, the link checks run meanwhile
    _background.check_links(site_files, NOT_ORPHANS)
    return env


def _fill_glossary_usage(files: Files, config: MkDocsConfig) -> None:
    """The glossary's 'used on' column: which pages use each term, known only now."""
    glossary_file = files.src_uris.get(GLOSSARY_PAGE)
    page = glossary_file.page if glossary_file else None
    if page is None or not page.content:
        return
    report = current_report()
    for term_id in _kb(config).catalog.glossary:
        users = [files.src_uris.get(s) for s in sorted(report.terms_used.get(term_id, ()))]
        cell = glossary_usage(
            [
                (f.page.title or f.src_uri, "source" in f.page.meta, f.page)
                for f in users
                if f is not None and f.page is not None
            ],
            lambda user: get_relative_url(user.url, page.url),
        )
        page.content = page.content.replace(USAGE_MARK.format(term_id), cell)


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    base = edit_base(config.extra.get("repository"), config.extra.get("branch"))
    if base and page.edit_url:
        page.edit_url = edit_url(base, page.file.src_uri, page.meta)
    return context


def on_build_error(*, error: Exception) -> None:
    if _background is not None:
        _background.abandon()


def on_post_build(*, config: MkDocsConfig) -> None:
    report = current_report()
    kb = _kb(config)
    assert _background is not None
    with timing.timed("wait for background work"):
        try:
            report.add(_background.quote_problems())
            problems, report.external = _background.link_problems()
        except DataError as err:
            raise _stopped(err) from None
    report.add(problems)
    report.advice += glossary.unused_terms(kb.catalog, set(report.terms_used))
    report.emit()
    if report.problems and config.strict:
        raise PluginError(report.summary())
    try:
        with timing.timed("wait for background work"):
            timing.add(*_background.finish())
    except DataError as err:
        raise _stopped(err) from None
    timing.write_if_requested()
