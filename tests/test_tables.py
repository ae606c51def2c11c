"""Table cells whose size must not grow with the corpus."""

from __future__ import annotations

from campaign_kb.tables import USAGE_SOURCES_SHOWN, glossary_usage


def test_glossary_usage_names_every_editor_page_and_counts_the_rest_of_the_sources() -> None:
    sources = [(f"报道{i}", True, f"../sources/s{i}/") for i in range(USAGE_SOURCES_SHOWN + 3)]
    pages = [
        *sources[:2],
        ("成都", False, "../cities/a/"),
        *sources[2:],
        ("红黑榜", False, "../methods/b/"),
    ]
    asked = []
    cell = glossary_usage(pages, lambda url: asked.append(url) or url)
    assert len(asked) == 2 + USAGE_SOURCES_SHOWN  # links are made only for the pages shown
    assert cell.startswith('<a href="../cities/a/">成都</a>、<a href="../methods/b/">红黑榜</a>、')
    assert cell.count("<a ") == 2 + USAGE_SOURCES_SHOWN
    assert cell.endswith("等，另有 3 篇来源报道（可在搜索中查到）")


def test_glossary_usage_lists_a_few_sources_in_full_and_marks_an_unused_term() -> None:
    few = [(f"<报道{i}>", True, f"../sources/s{i}/") for i in range(USAGE_SOURCES_SHOWN)]
    cell = glossary_usage(few, str)
    assert cell.count("<a ") == USAGE_SOURCES_SHOWN and "另有" not in cell
    assert "&lt;报道0&gt;" in cell
    assert glossary_usage([], str) == "—"
