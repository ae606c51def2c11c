"""What one build found, and how it is shown: in the log, in the error that stops a strict
build, and, under `mkdocs serve`, as a banner on every previewed page."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from html import escape

from mkdocs.plugins import get_plugin_logger

from ..problems import Problem

# Under `mkdocs.`: what this logger warns about fails a strict build.
log = get_plugin_logger("kb")
# Not under `mkdocs.`: advice, and problems under `mkdocs serve`, must never stop MkDocs (a
# strict `serve` would end on its first build). Shown in MkDocs' own format.
preview_log = logging.getLogger("campaign_kb.preview")
if not preview_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    preview_log.addHandler(_handler)
    preview_log.propagate = False
    preview_log.setLevel(logging.INFO)  # advice (建议：…) is info, and must be seen

BANNER_SHOWN = 30  # problems listed in the banner; the log has all of them


@dataclass
class BuildReport:
    problems: list[Problem] = field(default_factory=list)
    advice: list[Problem] = field(default_factory=list)
    external: list[tuple[str, str]] = field(default_factory=list)  # (page src, url)

    def add(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def unique(self) -> list[Problem]:
        return sorted(set(self.problems), key=lambda p: (p.path, p.line or 0, p.message))

    def summary(self) -> str:
        problems = self.unique()
        lines = "\n".join(str(p) for p in problems)
        return f"知识库检查发现 {len(problems)} 个问题，请逐条修改后重新构建：\n{lines}"

    def log_details(self) -> None:
        """Advice and the external links (never fetched: readers sit on closed networks)."""
        for note in self.advice:
            preview_log.info(f"建议：{note}")
        for src, url in sorted(set(self.external)):
            log.info(f"外部链接（不检查）：docs/{src} → {url}")

    def log_problems(self, *, stopping: bool) -> None:
        """Each problem on its own line: as warnings (which fail a strict build) or, when the
        build goes on regardless (`mkdocs serve`), on the preview log."""
        for problem in self.unique():
            (log.warning if stopping else preview_log.warning)(str(problem))

    def banner(self) -> str:
        """HTML for the top of a previewed page; empty when there is nothing to fix."""
        problems = self.unique()
        if not problems:
            return ""
        items = "".join(f"<li><code>{escape(str(p))}</code></li>" for p in problems[:BANNER_SHOWN])
        more = len(problems) - BANNER_SHOWN
        if more > 0:
            items += f"<li>还有 {more} 个问题，见终端输出</li>"
        return (
            '<div class="admonition failure kb-problems" role="alert">'
            f'<p class="admonition-title">构建发现 {len(problems)} 个问题：预览仍可使用，'
            "但发布（make build、CI）会失败。改好后保存，页面会自动刷新。</p>"
            f"<ul>{items}</ul></div>"
        )
