"""A page's `{{ … }}` as a closed language: our macros with literal arguments, nothing else.

The template is parsed with Jinja and every node is checked against an allow-list before
mkdocs-macros renders anything. A sandbox alone would still hand the page every object the
macros plugin puts in its context (`config`, `environment`, the plugin itself); an allow-list of
nodes leaves a page no way to reach them, to include files, or to raise an error at render time.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes

from ..front_matter import PageSource
from ..macros import MACROS, MacroError, MacroPage, check_arguments, render_macro
from ..problems import Problem

_ALLOWED = (
    "页面里只能调用本站的宏，参数只能是直接写出的 id 或数字，例如 {{ city_facts('chengdu') }}"
)
_CONSTRUCTS = {
    nodes.Getattr: "取属性（.）",
    nodes.Getitem: "取下标（[ ]）",
    nodes.Filter: "过滤器（|）",
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "import",
    nodes.Extends: "extends",
    nodes.If: "if",
    nodes.For: "for",
    nodes.Macro: "macro",
    nodes.Assign: "set",
    nodes.AssignBlock: "set",
    nodes.Block: "block",
    nodes.Name: "变量",
    nodes.Call: "调用（只能直接调用本站的宏）",
    nodes.BinExpr: "运算",
    nodes.UnaryExpr: "运算",
    nodes.Compare: "比较",
    nodes.CondExpr: "条件表达式",
    nodes.List: "列表",
    nodes.Tuple: "元组",
    nodes.Dict: "字典",
    nodes.Concat: "字符串拼接（~）",
    nodes.With: "with",
    nodes.CallBlock: "call",
    nodes.FilterBlock: "filter",
    nodes.Scope: "scope",
}


@dataclass(frozen=True)
class MacroCall:
    """One allowed call, with the line of the page it is on."""

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    line: int | None = None

    def __str__(self) -> str:
        shown = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f"{self.name}({', '.join(shown)})"


def check_macro_calls(path: str, page: PageSource) -> tuple[list[MacroCall], list[Problem]]:
    """The page's macro calls, and a problem for anything else in its `{{ }}` / `{% %}`.

    Only pages with `render_macros: true` are rendered by mkdocs-macros; others are plain text.
    """
    if not page.meta.get("render_macros"):
        return [], []
    calls: list[MacroCall] = []
    problems: list[Problem] = []
    title = page.meta.get("title")
    parts = [(page.body, page.body_line)]
    if isinstance(title, str):  # mkdocs-macros renders the title too
        parts.append((title, _line_of_key(page.text, "title")))
    for text, first_line in parts:
        try:
            template = jinja2.Environment(autoescape=False).parse(text)
        except jinja2.TemplateSyntaxError as err:
            problems.append(
                Problem(
                    path,
                    first_line + (err.lineno or 1) - 1,
                    f"宏的写法有误：{err.message} — 检查 {{{{ … }}}} 的括号和引号是否成对",
                )
            )
            continue
        for node in template.body:
            found, wrong = _outputs(node, first_line)
            calls += found
            problems += [Problem(path, line, message) for line, message in wrong]
    return calls, problems


# A `{{ }}`, `{% %}` or `{# #}` span, for keeping the good calls of a page that has a bad one.
_SPAN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
BAD_CALL_MARK = "**（此处的宏有误，见构建输出）**"


def without_bad_calls(page: PageSource) -> str | None:
    """The page's body with every span that is not one allowed call replaced by a mark, so
    that its good calls still render (one typo must not blank a page, nor break every link to
    the headings a macro makes); None if even that is not a closed-language page."""

    def keep(match: re.Match[str]) -> str:
        try:
            template = jinja2.Environment(autoescape=False).parse(match.group(0))
        except jinja2.TemplateSyntaxError:
            return BAD_CALL_MARK
        if len(template.body) != 1:
            return BAD_CALL_MARK
        found, wrong = _outputs(template.body[0], 1)
        return match.group(0) if found and not wrong else BAD_CALL_MARK

    body = _SPAN.sub(keep, page.body)
    cleaned = PageSource(page.text, page.meta, body)
    return body if not check_macro_calls("", cleaned)[1] else None


def render_problems(path: str, calls: list[MacroCall], page: MacroPage) -> list[Problem]:
    """Render each call as the build would, for `kb check`: an unknown id is found without a
    build."""
    problems = []
    for call in calls:
        _, message = render_call(call, page)
        if message:
            problems.append(Problem(path, call.line, message))
    return problems


def render_call(call: MacroCall, page: MacroPage) -> tuple[str, str | None]:
    """The call's Markdown, and why it failed (in an editor's words) or None."""
    try:
        return render_macro(call.name, page, *call.args, **call.kwargs), None
    except MacroError as err:
        message = f"宏 {call}：{err}"
    except Exception as err:  # noqa: BLE001 - a bug in a macro is reported, never a traceback
        message = f"宏 {call} 出错（{type(err).__name__}: {err}）— 这是程序的问题，请告诉维护者"
    return f"**（宏 {call.name} 出错，见构建输出）**", message


def _outputs(node: nodes.Node, first_line: int) -> tuple[list[MacroCall], list[tuple[int, str]]]:
    line = first_line + (node.lineno or 1) - 1
    if not isinstance(node, nodes.Output):
        return [], [(line, _not_allowed(node))]
    calls, problems = [], []
    for child in node.nodes:
        if isinstance(child, nodes.TemplateData):
            continue
        line = first_line + (child.lineno or 1) - 1
        call, message = _call(child)
        if call is None:
            problems.append((line, message))
        else:
            calls.append(MacroCall(call[0], call[1], call[2], line))
    return calls, problems


def _call(node: nodes.Node) -> tuple[tuple[str, tuple, dict] | None, str]:
    """(name, args, kwargs) of an allowed call, or None and why it is not allowed."""
    if isinstance(node, nodes.Name) and node.name in MACROS:
        return None, f"宏 {node.name} 要加括号调用：{{{{ {node.name}() }}}}"
    if isinstance(node, nodes.Name):
        return None, _unknown(node.name)
    if not isinstance(node, nodes.Call) or not isinstance(node.node, nodes.Name):
        return None, _not_allowed(node)
    name = node.node.name
    if name not in MACROS:
        return None, _unknown(name)
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        return None, _not_allowed(node)
    values = [*node.args, *(k.value for k in node.kwargs)]
    if not all(isinstance(v, nodes.Const) for v in values):
        bad = next(v for v in values if not isinstance(v, nodes.Const))
        return None, _not_allowed(bad)
    args = tuple(v.value for v in node.args)  # type: ignore[attr-defined]
    kwargs = {k.key: k.value.value for k in node.kwargs}  # type: ignore[attr-defined]
    wrong = check_arguments(name, args, kwargs)
    return (None, wrong) if wrong else ((name, args, kwargs), "")


def _unknown(name: str) -> str:
    guess = difflib.get_close_matches(name, sorted(MACROS), n=1)
    hint = f"是不是要写 '{guess[0]}'？" if guess else "可用的宏：" + "、".join(sorted(MACROS))
    return f"未知的宏或变量 '{name}' — {hint}"


def _not_allowed(node: nodes.Node) -> str:
    construct = next(
        (label for kind, label in _CONSTRUCTS.items() if isinstance(node, kind)),
        type(node).__name__,
    )
    return f"不允许的模板写法：{construct} — {_ALLOWED}"


def _line_of_key(text: str, key: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1
