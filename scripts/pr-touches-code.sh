#!/usr/bin/env bash
# Reads the paths a pull request changes (one a line, as `git diff --name-only` prints them) and,
# when any of them is code or build settings, prints a warning in Markdown (Chinese and English)
# for the CI job summary. Prints nothing when the pull request only changes content.
# Usage: git diff --name-only origin/main...HEAD | scripts/pr-touches-code.sh
set -euo pipefail

touched=()
while IFS= read -r path || [[ -n "$path" ]]; do
  case "$path" in
    hooks/* | src/* | scripts/* | overrides/* | .github/* | .ci/* | tests/* | benchmarks/* | \
      docs/assets/* | mkdocs.yml | Makefile | pyproject.toml | .pre-commit-config.yaml)
      touched+=("$path")
      ;;
  esac
done
[[ ${#touched[@]} -eq 0 ]] && exit 0

cat <<'TEXT'
## ⚠️ 此 PR 修改了代码或构建设置 / This pull request changes code or build settings

**中文：**这个 PR 改动了构建时会运行的代码或构建设置。用 `make serve` 或 `make test` 在自己电脑上预览，就会在你的电脑上运行这些代码。请先逐行审阅下列文件的改动；要看效果，请下载 CI 生成的 `site-preview` 产物。

**English:** this pull request changes code or build settings that run during the build.
Previewing it with `make serve` or `make test` runs that code on your machine. Review the changes
to these files line by line first; to see the result, download the CI `site-preview` artifact.

TEXT
for path in "${touched[@]}"; do
  printf -- '- `%s`\n' "${path//\`/\'}"
done
