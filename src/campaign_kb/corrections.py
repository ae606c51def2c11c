"""报告更正: a link under every page that opens a new GitHub issue, filled in with the page.

Only when a repository is configured (the kb plugin's `repository`); never a made-up address.
"""

from __future__ import annotations

from urllib.parse import urlencode

from .editing import edit_base
from .markup import escape_html

REPORT_CLASS = "kb-report"


def new_issue_url(repository: str, title: str, body: str) -> str | None:
    """GitHub's form for a new issue with title and body filled in; None without a repository."""
    if edit_base(repository, "main") is None:  # not "owner/name"
        return None
    query = urlencode({"title": title, "body": body})
    return f"https://github.com/{repository.strip()}/issues/new?{query}"


def report_paragraph(repository: str, page_title: str, page_path: str) -> str:
    """The line under a page's content: 发现错误或遗漏？报告更正 (empty without a repository)."""
    body = (
        f"页面：{page_title}\n地址：{page_path or '首页'}\n\n"
        "哪里有误或遗漏（请引用页面上的原话）：\n\n"
        "应当怎样改：\n\n"
        "依据（原文哪一段，或其他材料的出处）：\n"
    )
    url = new_issue_url(repository, f"更正：{page_title}", body)
    if url is None:
        return ""
    return (
        f'<p class="{REPORT_CLASS}" data-search-exclude>发现错误或遗漏？'
        f'<a href="{escape_html(url)}">报告更正</a>（在 GitHub 上新建一个已填好页面信息的问题）</p>'
    )
