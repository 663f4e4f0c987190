# Data-Centric AI and the Hugging Face Hub: course tasks.
#   make lab    set up (once) and open the course in JupyterLab, nbgrader extensions enabled
#   make test   set up (once) and run the test suite
#   make lint   ruff (lint + format check) and mypy on the packages
# Others: setup, release, demo, bench, clean-grading.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# make lab LAB_PORT=9999 LAB_ARGS="--no-browser"
LAB_PORT ?= 8888
LAB_ARGS ?=
FIRST_NOTEBOOK := notebooks/01_data_centric_ai/01_data_centric_ai.ipynb
# Jupyter refuses to run as root unless told (containers and CI machines often run as root).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
# make test PYTEST_ARGS="-k lab01 -x"
PYTEST_ARGS ?=

export JUPYTER_CONFIG_PATH := $(CURDIR)/grading
# nbgrader runs the environment's `alembic` command; kernels and terminals should see the course's tools.
export PATH := $(CURDIR)/$(BIN):$(PATH)
export HF_HUB_DISABLE_TELEMETRY := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup lab test lint format release demo bench clean-grading

setup: $(STAMP)

# Re-runs only when pyproject.toml changes: a second `make setup` takes well under a second.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is needed (found " + sys.version.split()[0] + "); set PYTHON=/path/to/python3.11"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@
	@echo "environment ready in $(VENV)/"

# The local Hub starts on a free loopback port beside JupyterLab (data in ~/.cache/dcai-labs/hub) and every kernel
# gets HF_ENDPOINT/HF_TOKEN for it. `make lab HUB=off` uses the real Hugging Face Hub instead.
HUB ?= on
lab: setup
	$(BIN)/dcai lab $(if $(filter off,$(HUB)),--no-hub) -- --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) \
		--ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/$(FIRST_NOTEBOOK) --LabApp.extension_manager=readonly \
		$(ALLOW_ROOT) $(LAB_ARGS)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Style and types: what CI checks before the tests. `make format` rewrites files the way `lint` wants them.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

release: setup
	$(BIN)/dcai release

demo: setup
	$(BIN)/dcai demo

bench: setup
	$(BIN)/python -m benchmarks

# Removes nbgrader's runtime state (submissions, autograded copies, feedback, gradebook): asks nothing, keeps source/.
clean-grading:
	rm -rf grading/submitted grading/autograded grading/feedback grading/exchange grading/gradebook.db grading/grades.csv
