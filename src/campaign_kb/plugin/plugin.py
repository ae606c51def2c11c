"""The `kb` plugin: MkDocs' events handed to the pure package, and one build's state on `self`.

Order of one build (one process, one thread but Pagefind's own process):
on_config loads data/ (and git history) → on_pre_build checks it against the ingested reports
→ on_files reads and checks every page as written, and adds the downloads and the feed →
on_page_markdown adds titles, tags, source cards and 来源与转载 (before mkdocs-macros renders
the page's macros) → on_page_content adds 本段被引用于 lines, glossary links, the paragraphs the
page links to (for previews and citations) and 报告更正 → on_env reads every rendered page once
(`page_reading`, cached by content), checks the links and starts Pagefind on the search
documents → MkDocs writes the pages → on_post_build waits for Pagefind.
"""

from __future__ import annotations

import html
import os
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

from material.plugins.tags.structure.tag import Tag
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .. import links
from ..cache import DiskCache, content_key
from ..cards import insert_after_title, render_source_card
from ..catalog import Catalog
from ..checks import glossary, project
from ..checks.city_lists import stale_city_lists
from ..checks.links import RenderedPage, check_site
from ..checks.macro_calls import MacroCall, render_call, without_bad_calls
from ..checks.page_source import FRONT_MATTER_KEYS
from ..corrections import report_paragraph
from ..decorations import GLOSSARY_PAGE, decorate_page
from ..editing import edit_base, edit_url
from ..export.datasets import Addresses
from ..export.files import export_files
from ..front_matter import PageSource, parse_page, read_page
from ..history import read_change_log
from ..knowledge_base import KnowledgeBase, load_knowledge_base
from ..macros import MACROS, MacroPage
from ..markup import escape_html, first_heading
from ..page_meta import source_breadcrumb, source_summary
from ..page_reading import PageReadings, SearchInput, safe_content
from ..previews import ParagraphTexts, with_store
from ..problems import DataError, Problem
from ..provenance import provenance_box
from ..redirects import load_redirects
from ..search.build import lexicon, new_search_index
from ..search.facets import page_facets
from ..search.indexer import SearchIndex
from ..site_context import SiteContext
from ..tables import USAGE_MARK, glossary_usage
from ..tagging import allowed_tags, page_tags
from ..updates import FEED, atom_feed
from .config import KnowledgeBaseConfig
from .report import BuildReport, preview_log

CODE_DIRS = ("src", "hooks")  # Python that a running `mkdocs serve` does not reload


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.code_at_start = ""
        self.root = Path.cwd()
        self.kb = KnowledgeBase(Catalog(self.root))
        self.data_loaded = False
        self.report = BuildReport()
        self.sources: dict[str, PageSource] = {}  # each page as written, by docs/ path
        self.calls: dict[str, list[MacroCall]] = {}  # each page's macro calls
        self.pages_with_problems: set[str] = set()
        self.terms_used: dict[str, set[str]] = {}  # glossary term id → pages that use it
        self.page_urls: dict[str, str] = {}
        self.redirects: dict[str, str] = {}  # old page → new page
        self.search: SearchIndex | None = None
        self.cache: DiskCache | None = None
        self.site = SiteContext()
        self.paragraph_texts: ParagraphTexts | None = None  # for previews, made on first use

    # --- setup ------------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance across `mkdocs serve` rebuilds."""
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.root = Path(config.config_file_path).parent
        self.report = BuildReport()
        self.sources, self.calls, self.terms_used, self.page_urls = {}, {}, {}, {}
        self.pages_with_problems = set()
        self._note_code_changes()
        self.cache = self._open_cache()
        try:
            self.kb = load_knowledge_base(self.root, self.cache)
            self.data_loaded = True
        except DataError as err:
            if not self.is_serve:
                raise PluginError(_stopped(err.problems)) from None
            # The preview goes on without data, showing what to fix.
            self.report.add(err.problems)
            self.kb, self.data_loaded = KnowledgeBase(Catalog(self.root)), False
        base = edit_base(self.config.repository, self.config.branch)
        if base and not config.edit_uri:
            config.edit_uri = f"{base}docs/"
        self.paragraph_texts = None
        self.site = SiteContext(
            site_name=config.site_name,
            site_url=config.site_url or "",
            repository=self.config.repository if base else "",
            data_licence=self.config.data_licence.strip(),
            data_licence_url=self.config.data_licence_url.strip(),
            history=read_change_log(self.root),
        )
        tags = config.plugins.get("material/tags")
        if tags is not None:
            tags.config.tags_allowed = {Tag(name) for name in allowed_tags(self.kb.catalog)}
        self._give_redirects(config)
        return config

    def _give_redirects(self, config: MkDocsConfig) -> None:
        """Renamed pages (data/redirects.yml) go to mkdocs-redirects, checked first."""
        self.redirects, problems = load_redirects(self.root)
        self.report.add(problems)
        plugin = config.plugins.get("redirects")
        if plugin is not None:
            plugin.config["redirect_maps"] = {**self.redirects}

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self.data_loaded:
            return
        try:
            self.report.add(project.check_data(self.kb))
        except DataError as err:  # e.g. a raw report missing: nothing else can be checked
            if not self.is_serve:
                raise PluginError(_stopped(err.problems)) from None
            self.report.add(err.problems)
            self.data_loaded = False

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild on every change of data/; a change of code is noticed and named (on_config)."""
        if self.config.enabled:
            for folder in ("data", *CODE_DIRS):
                if (self.root / folder).is_dir():
                    server.watch(str(self.root / folder))
        return server

    # --- pages as written -------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Read every page once; a page that is not UTF-8 is reported and left out, and so is
        any file whose real path is outside the project (a link; check_links_out names it)."""
        if not self.config.enabled:
            return None
        inside, docs = self.root.resolve(), Path(config.docs_dir)
        for file in list(files):  # the theme's own files live elsewhere, and are not docs/
            path = Path(file.abs_src_path) if file.abs_src_path else None
            if path and path.is_relative_to(docs) and not path.resolve().is_relative_to(inside):
                files.remove(file)
        for file in list(files.documentation_pages()):
            if file.abs_src_path is None:  # made by a plugin, not read from docs/
                continue
            try:
                text = read_page(Path(file.abs_src_path), f"docs/{file.src_uri}")
            except DataError as err:
                self.report.add(err.problems)
                files.remove(file)
                continue
            self.sources[file.src_uri] = parse_page(text)
        if self.data_loaded:
            self.report.add(project.check_pages(self.sources, self.kb))
            self._add_generated_files(files, config)
        return files

    def _add_generated_files(self, files: Files, config: MkDocsConfig) -> None:
        """The 数据 page's downloads and the 更新记录 feed, made from data/ and git history."""
        page_urls = {f.src_uri: f.url for f in files.documentation_pages()}
        page_urls[FEED] = FEED
        self.site = replace(self.site, page_urls=page_urls)
        addresses = Addresses(page_urls, self.site.site_url)
        made = export_files(self.kb.catalog, addresses)
        made[FEED] = atom_feed(self.kb.catalog, self.site.history, addresses, config.site_name)
        for path, content in made.items():
            files.append(File.generated(config, path, content=content))

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Tabs in `nav_order`; each folder's section named after its index.md title."""
        if not self.config.enabled:
            return None
        order = self.config.nav_order

        def rank(item: Any) -> int:
            key = item.file.src_uri if getattr(item, "file", None) else ""
            if isinstance(item, Section) and item.children and item.children[0].is_page:
                key = item.children[0].file.src_uri.rsplit("/", 1)[0] + "/"
            return order.index(key) if key in order else len(order)

        nav.items.sort(key=rank)
        _link_pages_in_order(nav)
        self.page_urls = {f.src_uri: f.url for f in files.documentation_pages()}
        for item in nav.items:
            if isinstance(item, Section) and item.children and item.children[0].is_page:
                index = item.children[0].file  # type: ignore[attr-defined]
                source = self.sources.get(index.src_uri)
                if index.src_uri.endswith("index.md") and source is not None:
                    heading = first_heading(source.body)
                    item.title = html.escape(heading, quote=False) if heading else item.title
        return nav

    @event_priority(50)  # before mkdocs-macros renders the page
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        src = page.file.src_uri
        source = self.sources.get(src) or parse_page(markdown)
        if not self.data_loaded:
            page.meta["render_macros"] = False
            page.meta.pop("tags", None)
            return markdown
        self.calls[src], problems = project.check_page(src, source, self.kb)
        self.report.add(problems)
        catalog = self.kb.catalog
        if problems:
            self.pages_with_problems.add(src)
            if isinstance(title := page.meta.get("title"), str):  # it reaches every page's nav
                page.meta["title"] = html.escape(title)
            # Keep going so every problem is reported; nothing unchecked reaches other plugins:
            # only the page's good macro calls are rendered, and only known keys and tags kept.
            good_calls = without_bad_calls(source)
            if good_calls is None:
                page.meta["render_macros"] = False
            else:
                markdown = good_calls
            for key in set(page.meta) - set(FRONT_MATTER_KEYS):
                del page.meta[key]
            allowed = allowed_tags(catalog)
            tags = page.meta.get("tags") or []
            page.meta["tags"] = [t for t in tags if t in allowed] if isinstance(tags, list) else []
            return markdown
        title, tags = page_tags(catalog, page.meta)
        if tags:
            page.meta["tags"] = tags
        if title and first_heading(markdown) is None:
            markdown = f"# {title}\n\n{markdown}"
        if "source" in page.meta:
            source_record = catalog.sources[page.meta["source"]]
            city_file = links.city_page(source_record.city)
            city_link = f"../{city_file}" if city_file in files.src_uris else None
            card = render_source_card(source_record, catalog, city_link)
            # Without site_url only the browser knows the page's full address (kb-cite.js).
            address = Addresses(self.site.page_urls, self.site.site_url).of(src)
            address = address if self.site.site_url else ""
            card += "\n" + provenance_box(source_record, config.site_name, address)
            markdown = insert_after_title(markdown, card)
            # The breadcrumb and the active tab of a page that is not in the navigation
            # (overrides/partials/path.html and tabs.html): site-relative URLs, for `| url`.
            page.meta["kb_path"] = [
                {"title": crumb.label, "url": files.src_uris[crumb.page_src].url}
                for crumb in source_breadcrumb(source_record, catalog)
                if crumb.page_src in files.src_uris
            ]
            # Material writes the description into an attribute as it is: escaped here.
            page.meta.setdefault("description", escape_html(source_summary(source_record, catalog)))
        return markdown

    # --- macros (registered by hooks/macros.py, the mkdocs-macros module) -------------------

    def register_macros(self, env: Any) -> None:
        """Give mkdocs-macros our macros; each renders for the page mkdocs-macros is on."""
        for name in MACROS:
            env.macro(self._macro(env, name), name)

    def _macro(self, env: Any, name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> str:
            page = env.page
            src = page.file.src_uri
            this = MacroCall(name, args, kwargs)
            markdown, problem = render_call(
                this, MacroPage(self.kb.catalog, src, page.meta, self.site)
            )
            if problem:
                line = next((c.line for c in self.calls.get(src, []) if str(c) == str(this)), None)
                self.report.add([Problem(f"docs/{src}", line, problem)])
            return markdown

        call.__name__ = name
        return call

    # --- rendered pages ---------------------------------------------------------------------

    @event_priority(-100)  # after every other plugin's changes to the content
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """本段被引用于 lines under source paragraphs; a link on each glossary term's first use."""
        if not self.config.enabled or not self.data_loaded:
            return None
        src = page.file.src_uri
        html, used = decorate_page(
            html,
            src_uri=src,
            source_id=page.meta.get("source"),
            kb=self.kb,
            page_urls=self.page_urls,
        )
        for term_id in used:
            self.terms_used.setdefault(term_id, set()).add(src)
        if self.paragraph_texts is None:
            self.paragraph_texts = ParagraphTexts.build(self.kb.documents)
        html = with_store(html, self.paragraph_texts, self.kb.catalog.sources, config.site_name)
        return html + report_paragraph(self.site.repository, page.title or "", page.url)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Every page's content is final (Material fills tag listings in at priority 100): fill
        the glossary's usage column, check every link, and start the search index."""
        if not self.config.enabled:
            return env
        self._fill_glossary_usage(files)
        if self.config.search and self.data_loaded:
            index_cache = self.cache.folder / "pagefind" if self.cache is not None else None
            self.search = new_search_index(Path(config.site_dir), self.kb.catalog, index_cache)
        rendered = self._read_pages(files)
        site_files = {f.dest_uri for f in files} | set(config.theme.static_templates)
        site_files |= {  # the pages mkdocs-redirects writes at the old addresses
            File(old, "", "", config.use_directory_urls).dest_uri for old in self.redirects
        }
        if self.data_loaded:
            not_orphans = set(self.config.not_orphans)
            problems, self.report.external = check_site(
                rendered, site_files, self.kb.catalog, not_orphans
            )
            self.report.add(problems)
            self.report.advice = glossary.unused_terms(
                self.kb.catalog, set(self.terms_used)
            ) + stale_city_lists(self.sources, self.kb.catalog)
        if self.report.problems and not self.is_serve and config.strict:
            self._discard_search()
            raise PluginError(self.report.summary())
        if self.search is not None:
            self.search.start(lexicon(self.kb.catalog, self.page_urls, self.cache))
        return env

    def _read_pages(self, files: Files) -> list[RenderedPage]:
        """Each page's links for the checks, and its search records for the index."""
        rendered = []
        readings = PageReadings(self.cache)
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.content is None:
                continue
            search = None
            if self.search is not None and not (page.meta.get("search") or {}).get("exclude"):
                facets = page_facets(self.kb.facets, file.src_uri, page.meta)
                search = SearchInput(facets, self.search.terms)
            reading = readings.read(page.content, page.url, page.title or "", search)
            if reading.unsafe:
                self._report_script(file.src_uri, reading.unsafe)
                page.content = safe_content(page.content, reading)
            source = self.sources.get(file.src_uri)
            rendered.append(
                RenderedPage(
                    file.src_uri,
                    page.url,
                    source.text if source else "",
                    set(reading.ids),
                    reading.headings,
                    reading.hrefs,
                )
            )
            if not page.meta.get("description"):  # link previews: the page's own first words
                page.meta["description"] = escape_html(reading.summary) or None
            if self.search is not None and reading.search is not None:
                self.search.add(reading.search)
        return rendered

    def _report_script(self, src: str, found: list[str]) -> None:
        """Whatever could run script was taken out of the page, even when a trick got it past
        the checks of the page as written (which then have not named it: name it here)."""
        if src not in self.pages_with_problems:
            self.report.add(
                [
                    Problem(
                        f"docs/{src}",
                        None,
                        f"页面里有会执行脚本的内容（{'、'.join(found)}），已从页面删除 — "
                        "删去它；页面用 Markdown 写格式",
                    )
                ]
            )

    def _fill_glossary_usage(self, files: Files) -> None:
        """The glossary's 使用页面 column: which pages use each term, known only now."""
        glossary_file = files.src_uris.get(GLOSSARY_PAGE)
        page = glossary_file.page if glossary_file else None
        if page is None or not page.content:
            return
        for term_id in self.kb.catalog.glossary:
            users = [files.src_uris.get(s) for s in sorted(self.terms_used.get(term_id, ()))]
            cell = glossary_usage(
                [
                    (_usage_label(f.page), "source" in f.page.meta, f.page)
                    for f in users
                    if f is not None and f.page is not None
                ],
                lambda user: links.relative_url(user.url, page.url),
            )
            page.content = page.content.replace(USAGE_MARK.format(term_id), cell)

    def on_page_context(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        base = edit_base(self.config.repository, self.config.branch)
        if self.config.enabled and base and page.edit_url:
            page.edit_url = edit_url(base, page.file.src_uri, page.meta)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Under `mkdocs serve`, every page shows what the build found, at its top."""
        if not (self.config.enabled and self.is_serve and self.report.problems):
            return None
        marker = 'class="md-content__inner md-typeset">'
        at = output.find(marker)
        if at < 0:
            return None
        at += len(marker)
        return output[:at] + self.report.banner() + output[at:]

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        if self.search is not None:
            try:
                self.search.wait(self.config.search_timeout)
            except DataError as err:
                self.report.add(err.problems)
                if not self.is_serve:
                    raise PluginError(_stopped(err.problems)) from None
            finally:
                self.search = None
        if self.cache is not None and not self.report.problems:
            self.cache.prune()
        self.report.log_details()
        if self.report.problems:  # serve, or a build that is not strict
            self.report.log_problems(stopping=not self.is_serve)

    def on_build_error(self, *, error: Exception) -> None:
        self._discard_search()

    def on_shutdown(self) -> None:
        self._discard_search()

    # --- helpers ----------------------------------------------------------------------------

    def _discard_search(self) -> None:
        if self.search is not None:
            self.search.discard()
            self.search = None

    def _open_cache(self) -> DiskCache | None:
        """The ingest cache, unless switched off, on CI (which builds cold), or when files of
        it are tracked by git (a pull request must not bring its own cache)."""
        if not self.config.cache or os.environ.get("CI"):
            return None
        folder = self.root / self.config.cache_dir
        tracked = _tracked_by_git(self.root, folder)
        if tracked:
            preview_log.warning(
                f"{tracked[0]}：缓存文件不应提交到仓库，本次构建不使用缓存 — "
                f"用 git rm -r --cached {self.config.cache_dir} 把它移出版本库"
            )
            return None
        return DiskCache(folder)

    def _note_code_changes(self) -> None:
        """Python keeps the modules it imported: after a code change only a restart helps."""
        stamp = _code_stamp(self.root)
        if not self.code_at_start:
            self.code_at_start = stamp
        elif stamp != self.code_at_start:
            preview_log.warning(
                "代码（src/ 或 hooks/）已修改：正在运行的预览仍用旧代码 — 按 Ctrl+C 停止，"
                "再运行 make serve"
            )


def _link_pages_in_order(nav: Navigation) -> None:
    """上一页/下一页 in the order of the tabs: MkDocs links the pages before on_nav sorts them."""
    pages: list[Page] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, Page):
                pages.append(item)
            elif isinstance(item, Section):
                walk(item.children)

    walk(nav.items)
    nav.pages = pages
    for before, page, after in zip([None, *pages], pages, [*pages[1:], None], strict=False):
        page.previous_page, page.next_page = before, after


def _usage_label(page: Page) -> str:
    """A page as the glossary's 使用页面 column names it (the home page is 首页, not the site)."""
    return "首页" if page.is_homepage else page.title or page.file.src_uri


def _stopped(problems: list[Problem]) -> str:
    report = BuildReport(problems=list(problems))
    return report.summary()


def _code_stamp(root: Path) -> str:
    files = sorted(p for folder in CODE_DIRS for p in (root / folder).rglob("*.py"))
    return content_key(*(str(p) + str(p.stat().st_mtime_ns) for p in files))


def _tracked_by_git(root: Path, folder: Path) -> list[str]:
    """Files under `folder` that git tracks (none when git or the repository is missing)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "ls-files", "--", str(folder)],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    return done.stdout.split() if done.returncode == 0 else []
