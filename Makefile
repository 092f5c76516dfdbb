# cnfiscal — make setup | run | test | test-latest | lock | lint | bench
# Installs exactly uv.lock into .venv with uv (itself pinned, with hashes, in requirements-uv.txt).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
TOOLS := .tools
UV := $(TOOLS)/bin/uv
LATEST ?= .venv-latest
# uv uses the Python given (never downloads one) and the project's venv
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: setup run test test-latest lock lint bench schema clean

$(UV): requirements-uv.txt
	$(PY) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install -q --require-hashes -r requirements-uv.txt
	touch $@

# The venv holds the lock and nothing else (uv sync removes what the lock does not name). A venv made
# before the lock may hold the GUI OpenCV too; removing it takes the shared cv2 folder with it, hence the
# reinstall of the headless one when cv2 no longer imports.
SYNC := $(UV) sync --locked --all-extras --python $(PY)
$(BIN)/cnfiscal: pyproject.toml uv.lock $(UV)
	$(SYNC)
	$(BIN)/python -c "import cv2" 2>/dev/null || $(SYNC) --reinstall-package opencv-python-headless
	touch $@

setup: $(BIN)/cnfiscal

# After editing dependencies in pyproject.toml, or to move the lock to the newest releases (`make lock UPGRADE=1`).
lock: $(UV)
	$(UV) lock $(if $(UPGRADE),--upgrade)

# The main job on the bundled sample documents: a DuckDB file and an HTML audit report in $(OUT)/.
run: setup
	mkdir -p $(OUT)
	$(BIN)/cnfiscal ingest samples --db $(OUT)/corpus.duckdb
	$(BIN)/cnfiscal report --db $(OUT)/corpus.duckdb -o $(OUT)/report --xlsx $(OUT)/findings.xlsx

test: setup
	$(BIN)/python -m pytest -q

# The suite against the newest releases of every dependency (a fresh venv, the lock ignored): drift is
# found here before a user finds it. Green: `make lock UPGRADE=1` and commit the new uv.lock.
test-latest: $(UV)
	rm -rf $(LATEST)
	$(UV) venv -q $(LATEST) --python $(PY)
	VIRTUAL_ENV=$(LATEST) $(UV) pip install -q --refresh -e ".[dask]" --group dev
	VIRTUAL_ENV=$(LATEST) $(UV) pip list | grep -i -E '^(pymupdf|numpy|opencv-python[-a-z]*|pillow|onnxruntime|matplotlib) '
	$(LATEST)/bin/python -m pytest -q

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
	rm -rf $(VENV) $(LATEST) $(TOOLS) $(OUT) .pytest_cache .mypy_cache .ruff_cache
