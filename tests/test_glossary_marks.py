"""First-use marking of glossary terms: on the real site, and on HTML edge cases."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, Build

from campaign_kb.catalog import load_catalog
from campaign_kb.glossary_marks import TermMatcher, mark_first_uses

SKIPPED = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "abbr", "th"}


def test_each_term_is_linked_once_per_page_and_never_inside_links_or_headings(
    site_build: Build,
) -> None:
    marked_pages = 0
    for path in Path(site_build.site).rglob("index.html"):
        html = site_build.html(path.relative_to(site_build.site).as_posix())
        terms = html.css("article a.kb-term")
        hrefs = [t.attributes.get("href") for t in terms]
        assert len(hrefs) == len(set(hrefs)), (path, hrefs)
        for term in terms:
            node = term.parent
            while node is not None and node.tag != "article":
                assert node.tag not in SKIPPED, (path, term.text(), node.tag)
                node = node.parent
        marked_pages += bool(terms)
    assert marked_pages >= 10


def _matcher() -> TermMatcher:
    return TermMatcher.build(load_catalog(ROOT))


def test_a_term_first_seen_in_a_heading_is_linked_in_the_text_after_it() -> None:
    html = "<h2 id='x'>红黑榜</h2><p>住建局拟建立红黑榜，红黑榜公开。</p>"
    out, used = mark_first_uses(html, _matcher(), "../glossary/")
    assert out.count('class="kb-term"') == 1
    assert "<h2 id='x'>红黑榜</h2>" in out
    assert '<p>住建局拟建立<a class="kb-term" href="../glossary/#' in out
    assert out.endswith("</a>，红黑榜公开。</p>")
    assert used


def test_terms_in_attributes_and_code_are_left_alone_but_counted_in_text() -> None:
    html = (
        '<p><img alt="红黑榜" src="x.png"><span title="红黑榜 说明">说明</span></p>'
        "<pre><code>红黑榜</code></pre><abbr>红黑榜</abbr><A HREF='#'>红黑榜</A>"
    )
    out, used = mark_first_uses(html, _matcher(), "../glossary/")
    assert out == html  # nothing wrapped: attributes, code, abbr and links are skipped
    assert len(used) == 1  # seen in text inside skipped elements: the term is used here
    out, used = mark_first_uses('<p><img alt="红黑榜"></p>', _matcher(), "../glossary/")
    assert (out, used) == ('<p><img alt="红黑榜"></p>', set())  # an attribute is not a use
