# Brief: `make run` starts the app on the offline model; `make test` runs every test offline.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8501
PIP    := $(BIN)/python -m pip install --disable-pip-version-check --quiet

.PHONY: install install-dev run test lint format bench lock clean

# Runtime dependencies, hash-checked, then Brief itself (editable, no network build).
$(VENV)/.installed: requirements/main.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r requirements/main.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

# Test and lint tools on top, also hash-checked.
$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev.txt
	$(PIP) --require-hashes --no-deps -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/streamlit run app.py --server.headless true --server.address $(HOST) --server.port $(PORT)

# The browser test needs Debian's chromium: installed here when missing (as root), else a one-line
# command to run is printed and the target fails. It is never skipped.
test: install-dev
	sh scripts/ensure_chromium.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-dev
	$(BIN)/python scripts/bench_drafter.py
	@for s in scripts/bench_*.py; do [ "$$s" = scripts/bench_drafter.py ] || $(BIN)/python $$s; done

# Re-pin after editing requirements/*.in (needs uv: `$(BIN)/pip install uv`).
lock:
	cd requirements && uv pip compile main.in --generate-hashes --python-version 3.11 -o main.txt
	cd requirements && uv pip compile dev.in --generate-hashes --python-version 3.11 -o dev.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
