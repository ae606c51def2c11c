"""mkdocs-macros entry point: registers the knowledge-base macros, nothing else."""

from __future__ import annotations

from pathlib import Path

from campaign_kb.macros import register


def define_env(env) -> None:  # noqa: ANN001 - the macros plugin's own object
    register(env, Path(env.conf.config_file_path).parent)
