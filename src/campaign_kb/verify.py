"""Fact and citation verification: quotes must be verbatim in the cited paragraph."""

from __future__ import annotations

import re

from .catalog import Catalog
from .inside import check_links_out
from .models import (
    BOUND_MARKERS,
    NO_CAMPAIGN,
    Aspect,
    Bound,
    Fact,
    Genre,
    Status,
)
from .problems import Problem
from .rawfiles import check_raw_files
from .sources import Document

_NOT_A_DIGIT = r"(?<![\d.])", r"(?![\d.])"
_NOT_A_NUMERAL = r"(?<![一二两三四五六七八九十])", r"(?![一二两三四五六七八九十])"
# Words that make a practice a plan, not something done: 将建立, 拟出台…
PLAN_MARKERS = re.compile(r"(?:将|拟|计划)(?:建立|开展|制定|出台|推行|实施|推出|设立|组建)")


def locate(documents: dict[str, Document], quote: str) -> list[tuple[str, str]]:
    """Every (source id, paragraph anchor) whose text contains `quote`."""
    return [
        (sid, anchor)
        for sid, document in documents.items()
        for anchor, block in document.result.paragraphs().items()
        if quote in block.text
    ]


def _quote_problem(
    documents: dict[str, Document], source: str, paragraph: str, quote: str
) -> str | None:
    document = documents[source]
    block = document.result.paragraphs().get(document.result.resolve(paragraph))
    page = document.page_path
    if block is None:
        found = locate({source: document}, quote)
        hint = (
            f" — the quote is in paragraph '{found[0][1]}': set `paragraph: {found[0][1]}`"
            if found
            else " — open the source page and copy the anchor from the ¶ link of the paragraph"
        )
        return f"paragraph '{paragraph}' does not exist on {page}{hint}"
    if quote in block.text:
        return None
    found = locate({source: document}, quote)
    if found:
        return (
            f"the quote is not in paragraph '{paragraph}' of {page} but in '{found[0][1]}' "
            f"— set `paragraph: {found[0][1]}`"
        )
    return (
        f"the quote «{quote}» is not in paragraph '{paragraph}' of {page} — copy the words "
        "exactly as they appear on that page (same characters and punctuation)"
    )


def _amount_problem(fact: Fact) -> str | None:
    """The figure must occur in the quote as a whole number, with the qualifier it has there."""
    amount = re.escape(fact.amount)
    edges = _NOT_A_NUMERAL if fact.amount[0] in "一二两三四五六七八九十" else _NOT_A_DIGIT
    match = re.search(edges[0] + amount + edges[1], fact.quote)
    if not match:
        return (
            f"amount '{fact.amount}' does not occur in the quote «{fact.quote}» — check the digits"
        )
    says = bound_in_quote(fact.quote, match.start(), match.end(), fact.unit, fact.amount)
    if says is not fact.bound:
        return (
            f"the quote gives '{fact.amount}' as {says.value} but the fact says bound: "
            f"{fact.bound.value} — set `bound: {says.value}` "
            f"（{says.value} 的标志：{BOUND_MARKERS[says.value]}）"
        )
    return None


def bound_in_quote(quote: str, start: int, end: int, unit: str, amount: str) -> Bound:
    """What the words around a figure say about it: 890余, 一周多, 至少1次, 一遍以上, 低于95%,
    在1周内, 不超过3天, 1—2."""
    after = quote[end : end + 1]
    rest = quote[end:]
    after_unit = rest[len(unit) :] if unit and rest.startswith(unit) else None
    clause = re.split(r"[，,、；;。]", quote[:start])[-1]
    if after in {"余", "多"} or (after_unit is not None and after_unit[:1] in {"余", "多"}):
        return Bound.MORE_THAN
    if re.search("至少|不少于", clause) or (after_unit or "").startswith("以上"):
        return Bound.AT_LEAST
    if re.search("低于|不到", clause):
        return Bound.BELOW
    if re.search("不超过|不多于", clause) or (
        after_unit is not None and re.match("以内|内", after_unit)
    ):
        return Bound.AT_MOST
    if "—" in amount:
        return Bound.RANGE
    return Bound.EXACT


def verify(catalog: Catalog, documents: dict[str, Document]) -> list[Problem]:
    """All citation and fact problems, each located at its YAML line, raw files changed since
    their import, and links out of the project (both `kb check` and the build call this)."""
    problems: list[Problem] = check_raw_files(catalog) + check_links_out(catalog.root)
    cited = [("practices", p.id, p.citations) for p in catalog.practices.values()]
    cited += [("glossary", g.id, g.citations) for g in catalog.glossary.values()]
    for kind, record_id, citations in cited:
        for index, citation in enumerate(citations):
            message = _quote_problem(documents, citation.source, citation.paragraph, citation.quote)
            if message:
                problems.append(
                    catalog.problem(kind, record_id, message, "citations", index, "quote")
                )
    for campaign in catalog.campaigns.values():
        c = campaign.parts_quote
        if c and (message := _quote_problem(documents, c.source, c.paragraph, c.quote)):
            problems.append(
                catalog.problem("campaigns", campaign.id, message, "parts_quote", "quote")
            )
    for fact in catalog.facts.values():
        message = _quote_problem(documents, fact.source, fact.paragraph, fact.quote)
        if message:
            problems.append(catalog.problem("facts", fact.id, message, "quote"))
        message = _amount_problem(fact)
        if message:
            problems.append(catalog.problem("facts", fact.id, message, "amount"))
        if catalog.sources[fact.source].city != fact.city:
            problems.append(
                catalog.problem(
                    "facts",
                    fact.id,
                    f"city '{fact.city}' differs from the city of source '{fact.source}' "
                    f"('{catalog.sources[fact.source].city}') — use the source's city",
                    "city",
                )
            )
        problems += _comparability_problems(catalog, fact)
    for practice in catalog.practices.values():
        problems += _practice_problems(catalog, practice)
    from .checks.prose import check_data_prose  # the prose checks need verify's helpers

    problems += check_data_prose(catalog, documents)
    return problems


def _comparability_problems(catalog: Catalog, fact: Fact) -> list[Problem]:
    """A fact joins a metric only if it counts the same thing, in the same unit, over the
    same scope; otherwise the table would compare different things side by side."""
    if not fact.metric:
        return []
    metric = catalog.metrics[fact.metric]
    reasons = []
    if fact.unit != metric.unit:
        reasons.append(f"单位不同：指标以“{metric.unit}”计，此数字以“{fact.unit}”计")
    if fact.scope != metric.scope:
        reasons.append(
            f"范围不同：指标统计“{metric.scope}”的数，此数字的 scope 是“{fact.scope or '未写'}”"
        )
    if fact.counts != metric.counts:
        reasons.append(
            f"定义不同：指标统计“{metric.counts}”，此数字的 counts 是“{fact.counts or '未写'}”"
        )
    if not reasons:
        return []
    return [
        catalog.problem(
            "facts",
            fact.id,
            f"数字不能放进指标“{metric.name}”（{'；'.join(reasons)}） — 二者不可比："
            "删去 `metric:`，或另建一个与它口径相同的指标；确属同一口径时，照指标写 "
            "`unit:`、`scope:`、`counts:`",
            "metric",
        )
    ]


def _practice_problems(catalog: Catalog, practice) -> list[Problem]:  # noqa: ANN001
    """Status must match the words of the sources; one campaign per practice; the method's
    place in that campaign must be known."""
    problems = []
    sources = [catalog.sources[c.source] for c in practice.citations]
    campaigns = {s.campaign for s in sources}
    if len(campaigns) > 1:
        problems.append(
            catalog.problem(
                "practices",
                practice.id,
                f"引文来自不同的活动（{'、'.join(sorted(campaigns))}） — 每次活动各写一条做法"
                "（复制这一条，按来源分开引文），表格才能标明年份和活动",
                "citations",
            )
        )
    if practice.status is Status.DONE:
        planned = [c.quote for c in practice.citations if PLAN_MARKERS.search(c.quote)]
        if planned:
            problems.append(
                catalog.problem(
                    "practices",
                    practice.id,
                    f"引文“{planned[0]}”写的是计划，做法却标为已实施 — 设 `status: planned`",
                    "citations",
                )
            )
        if all(s.genre is Genre.MEETING_SCRIPT for s in sources):
            problems.append(
                catalog.problem(
                    "practices",
                    practice.id,
                    "引文全部来自会议主持词，写的是会上的要求，不是已做的事 — "
                    "设 `status: instructed`",
                    "citations",
                )
            )
    method = catalog.methods[practice.method]
    if method.aspect is not Aspect.LEADERSHIP:
        for campaign_id in sorted(campaigns - {NO_CAMPAIGN}):
            if campaign_id in catalog.campaigns and campaign_id not in method.places:
                campaign = catalog.campaigns[campaign_id]
                problems.append(
                    catalog.problem(
                        "practices",
                        practice.id,
                        f"方法“{method.name}”没有写它在{campaign.year}年活动中的位置 — 在 "
                        f"data/methods.yml 的 `places:` 加 `{campaign_id}: …`"
                        f"（{'、'.join(campaign.parts)} 之一）",
                        "method",
                    )
                )
    return problems
