# Data-Centric AI and the Hugging Face Hub: course tasks.
#   make lab    set up (once) and open the course in JupyterLab, nbgrader extensions enabled
#   make test   set up (once) and run the test suite
#   make lint   ruff (lint + format check) and mypy on the packages
# Others: setup, release, demo, bench, clean-grading.

# Where the course's Python lives. Inside the activated conda environment of environment.yml (`conda activate
# dcai-labs`) that environment is used as it is, with nothing installed a second time; otherwise a .venv here.
CONDA_ENV_NAME := dcai-labs
ifeq ($(CONDA_DEFAULT_ENV),$(CONDA_ENV_NAME))
ENV_DIR := $(CONDA_PREFIX)
PYTHON  := $(CONDA_PREFIX)/bin/python
else
ENV_DIR := .venv
PYTHON  ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
endif
BIN    := $(ENV_DIR)/bin
STAMP  := $(ENV_DIR)/.dcai-labs-installed
# torch: a plain `pip install torch` on Linux takes the CUDA build (several GB of NVIDIA libraries). For the
# CPU-only build, which is all the course needs, name PyTorch's CPU index once:
#   make setup TORCH_INDEX=https://download.pytorch.org/whl/cpu
TORCH_INDEX ?=
TORCH_PIN := $(shell sed -n 's/^ *"\(torch==[^"]*\)",*$$/\1/p' pyproject.toml)

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
export PATH := $(abspath $(BIN)):$(PATH)
export HF_HUB_DISABLE_TELEMETRY := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup lab test lint format release demo bench clean-grading

setup: $(STAMP)

# Re-runs only when pyproject.toml changes: a second `make setup` takes well under a second. In the conda
# environment the project is already installed by environment.yml: the first run only checks that.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is needed (found " + sys.version.split()[0] + "); set PYTHON=/path/to/python3.11"'
ifeq ($(ENV_DIR),.venv)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(ENV_DIR)
	$(BIN)/python -m pip install --quiet --upgrade pip
endif
	@if [ ! -e $@ ] && [ "$(ENV_DIR)" != ".venv" ] && $(BIN)/python -c 'import dcai_labs, localhub' 2>/dev/null; then \
		echo "using the conda environment $(CONDA_ENV_NAME) as installed by environment.yml"; \
	else \
		$(if $(TORCH_INDEX),$(BIN)/python -m pip install --quiet '$(TORCH_PIN)' --index-url '$(TORCH_INDEX)' &&) \
		$(BIN)/python -m pip install --quiet -e '.[dev]'; \
	fi
	@touch $@
	@echo "environment ready in $(ENV_DIR)/"

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
	rm -rf grading/submitted grading/autograded grading/feedback grading/exchange grading/gradebook.db grading/grading-ledger.db grading/.grading-ledger.key grading/grades.csv
