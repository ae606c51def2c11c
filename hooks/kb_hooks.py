"""MkDocs hooks of the knowledge base: wiring only; the work is in the campaign_kb package."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from campaign_kb.cards import insert_after_title, render_source_card
from campaign_kb.markup import first_heading
from campaign_kb.problems import DataError
from campaign_kb.site import KnowledgeBase, load_knowledge_base


def _kb(config: MkDocsConfig) -> KnowledgeBase:
    try:
        return load_knowledge_base(Path(config.config_file_path).parent)
    except DataError as err:
        raise PluginError(
            f"The data in data/ has {len(err.problems)} problem(s); fix them and build again:\n"
            f"{err}"
        ) from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _kb(config)  # fail early, with every data problem listed
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    source_id = page.meta.get("source")
    if not source_id:
        return markdown
    kb = _kb(config)
    source = kb.catalog.sources.get(source_id)
    if source is None:
        raise PluginError(
            f"{page.file.src_uri}: front matter names unknown source '{source_id}' "
            f"(known: {', '.join(sorted(kb.catalog.sources))})"
        )
    city_file = f"cities/{source.city}.md"
    city_link = f"../{city_file}" if files.get_file_from_path(city_file) else None
    return insert_after_title(markdown, render_source_card(source, kb.catalog, city_link))


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Name each folder's nav section after the title of its index.md (城市, 方法 …)."""
    for item in nav.items:
        if isinstance(item, Section) and item.children and item.children[0].is_page:
            index = item.children[0].file  # type: ignore[attr-defined]
            if index.src_uri.endswith("index.md"):
                item.title = first_heading(index.content_string) or item.title
    return nav
