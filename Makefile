# Two commands on a fresh clone: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
OUT    := out

.PHONY: demo test lint typecheck install install-dev core clean bench

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

# The dev venv installs textcode without its compiled core; the core is built in place (what
# `core` does) from the build tools of pyproject.toml, which go into the venv first, so nothing
# is installed twice in an isolated build environment. The compiler (one core) runs while pip
# unpacks the dev tools (the other): half a minute of compiling off the way to the tests.
# --no-compile: Python compiles the modules the tests import when they import them;
# byte-compiling all 1.5 GB of the dev tools ahead cost half a minute of one core. The venv's
# own pip is new enough for an editable install (PEP 660); no upgrade is needed.
$(VENV)/.dev: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))\
	  ['build-system']['requires'], sep='\n')" | $(PY) -m pip install --quiet --no-compile -r /dev/stdin
	$(PY) setup.py --quiet build_ext --inplace & core=$$!; \
	TEXTCODE_PURE_PYTHON=1 $(PY) -m pip install --quiet --no-compile --no-build-isolation -e '.[dev]'; \
	installed=$$?; wait $$core && exit $$installed
	@touch $(VENV)/.base $@

# The compiled core, in place; setuptools skips it when it is newer than _core.pyx.
core: $(VENV)/.dev
	$(PY) setup.py --quiet build_ext --inplace

install: $(VENV)/.base
install-dev: $(VENV)/.dev core

demo: $(VENV)/.base
	$(PY) -m textcode report --sample ifv2020 --out $(OUT)/ifv2020 --quiet

lint: $(VENV)/.dev
	$(PY) -m ruff check textcode tests benchmarks
	$(PY) -m ruff format --check textcode tests benchmarks

typecheck: $(VENV)/.dev
	$(PY) -m mypy textcode

# One worker per core; a file's tests stay together (module fixtures such as a server), the
# longest files first (tests/conftest.py).
# mypy (one process) runs beside the tests; `core` only checks that the core is up to date
# (it was built with the venv) or rebuilds it after a change to _core.pyx.
test: lint
	$(PY) -m mypy textcode & typecheck=$$!; \
	$(MAKE) --no-print-directory core && $(PY) -m pytest -n auto --dist loadfile --no-loadscope-reorder; tests=$$?; \
	wait $$typecheck && exit $$tests

bench: core
	$(PY) benchmarks/bench_coding.py --n 200000

clean:
	rm -rf $(VENV) $(OUT) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
	rm -f textcode/coding/_core.cpp textcode/coding/_core.*.so textcode/coding/_core.*.pyd
