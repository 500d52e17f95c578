# Two commands on a fresh clone: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
OUT    := out

.PHONY: demo test lint typecheck install install-dev clean bench

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

# One install, not two: each `pip install -e` compiles the optional core again (setup.py).
$(VENV)/.dev: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(VENV)/.base $@

install: $(VENV)/.base
install-dev: $(VENV)/.dev

demo: $(VENV)/.base
	$(PY) -m textcode report --sample ifv2020 --out $(OUT)/ifv2020 --quiet

lint: $(VENV)/.dev
	$(PY) -m ruff check textcode tests benchmarks
	$(PY) -m ruff format --check textcode tests benchmarks

typecheck: $(VENV)/.dev
	$(PY) -m mypy textcode

# One worker per core; a file's tests stay together (module fixtures such as a server).
test: lint typecheck
	$(PY) -m pytest -n auto --dist loadfile

bench: $(VENV)/.dev
	$(PY) benchmarks/bench_coding.py --n 200000

clean:
	rm -rf $(VENV) $(OUT) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
	rm -f textcode/coding/_core.cpp textcode/coding/_core.*.so textcode/coding/_core.*.pyd
