"""A deterministic synthetic corpus: the real project plus N generated reports, for benchmarks.

The reports are realistic in shape (a title, a dateline, numbered sections, paragraphs that use
method names, glossary terms and figures; one in five in Traditional script with web-page junk)
and go through the real pipeline: raw file → data/sources.yml → ingest → page. Practices and facts
quote the ingested paragraphs verbatim, so every build-time check runs on them for real.
Never published: it lives in a temporary folder.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import opencc

from campaign_kb.catalog import load_catalog
from campaign_kb.scaffold import CITY_PAGE, append_entries
from campaign_kb.sources import ingest_all

PROJECT_PARTS = ("mkdocs.yml", "data", "docs", "hooks", "overrides")
_FIRST = "青云临安江泽宁远清平长兴南海山川河金玉华明松桂柳"
_SECOND = "州阳川安宁江山平原城溪林湖岭"
_NUMERALS = "一二三四五六七八九十"
_ORGS = [
    "市委组织部",
    "市直机关工委",
    "市国资委",
    "市教育局",
    "市卫健委",
    "市住建局",
    "区委",
    "街道党工委",
]
_UNITS = ["个", "场", "次", "名", "项", "家"]
_HEADINGS = [
    "坚持学思用贯通，推动理论学习走深走实",
    "坚持问题导向，推动调查研究求真务实",
    "坚持知行合一，推动发展见行见效",
    "坚持边学边查边改，推动检视整改动真碰硬",
    "坚持以上率下，压实各级领导责任",
]
_SENTENCES = [
    "{city}市委坚持以上率下，组织领导干部围绕{method}开展专题研讨，全年共举办读书班{n}期",
    "各级党组织把{term}作为重要抓手，累计开展集中学习{n}场，覆盖党员{m}名",
    "针对群众反映的急难愁盼问题，{org}建立问题清单，梳理问题{n}项，逐项明确责任单位和完成时限",
    "{org}深入基层一线开展领题调研，确定调研课题{n}个，形成调研报告{m}份",
    "通过“{method}”机制，{city}推动各级领导班子上下联动、贯通融通，带动基层党组织{n}个",
    "{org}对照{term}要求查摆突出问题{n}个，制定整改措施{m}条，做到立行立改",
    "坚持把{method}同推动中心工作结合起来，{city}办成民生实事{n}件",
    "各地各单位结合实际创新学习形式，开展{term}宣讲{n}场次，受众{m}人次",
    "{org}健全闭环落实机制，每季度开展一次考核问效，累计督办事项{n}项",
    "{city}把调研成果转化为政策举措{n}项，推动解决基层难题{m}个",
]


@dataclass
class Corpus:
    root: Path
    reports: int
    cities: int  # all of them: the project's and the synthetic ones
    paragraphs: int
    characters: int


def copy_project(dest: Path) -> Path:
    """This repository's project (mkdocs.yml, data/, docs/, …) copied to a new folder `dest`."""
    source_root = Path(__file__).resolve().parents[2]  # benchmarks/kbbench/corpus.py
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = source_root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / part)
    return dest


def generate(dest: Path, reports: int, seed: int = 2026) -> Corpus:
    """Copy the project to `dest` and add `reports` synthetic reports (same seed, same corpus)."""
    if dest.exists():
        shutil.rmtree(dest)
    copy_project(dest)
    rng = random.Random(seed)
    catalog = load_catalog(dest)
    methods = [m.name for m in catalog.methods.values()]
    method_ids = list(catalog.methods)
    terms = [t.term for t in catalog.glossary.values()]
    campaigns = {c.year: c.id for c in catalog.campaigns.values()}

    cities = _new_cities(dest, max(3, reports // 25))
    s2t = opencc.OpenCC("s2t")
    entries = []
    sums = []
    for i in range(reports):
        city_id, city_name = cities[i % len(cities)]
        year = rng.choice(sorted(campaigns))
        text = _report_text(rng, i, city_name, year, methods, terms)
        if i % 5 == 4:  # Traditional script with web-page junk, like real downloads
            text = "人民网\n" + s2t.convert(text) + "\n返回顶部\n"
        raw = f"syn{i:04d}.txt"
        (dest / "data" / "raw" / raw).write_text(text, encoding="utf-8")
        sums.append(f"{hashlib.sha256(text.encode()).hexdigest()}  {raw}\n")
        entries.append(
            {
                "id": f"syn-{i:04d}",
                "raw": raw,
                "title": f"{city_name}主题教育工作纪实之{i + 1}",
                "title_origin": "原题",
                "city": city_id,
                "issuer": {"name": f"中共{city_name}市委", "level": "市级"},
                "campaign": campaigns[year],
                "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "genre": "新闻报道",
            }
        )
    append_entries(dest, "sources", entries)
    with (dest / "data" / "raw" / "SHA256SUMS").open("a", encoding="utf-8") as listed:
        listed.writelines(sums)

    catalog = load_catalog(dest)
    documents = ingest_all(catalog)
    practices, facts, paragraphs, characters = [], [], 0, 0
    for i in range(reports):
        document = documents[f"syn-{i:04d}"]
        (dest / document.page_path).write_text(document.page, encoding="utf-8")
        blocks = list(document.result.paragraphs().items())
        paragraphs += len(blocks)
        characters += sum(len(b.text) for _, b in blocks)
        source = document.source
        chosen = rng.sample(method_ids, 2)
        for k, method in enumerate(chosen):
            anchor, block = blocks[(k * 7 + 3) % len(blocks)]
            practices.append(
                {
                    "id": f"syn-{i:04d}-{method}",
                    "city": source.city,
                    "method": method,
                    "summary": f"该市材料写到{catalog.methods[method].name}方面的做法（合成）。",
                    "citations": [
                        {"source": source.id, "paragraph": anchor, "quote": _clause(block.text)}
                    ],
                }
            )
        for anchor, block in blocks:
            fact = _fact(source.id, source.city, anchor, block.text, len(facts))
            if fact:
                facts.append(fact)
            if len([f for f in facts if f["source"] == source.id]) >= 2:
                break
    append_entries(dest, "practices", practices)
    append_entries(dest, "facts", facts)
    return Corpus(dest, reports, len(catalog.cities), paragraphs, characters)


def _new_cities(dest: Path, count: int) -> list[tuple[str, str]]:
    names = [a + b for a in _FIRST for b in _SECOND]
    cities = [(f"syncity{k:03d}", names[k * 7 % len(names)]) for k in range(count)]
    append_entries(
        dest,
        "cities",
        [{"id": cid, "name": name, "full_name": f"{name}市"} for cid, name in cities],
    )
    for cid, name in cities:
        overview = CITY_PAGE.split("## 概况\n\n", 1)[1].split("\n\n## ", 1)[0]
        page = CITY_PAGE.format(id=cid).replace(
            overview, f"{name}的材料为基准测试合成，不是真实报道。"
        )
        (dest / "docs" / "cities" / f"{cid}.md").write_text(page, encoding="utf-8")
    return cities


def _report_text(
    rng: random.Random, i: int, city: str, year: int, methods: list[str], terms: list[str]
) -> str:
    lines = [
        f"{city}主题教育工作纪实之{i + 1}",
        f"{year}年{rng.randint(1, 12):02d}月{rng.randint(1, 28):02d}日 | 来源:{city}日报",
    ]
    for s, heading in enumerate(rng.sample(_HEADINGS, rng.randint(3, 4))):
        lines.append(f"{_NUMERALS[s]}、{heading}")
        for _ in range(rng.randint(4, 8)):
            sentences = [
                rng.choice(_SENTENCES).format(
                    city=city,
                    method=rng.choice(methods),
                    term=rng.choice(terms),
                    org=rng.choice(_ORGS),
                    n=rng.randint(2, 980),
                    m=rng.randint(1000, 99000),
                )
                for _ in range(rng.randint(3, 5))
            ]
            lines.append("。".join(sentences) + "。")
    return "\n".join(lines) + "\n"


def _clause(text: str) -> str:
    return re.split(r"[，。；]", text)[0]


_FIGURE = re.compile(r"(?<![\d.])(\d+)(个|场|次|名|项|家|期|份|条|件)")


def _fact(source: str, city: str, anchor: str, text: str, n: int) -> dict | None:
    for clause in re.split(r"[，。；]", text):
        match = _FIGURE.search(clause)
        if match and not re.search("至少|不少于|低于|不到", clause) and "余" not in clause:
            return {
                "id": f"syn-fact-{n:05d}",
                "city": city,
                "source": source,
                "paragraph": anchor,
                "label": clause[: match.start()][-12:] or "数量",
                "amount": match[1],
                "unit": match[2],
                "quote": clause,
            }
    return None
