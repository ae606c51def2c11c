"""The 数据 page: each downloadable file with its columns, and the licence (or that none is set)."""

from __future__ import annotations

import posixpath

from ..catalog import Catalog
from ..markup import escape_markdown
from ..site_context import SiteContext
from .columns import COLUMN_NOTES
from .datasets import DATASETS
from .files import file_names
from .tabular import columns, exploded_field

NO_LICENCE = (
    "**许可**：本站所有者尚未为这些数据选定许可协议（选定后写在这里）。"
    "在此之前，引用请注明出处，转载或再发布请先联系本站。"
)
QUOTES_NOTE = (
    "数据中的引文是原始材料的摘录，其权利属于原作者或刊发单位，不随本站数据的许可转移；"
    "各篇材料的出处和本站转载的依据写在每个来源页的“来源与转载”中。"
)


def licence_line(site: SiteContext) -> str:
    if not site.data_licence:
        return NO_LICENCE
    name = escape_markdown(site.data_licence)
    if site.data_licence_url.startswith(("https://", "http://")):
        name = f"[{name}]({site.data_licence_url})"
    return f"**许可**：本站整理的数据（概括、分类、数字记录、术语释义）以 {name} 发布。"


def open_data(catalog: Catalog, page_src: str, site: SiteContext) -> str:
    """Licence, how the files are written, then each dataset with its files and columns."""
    where = posixpath.dirname(page_src)
    addresses = (
        "地址是完整网址。"
        if site.site_url
        else "本站没有配置自己的网址（site_url），地址写成相对网站根目录的路径，"
        "如 sources/chengdu-2023-you-li-you-xu/#p-2f08e9，前面加上本站网址即可打开。"
    )
    out = [
        licence_line(site),
        "",
        QUOTES_NOTE,
        "",
        "每个文件都在网站构建时由本站的数据文件自动生成，与网页上的内容一致。"
        "CSV 是带 BOM 的 UTF-8，Excel 可以直接打开；一格里有多项时每项一行。"
        "以 = + - @ 开头的格子前加了一个单引号（'），防止电子表格把它当作公式执行。"
        "JSON 与 JSON Schema 描述同样的内容，字段名与列名相同（嵌套字段在 CSV 中写作“上级.字段”）。"
        "每一行都带本站地址：数字和引文指向原文所在的段落。" + addresses,
        "",
    ]
    for dataset in DATASETS:
        names = {k: posixpath.relpath(v, where or ".") for k, v in file_names(dataset).items()}
        count = len(getattr(catalog, dataset.name))
        exploded = exploded_field(dataset.model)
        out += [
            f"## {escape_markdown(dataset.title)}（{dataset.name}） {{: #{dataset.name} }}",
            "",
            f"{escape_markdown(dataset.about)}，共 {count} 条。"
            f"下载：[CSV]({names['csv']}) · [JSON]({names['json']}) · "
            f"[JSON Schema]({names['schema']})",
            "",
            "各列：",
            "",
            *(
                f"- `{name}`：{escape_markdown(COLUMN_NOTES.get(name, ''))}"
                for name in columns(dataset.model)
            ),
            "",
        ]
        if exploded:
            out += [f"CSV 中 `{exploded}.` 开头的列每条一行，其余各列在这些行中重复。", ""]
    return "\n".join(out)
