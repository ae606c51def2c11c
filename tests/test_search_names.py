"""The names that lead to a page (best matches) and their pinyin (suggestions), in the lexicon
of the real build: every name in data/ is there, with the page it names."""

from __future__ import annotations

import json

import opencc
import pytest
import yaml
from conftest import ROOT, Build

from campaign_kb.cache import DiskCache
from campaign_kb.search import names as names_module
from campaign_kb.search.indexer import LEXICON_FILE
from campaign_kb.search.names import Spellings, name_key, spellings

t2s = opencc.OpenCC("t2s").convert


@pytest.fixture(scope="module")
def names(site_build: Build) -> dict:
    return json.loads((site_build.site / LEXICON_FILE).read_text(encoding="utf-8"))["names"]


def _data(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def _first_page(names: dict, form: str) -> str:
    return names["entries"][names["forms"][name_key(form)][0]]["url"]


def test_every_method_city_and_source_name_leads_to_its_page(names, site_build: Build):
    expected = {m["name"]: f"methods/{m['id']}/" for m in _data("methods")}
    for city in _data("cities"):
        expected[city["name"]] = expected[city["full_name"]] = f"cities/{city['id']}/"
    expected |= {s["title"]: f"sources/{s['id']}/" for s in _data("sources")}
    for form, url in expected.items():
        assert _first_page(names, form) == url, form
        assert (site_build.site / url / "index.html").exists()


def test_every_glossary_form_leads_to_the_term_or_the_method_of_that_name(names):
    methods = {m["name"]: f"methods/{m['id']}/" for m in _data("methods")}
    for term in _data("glossary"):
        for form in (term["term"], *term.get("aliases", []), *term.get("variants", [])):
            # a term that is also a method's name (五级联动) leads to the method's page
            assert _first_page(names, form) in {f"glossary/#{term['id']}", methods.get(t2s(form))}


def test_half_of_a_method_name_leads_to_it_unless_it_is_a_term(names):
    """红色教育与初心之旅: 红色教育 names the method; 初心之旅 is a glossary term of its own."""
    assert _first_page(names, "红色教育") == "methods/hong-se-jiao-yu/"
    assert _first_page(names, "初心之旅") == "glossary/#chu-xin-zhi-lv"


def test_names_are_compared_without_spaces_punctuation_or_traditional_forms():
    assert name_key("調研 紅線") == name_key("调研红线") == "调研红线"
    assert name_key("理论大学习　工作大落实") == "理论大学习工作大落实"


def test_pinyin_of_dictionary_names_and_every_reading_of_a_character():
    assert spellings("红黑榜")[0] == "hongheibang"  # the usual reading first
    assert "chongqing" in spellings("重庆")  # a place name's reading, not only the usual one
    assert "chongqingshi" in spellings("重庆市")  # one character read another way
    assert {"yishanglvxia", "yishangshuaixia"} <= set(spellings("以上率下"))
    assert spellings("自学5条") == []  # only words of ideographs are spoken


def test_pinyin_in_the_lexicon_covers_the_dictionary_but_no_source_title(names):
    pinyin = names["pinyin"]
    assert pinyin["wujiliandong"] == "五级联动"
    assert pinyin["chongqing"] == "重庆" and pinyin["hongheibang"] == "红黑榜"
    titles = {s["title"] for s in _data("sources")}
    assert not titles & set(pinyin.values())
    assert not titles & set(names["dictionary"])


def test_each_best_match_knows_what_it_is_about(names):
    methods = {m["name"]: m["definition"] for m in _data("methods")}
    entry = next(e for e in names["entries"] if e["name"] == "包乡走村" and e["kind"] == "方法")
    assert entry["about"] == methods["包乡走村"]
    chengdu = next(e for e in names["entries"] if e["kind"] == "城市" and e["name"] == "成都")
    assert chengdu["about"].startswith("成都市，副省级城市")


def test_spellings_are_remembered_in_the_cache(monkeypatch, tmp_path) -> None:
    first = Spellings(DiskCache(tmp_path))
    spelt = first("红黑榜")
    assert "hongheibang" in spelt
    first.save()

    def no_pypinyin(word: str) -> list[str]:
        raise AssertionError(f"pypinyin asked again for {word}")

    monkeypatch.setattr(names_module, "spellings", no_pypinyin)
    second = Spellings(DiskCache(tmp_path))
    assert second("红黑榜") == spelt  # from the cache, pypinyin not loaded
    with pytest.raises(AssertionError, match="五级联动"):
        second("五级联动")  # a new word is spelled, not guessed
