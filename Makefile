# cnfiscal — make setup | run | test | lint | bench
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: setup run test lint bench schema clean

$(BIN)/cnfiscal: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev,ocr,dask,report]"
	touch $@

setup: $(BIN)/cnfiscal

# The main job on the bundled sample documents: a DuckDB file and an HTML audit report in $(OUT)/.
run: setup
	mkdir -p $(OUT)
	$(BIN)/cnfiscal ingest samples --db $(OUT)/corpus.duckdb
	$(BIN)/cnfiscal report --db $(OUT)/corpus.duckdb -o $(OUT)/report --xlsx $(OUT)/findings.xlsx

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/python scripts/check_max_lines.py
	$(BIN)/python scripts/check_layers.py

bench: setup
	$(BIN)/python -m bench

schema: setup
	$(BIN)/python -c "import json; from cnfiscal.models import json_schema; print(json.dumps(json_schema(), ensure_ascii=False, indent=2))" > docs/schema.json

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
