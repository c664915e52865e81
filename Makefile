# Two commands for a newcomer: `make run` and `make test`. Both keep the virtualenv in .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
PO_FILES := $(wildcard labour_democracy/locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
PYTEST_XDIST = $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist loadgroup)

.PHONY: run test install lint messages

# A step that fails leaves no target behind (a half-made venv, a stamp), so the next run redoes it.
.DELETE_ON_ERROR:

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "No python3 found: install Python 3.11 or newer."; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "$(PYTHON) is older than Python 3.11: run 'make PYTHON=/path/to/python3.11 ...'."; \
	  exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The app alone for `make run`; the test tools (pytest, Playwright, ruff) for `make test`.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

install: $(TEST_STAMP) $(MO_FILES)

run: $(STAMP) $(MO_FILES)
	$(BIN)/labour-democracy migrate
	$(BIN)/labour-democracy demo --if-empty
	$(BIN)/labour-democracy serve --host $(HOST) --port $(PORT)

# SQLite by default; LD_TEST_DATABASE_URL=postgresql://... runs the suite on PostgreSQL.
# In PYTEST_WORKERS processes (pytest-xdist; each has its own database, see tests/conftest.py);
# PYTEST_WORKERS=0 runs it in this one.
# Tests needing Chromium or LibreOffice skip, listed with their reason (-rfEs: failures,
# errors and skips summarised at the end), unless LD_REQUIRE_ALL_TESTS=1.
# The tests run even when lint fails, so one run shows every problem; then the target fails.
test: install
	@failed=""; \
	echo "ruff check ."; $(BIN)/ruff check . || failed="$$failed lint"; \
	echo "ruff format --check ."; $(BIN)/ruff format --check . || failed="$$failed format"; \
	echo "pytest -rfEs $(PYTEST_XDIST) $(PYTEST_ARGS)"; \
	$(BIN)/pytest -rfEs $(PYTEST_XDIST) $(PYTEST_ARGS) || failed="$$failed tests"; \
	if [ -n "$$failed" ]; then echo "make test failed:$$failed"; exit 1; fi

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract new strings into every catalogue (see docs/development.md).
messages: install
	$(BIN)/python -m labour_democracy.catalogues update
