"""What each column of the downloadable tables means, in the words of the 数据 page.

Keyed by column name (a nested field is `parent.field`, e.g. `issuer.name`, `citations.quote`);
a test makes sure every column of every file is described here.
"""

from __future__ import annotations

from .rows import ADDRESS

COLUMN_NOTES: dict[str, str] = {
    "id": "编号：网址和其他文件用它指称这一条",
    "address": ADDRESS,
    # cities
    "name": "名称",
    "full_name": "全称",
    "rank": "行政级别（直辖市、副省级城市、地级市；空：待核实）",
    # campaigns
    "short_name": "简称",
    "year": "年份",
    "batch": "批次（来源：所述的批次）",
    "parts": "这次活动自己的组成部分（每行一项）",
    "parts_quote.source": "组成部分引文的来源编号",
    "parts_quote.paragraph": "组成部分引文所在段落的锚点",
    "parts_quote.quote": "组成部分的原文引文",
    "parts_quote.address": "组成部分引文所在段落的地址",
    # sources
    "raw": "原始文本在项目原始材料文件夹中的文件名",
    "title": "本站页面标题",
    "title_origin": "标题的由来：原题、转载标题或编者拟题",
    "original_title": "原标题（页面标题是转载标题时）",
    "column": "报纸栏目名",
    "city": "城市编号（见 cities）",
    "city_inferred": "城市为推断时的推断依据（空：原文写明）",
    "issuer.name": "发布或组织单位",
    "issuer.level": "发布或组织单位的级别",
    "campaign": "所属活动编号（见 campaigns）；none：非主题教育材料；待核实：尚未核实",
    "campaign_note": "所属活动的说明",
    "date": "材料时间（排序用：原文允许的最早日期，YYYY、YYYY-MM 或 YYYY-MM-DD）",
    "date_label": "材料时间的文字说明（时间是区间或估计时）",
    "date_inferred": "时间为推断时的推断依据（空：原文写明）",
    "stage": "统计阶段：start 启动初期、mid 进行中、final 结束时累计",
    "genre": "体裁",
    "outlet": "刊载媒体",
    "author": "作者",
    "batch_inferred": "批次为推断时的推断依据",
    "anonymised": "原文是否匿名化（true/false）",
    "notes": "编者说明（每行一条）",
    "url": "原文网址（空：未记录）",
    "medium": "原文载体：报纸、期刊、网站、报告、其他（空：未记录）",
    "rights": "本站转载原文的依据（空：待核实）",
    # methods
    "aspect": "本站的归类（方面）",
    "places": "方法在各次活动自己框架中的位置（每行“活动编号: 组成部分”）",
    "definition": "释义",
    "related": "相关方法编号（每行一个）",
    # practices
    "method": "方法编号（见 methods）",
    "summary": "做法概括（编者的话；引号中的是原文用语）",
    "status": "状态：done 已实施、planned 计划中、instructed 会议要求、reported 据介绍",
    "citations.source": "引文的来源编号（见 sources）",
    "citations.paragraph": "引文所在段落的锚点",
    "citations.quote": "原文引文（一字不差）",
    "citations.address": "引文所在段落在本站的地址",
    # metrics
    "group": "指标分组",
    "counts": "统计对象",
    "unit": "单位",
    "scope": "统计范围（谁的数字）",
    # facts
    "source": "来源编号（见 sources）",
    "paragraph": "数字所在段落的锚点",
    "label": "数字表示什么",
    "amount": "数字，按原文写法（7.8万、95%、1—2、一周）",
    "bound": "与真值的关系：exact 确数、more-than 余/多、at-least 至少、below 低于、"
    "at-most 以内、range 区间",
    "metric": "可比指标编号（见 metrics；空：不进入城市对比表）",
    "note": "说明",
    "quote": "原文引文（一字不差）",
    "number": "数字的数值（7.8万 → 78000；区间取下限）",
    # glossary
    "term": "术语",
    "aliases": "又称（每行一个）",
    "variants": "繁体或错误写法（每行一个）",
    "see_method": "对应的方法编号",
}
