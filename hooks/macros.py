"""mkdocs-macros module: the `kb` plugin registers the knowledge base's macros."""

from __future__ import annotations


def define_env(env) -> None:  # noqa: ANN001 - the macros plugin's own object
    env.conf.plugins["kb"].register_macros(env)
