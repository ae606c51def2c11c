"""The rows of the downloadable data: each data model with the site addresses a reader needs.

Every row model extends the model data/ validates into, so the files (and the JSON Schema made
from these classes) follow the data models by themselves; only `address` (and a fact's `value`)
is added.
"""

from __future__ import annotations

from pydantic import Field

from ..models import Campaign, Citation, City, Fact, GlossaryTerm, Method, Metric, Practice, Source

ADDRESS = (
    "本站页面的地址；配置了 site_url 时是完整网址，否则是相对网站根目录的路径"
    "（如 sources/x/#p-1a2b3c）"
)


class CitationRow(Citation):
    address: str = Field(description="引文所在段落在本站的地址。" + ADDRESS)


class FactRow(Fact):
    number: str = Field(description="数字的数值（7.8万 → 78000；区间取下限）")
    address: str = Field(description="数字所在段落在本站的地址。" + ADDRESS)


class PracticeRow(Practice):
    citations: list[CitationRow] = Field(min_length=1)
    address: str = Field(description="这条做法在城市页上的位置。" + ADDRESS)


class SourceRow(Source):
    address: str = Field(description="来源页（转录的原文）在本站的地址。" + ADDRESS)


class CityRow(City):
    address: str = Field(description="城市页在本站的地址。" + ADDRESS)


class MethodRow(Method):
    address: str = Field(description="方法页在本站的地址。" + ADDRESS)


class GlossaryRow(GlossaryTerm):
    citations: list[CitationRow] = []
    address: str = Field(description="术语在术语表中的位置。" + ADDRESS)


class CampaignRow(Campaign):
    parts_quote: CitationRow | None = None


class MetricRow(Metric):
    pass
