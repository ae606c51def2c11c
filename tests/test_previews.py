"""The paragraphs a page links to, carried in the page for previews and citations."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urldefrag, urljoin

from conftest import ROOT, Build
from selectolax.lexbor import LexborHTMLParser

from campaign_kb.catalog import load_catalog
from campaign_kb.citation import citation_stem
from campaign_kb.previews import STORE_CLASS, ParagraphTexts, linked_paragraphs, with_store

CATALOG = load_catalog(ROOT)
SITE = "主题教育实践知识库"


def _store(html: LexborHTMLParser) -> tuple[dict[str, str], dict[str, str]]:
    """(paragraph texts by "source#anchor", citation stems by source) of a built page."""
    template = html.css_first(f"template.{STORE_CLASS}")
    if template is None:
        return {}, {}
    inner = LexborHTMLParser(template.html.split(">", 1)[1].rsplit("</template>", 1)[0])
    texts = {p.attributes["data-kb-para"]: p.text() for p in inner.css("[data-kb-para]")}
    stems = {
        s.attributes["data-kb-source"]: s.attributes["data-kb-cite"]
        for s in inner.css("[data-kb-source]")
    }
    return texts, stems


def _paragraph_text(build: Build, url: str) -> str:
    """A source paragraph as its own page shows it, without the ¶ link."""
    path, anchor = urldefrag(url)
    node = build.html(path).css_first(f"p[id='{anchor}']")
    for link in node.css("a.kb-para-link"):
        link.decompose()
    return node.text()


def test_every_link_to_a_source_paragraph_carries_that_paragraph(site_build: Build) -> None:
    """On every built page: each paragraph it links to is in its store, word for word as the
    source page shows it, with the source's citation."""
    checked = 0
    for file in site_build.site.rglob("index.html"):
        page = file.parent.relative_to(site_build.site).as_posix() + "/"
        page = "" if page == "./" else page
        html = site_build.html(page)
        article = html.css_first("article")
        texts, stems = _store(html)
        for link in article.css("a[href*='#p-']"):
            target = urljoin(page, link.attributes["href"])
            if not target.startswith("sources/") or target.split("#")[0] == page:
                continue
            source = target.split("/")[1]
            key = f"{source}#{urldefrag(target)[1]}"
            assert texts.get(key) == _paragraph_text(site_build, target), (page, key)
            assert stems[source] == citation_stem(CATALOG.sources[source], SITE)
            checked += 1
    assert checked > 200


def test_a_page_without_such_links_carries_nothing() -> None:
    assert with_store("<p>无</p>", ParagraphTexts({}), CATALOG.sources, SITE) == "<p>无</p>"


def test_each_paragraph_is_carried_once_and_escaped(root: Path) -> None:
    source = "chengdu-2023-you-li-you-xu"
    texts = ParagraphTexts({(source, "p-2f08e9"): "<b>x</b> & {{ y }}"})
    html = (
        f'<a href="../../sources/{source}/#p-2f08e9">1</a>'
        f'<a href="../../sources/{source}/#p-2f08e9">2</a>'
    )
    out = with_store(html, texts, CATALOG.sources, SITE)
    assert out.count("data-kb-para=") == 1
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &#123;&#123; y &#125;&#125;" in out
    assert linked_paragraphs(html) == [(source, "p-2f08e9")]
