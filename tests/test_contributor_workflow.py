"""The pull-request workflow: CI files, pre-commit, PR template, edit links, last-updated dates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Build, Project, run_build

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_workflows_are_valid_github_actions():
    assert WORKFLOWS, "no workflow in .github/workflows/"
    done = run(
        str(BIN / "check-jsonschema"),
        "--builtin-schema",
        "vendor.github-workflows",
        *map(str, WORKFLOWS),
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_linter_catches_a_broken_workflow(tmp_path: Path):
    broken = tmp_path / "ci.yml"
    text = WORKFLOWS[0].read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1))
    done = run(
        str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken)
    )
    assert done.returncode != 0


def test_ci_runs_the_test_command_builds_uploads_and_deploys():
    text = WORKFLOWS[0].read_text(encoding="utf-8")
    for step in ("bash .ci/run", "make build", "actions/upload-artifact", "actions/deploy-pages"):
        assert step in text
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_yaml_files_pass_yamllint():
    done = run(
        str(BIN / "yamllint"),
        "--strict",
        "-c",
        ".yamllint.yml",
        "data",
        "mkdocs.yml",
        ".github",
        ".pre-commit-config.yaml",
    )
    assert done.returncode == 0, done.stdout


def test_pull_request_template_has_a_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5
    assert "make check" in template


@pytest.fixture
def git_copy(tmp_path: Path) -> Path:
    """The tracked files of the project in a fresh git repository, sharing our virtualenv."""
    copy = tmp_path / "repo"
    files = run("git", "ls-files", "--cached", "--others", "--exclude-standard").stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    (copy / ".venv").symlink_to(BIN.parent)
    for command in (["init", "-q"], ["add", "-A"]):
        run("git", *command, cwd=copy)
    return copy


def test_pre_commit_hooks_pass_then_catch_a_broken_quote(git_copy: Path):
    assert run(str(BIN / "pre-commit"), "validate-config", cwd=git_copy).returncode == 0
    done = run(str(BIN / "pre-commit"), "run", "--all-files", cwd=git_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    facts = git_copy / "data" / "facts.yml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace(
            "quote: 基层党组织4933个", "quote: 基层党组织4933各"
        ),
        encoding="utf-8",
    )
    run("git", "add", "-A", cwd=git_copy)
    done = run(str(BIN / "pre-commit"), "run", "--all-files", cwd=git_copy)
    assert done.returncode != 0
    assert "the quote «基层党组织4933各» is not in paragraph 'p-2f08e9'" in done.stdout


def test_edit_links_point_to_the_file_to_change(project: Project, monkeypatch):
    monkeypatch.setenv("KB_REPOSITORY", "example-org/campaign-kb")
    build = project.build()
    assert build.returncode == 0, build.output
    edit = build.html("cities/chengdu/").css_first("a[rel=edit]")
    assert edit.attributes["href"] == (
        "https://github.com/example-org/campaign-kb/edit/main/docs/cities/chengdu.md"
    )
    assert edit.attributes["title"] == "编辑此页"
    source_edit = build.html("sources/chengdu-2023-you-li-you-xu/").css_first("a[rel=edit]")
    assert source_edit.attributes["href"].endswith("/edit/main/data/sources.yml")


def test_no_repository_means_no_made_up_edit_link(site_build: Build):
    if os.environ.get("GITHUB_REPOSITORY") or os.environ.get("KB_REPOSITORY"):
        pytest.skip("a repository is configured in this environment")
    assert site_build.html("cities/chengdu/").css_first("a[rel=edit]") is None


def test_last_updated_date_from_git_and_outside_git(site_build: Build, project: Project):
    in_git = site_build.html("cities/chengdu/").css_first(
        ".git-revision-date-localized-plugin-date"
    )
    assert in_git is not None and "年" in in_git.text()
    build = project.build()  # a plain folder, no .git: falls back to the build date
    assert build.returncode == 0, build.output
    outside = build.html("cities/chengdu/").css_first(".git-revision-date-localized-plugin-date")
    assert outside is not None and "年" in outside.text()


def test_a_shallow_clone_builds_with_dates(git_copy: Path, tmp_path: Path):
    """CI checkouts are often shallow: dates come from the history there is, never an error."""
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
    assert run("git", *identity, "commit", "-qm", "first", cwd=git_copy).returncode == 0
    about = git_copy / "docs" / "about" / "index.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n改过。\n", encoding="utf-8")
    run("git", *identity, "commit", "-qam", "second", cwd=git_copy)
    shallow = tmp_path / "shallow"
    done = run("git", "clone", "-q", "--depth", "1", f"file://{git_copy}", str(shallow))
    assert done.returncode == 0, done.stderr
    assert run("git", "rev-parse", "--is-shallow-repository", cwd=shallow).stdout.strip() == "true"
    build = run_build(shallow, tmp_path / "site")
    assert build.returncode == 0, build.output
    date = build.html("cities/chengdu/").css_first(".git-revision-date-localized-plugin-date")
    assert date is not None and "年" in date.text()
