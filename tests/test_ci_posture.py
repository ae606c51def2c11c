"""CI posture: pull requests run read-only without secrets, deploy only from main, code flagged."""

from __future__ import annotations

import subprocess

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
FLAG = ROOT / "scripts" / "pr-touches-code.sh"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _pr_jobs(workflow: dict) -> dict[str, dict]:
    """Jobs that run for a pull request: those without an `if:` naming main."""
    return {
        name: job
        for name, job in workflow["jobs"].items()
        if "refs/heads/main" not in str(job.get("if", ""))
    }


def test_the_token_is_read_only_by_default(workflow: dict) -> None:
    assert workflow["permissions"] == {"contents": "read"}


def test_pull_requests_never_run_with_the_base_repository_rights(workflow: dict) -> None:
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers


def test_pull_request_jobs_have_no_secrets_and_no_write_permission(workflow: dict) -> None:
    jobs = _pr_jobs(workflow)
    assert "test-and-build" in jobs
    for name, job in jobs.items():
        text = yaml.safe_dump(job)
        assert "secrets." not in text, name
        assert all(v in ("read", "none") for v in job.get("permissions", {}).values()), name


def test_deployment_is_its_own_job_and_only_on_main(workflow: dict) -> None:
    deploying = [
        name for name, job in workflow["jobs"].items() if "actions/deploy-pages" in str(job)
    ]
    assert deploying == ["deploy"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["needs"] == "test-and-build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "deploy-pages" not in str(workflow["jobs"]["test-and-build"])


def test_pull_requests_that_change_code_are_flagged(workflow: dict) -> None:
    steps = workflow["jobs"]["test-and-build"]["steps"]
    [flag] = [s for s in steps if "pr-touches-code.sh" in s.get("run", "")]
    assert flag["if"] == "github.event_name == 'pull_request'"
    assert "$GITHUB_STEP_SUMMARY" in flag["run"]
    assert flag["env"] == {"BASE_REF": "${{ github.base_ref }}"}  # not expanded inside the script
    names = [s.get("name", "") for s in steps]
    assert names.index(flag["name"]) < names.index(
        "Run every test (installs chromium and the virtualenv)"
    )


def flag(paths: list[str]) -> str:
    done = subprocess.run(
        ["bash", str(FLAG)], input="\n".join(paths), capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.mark.parametrize(
    "path",
    [
        "hooks/kb_hooks.py",
        "src/campaign_kb/cli.py",
        "mkdocs.yml",
        "Makefile",
        "pyproject.toml",
        ".github/workflows/ci.yml",
        "scripts/system-deps.sh",
        "overrides/main.html",
        ".ci/run",
        "tests/conftest.py",
        "docs/assets/kb-search.js",
    ],
)
def test_code_and_build_settings_are_flagged(path: str) -> None:
    out = flag(["data/facts.yml", path, "docs/index.md"])
    assert out.startswith(
        "## ⚠️ 此 PR 修改了代码或构建设置 / This pull request changes code or build settings\n"
    )
    assert "用 `make serve` 或 `make test` 在自己电脑上预览，就会在你的电脑上运行这些代码" in out
    assert "Previewing it with `make serve` or `make test` runs that code on your machine" in out
    assert out.endswith(f"\n\n- `{path}`\n")


@pytest.mark.parametrize(
    "paths",
    [
        ["data/facts.yml", "data/raw/005_x.txt", "docs/cities/chengdu.md", "CONTRIBUTING.md"],
        ["docs/src/x.md", "data/hooks.yml", "README.md"],
        [],
    ],
)
def test_content_changes_are_not_flagged(paths: list[str]) -> None:
    assert flag(paths) == ""


def test_every_touched_path_is_listed() -> None:
    out = flag(["src/a.py", "data/x.yml", "hooks/b`c.py", "docs/../Makefile"])
    assert out.endswith("\n\n- `src/a.py`\n- `hooks/b'c.py`\n")


def test_the_guide_tells_reviewers_not_to_preview_code_changes_locally() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split("### 审阅别人的 PR")[1].split("\n## ")[0]
    assert "预览和测试会在你的电脑上运行 PR 里的代码" in section
    assert "`site-preview` 产物" in section
    script = FLAG.read_text(encoding="utf-8")
    listed = script.split('case "$path" in')[1].split(")")[0]
    for pattern in listed.replace("\\\n", " ").split("|"):
        assert f"`{pattern.strip().removesuffix('*')}`" in section, pattern
