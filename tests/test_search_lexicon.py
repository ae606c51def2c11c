"""The query dictionary and character map are generated from data/ at build time."""

from __future__ import annotations

import json
import unicodedata

import opencc
import yaml
from conftest import ROOT, Build, Project

from campaign_kb.search.lexicon import fold

LEXICON = "assets/search/lexicon.json"


def _lexicon(site) -> dict:
    return json.loads((site / LEXICON).read_text(encoding="utf-8"))


def _data(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def test_dictionary_is_exactly_the_names_in_data(site_build: Build):
    expected = set()
    for term in _data("glossary"):
        expected |= {term["term"], *term.get("aliases", []), *term.get("variants", [])}
    expected |= {m["name"] for m in _data("methods")}
    expected |= {n for c in _data("cities") for n in (c["name"], c["full_name"])}
    # Queries are converted to Simplified before lookup, so the dictionary is in Simplified.
    t2s = opencc.OpenCC("t2s").convert
    assert set(_lexicon(site_build.site)["words"]) == {t2s(w) for w in expected if len(w) > 1}


def test_wrong_forms_point_to_their_term(site_build: Build):
    synonyms = _lexicon(site_build.site)["synonyms"]
    t2s = opencc.OpenCC("t2s").convert
    checked = 0
    for term in _data("glossary"):
        for variant in term.get("variants", []):
            if t2s(variant) == term["term"]:  # a Traditional spelling: the query folds to it
                assert t2s(variant) not in synonyms
            else:
                assert synonyms[t2s(variant)] == term["term"]
                checked += 1
    assert checked and all(wrong != right for wrong, right in synonyms.items())


def test_folding_is_nfkc_lower_case_and_t2s_one_character_at_a_time():
    text = "調研課題：ＡＢＣ１２３，ΑΣ Ⅳ 五級聯動 3.34萬 ﬁ"
    t2s = opencc.OpenCC("t2s").convert
    expected = "".join(
        "".join(t2s(c) for c in unicodedata.normalize("NFKC", char).lower()) for char in text
    )
    assert fold(text) == expected
    assert fold("调研五级联动") == "调研五级联动"  # Simplified text is left as it is


def test_character_map_covers_the_traditional_forms_in_the_raw_reports(site_build: Build):
    t2s = _lexicon(site_build.site)["t2s"]
    assert t2s["調"] == "调" and t2s["幹"] == "干" and t2s["導"] == "导"
    assert "调" not in t2s  # Simplified characters map to themselves


def test_facet_counts_cover_every_city_and_method(site_build: Build):
    facets = _lexicon(site_build.site)["facets"]
    assert set(facets["城市"]) == {c["name"] for c in _data("cities")}
    assert set(facets["方法"]) == {m["name"] for m in _data("methods")}


def test_a_new_glossary_term_reaches_the_dictionary(project: Project):
    project.append(
        "data/glossary.yml",
        "- id: hong-se-xuan-jiang\n  term: 红色宣讲团\n  definition: 测试用术语。\n",
    )
    build = project.build()
    assert build.returncode == 0, build.output
    assert "红色宣讲团" in _lexicon(build.site)["words"]
