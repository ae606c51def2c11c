"""MkDocs hooks of the knowledge base: wiring only; the work is in the campaign_kb package."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from material.plugins.tags.structure.tag import Tag
from mkdocs.utils import get_relative_url

from campaign_kb import links
from campaign_kb.backlinks import annotate_source_html, citers_by_paragraph
from campaign_kb.cards import insert_after_title, render_source_card
from campaign_kb.markup import first_heading
from campaign_kb.problems import DataError
from campaign_kb.site import KnowledgeBase, load_knowledge_base
from campaign_kb.tagging import allowed_tags, page_tags


def _kb(config: MkDocsConfig) -> KnowledgeBase:
    try:
        return load_knowledge_base(Path(config.config_file_path).parent)
    except DataError as err:
        raise PluginError(
            f"The data in data/ has {len(err.problems)} problem(s); fix them and build again:\n"
            f"{err}"
        ) from None


@event_priority(100)  # before the tags plugin reads its allowed set
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    kb = _kb(config)  # fail early, with every data problem listed
    tags = config.plugins.get("material/tags")
    if tags is not None:
        tags.config.tags_allowed = {Tag(name) for name in allowed_tags(kb.catalog)}
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Name each folder's section after its index.md title; order tabs by `extra.nav_order`."""
    order = config.extra.get("nav_order", [])

    def rank(item: object) -> int:
        key = item.file.src_uri if getattr(item, "file", None) else ""  # type: ignore[attr-defined]
        if isinstance(item, Section) and item.children and item.children[0].is_page:
            key = item.children[0].file.src_uri.rsplit("/", 1)[0] + "/"  # type: ignore[attr-defined]
        return order.index(key) if key in order else len(order)

    nav.items.sort(key=rank)
    for item in nav.items:
        if isinstance(item, Section) and item.children and item.children[0].is_page:
            index = item.children[0].file  # type: ignore[attr-defined]
            if index.src_uri.endswith("index.md"):
                item.title = first_heading(index.content_string) or item.title
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    kb = _kb(config)
    catalog = kb.catalog
    try:
        title, tags = page_tags(catalog, page.meta)
    except KeyError as err:
        raise PluginError(f"{page.file.src_uri}: front matter names unknown id {err}") from None
    if tags:
        page.meta["tags"] = tags
    if title and first_heading(markdown) is None:
        markdown = f"# {title}\n\n{markdown}"
    source_id = page.meta.get("source")
    if source_id:
        source = catalog.sources[source_id]
        city_file = links.city_page(source.city)
        city_link = f"../{city_file}" if files.get_file_from_path(city_file) else None
        markdown = insert_after_title(markdown, render_source_card(source, catalog, city_link))
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    source_id = page.meta.get("source")
    if not source_id:
        return html
    kb = _kb(config)

    def url_to(src: str, anchor: str) -> str | None:
        target = files.get_file_from_path(src)
        return get_relative_url(target.url, page.url) + f"#{anchor}" if target else None

    return annotate_source_html(html, source_id, citers_by_paragraph(kb.catalog), url_to)
