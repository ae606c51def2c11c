# The two commands of README.md: `make serve` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test check ingest lint clean bench bench-search

$(STAMP): pyproject.toml
	scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

serve: setup ## set up, then preview the site at http://127.0.0.1:8000
	$(BIN)/mkdocs serve

build: setup ## set up, then build the site into site/ (strict)
	$(BIN)/mkdocs build

test: setup ## set up (browser included), then run every test
	scripts/system-deps.sh --browser
	$(BIN)/ruff check src hooks tests benchmarks
	$(BIN)/python -m pytest

check: setup ## fast check of data, links and glossary without a full build
	$(BIN)/kb check

ingest: setup ## regenerate docs/sources/*.md from data/raw/
	$(BIN)/kb ingest

bench-search: build ## search quality on benchmarks/search_queries.yml (needs chromium)
	scripts/system-deps.sh --browser
	$(BIN)/python benchmarks/search_quality.py

bench: setup ## build, memory, search and preview cost at 100 and 1,000 reports → benchmarks/RESULTS.md
	scripts/system-deps.sh --browser
	$(BIN)/python benchmarks/scale.py

lint: setup
	$(BIN)/ruff check src hooks tests benchmarks
	$(BIN)/ruff format --check src hooks tests benchmarks

clean:
	rm -rf site $(VENV)
