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
# The build tools of pyproject.toml go into the venv first and the core is built there, not
# in an isolated build environment that would install spaCy and numpy a second time.
$(VENV)/.dev: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))\
	  ['build-system']['requires'], sep='\n')" | $(PY) -m pip install --quiet -r /dev/stdin
	$(PY) -m pip install --quiet --no-build-isolation -e '.[dev]'
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
# mypy (one process) runs beside pytest, on the core a worker leaves idle at the end.
test: lint $(VENV)/.dev
	$(PY) -m mypy textcode & typecheck=$$!; \
	$(PY) -m pytest -n auto --dist loadfile; tests=$$?; \
	wait $$typecheck && exit $$tests

bench: $(VENV)/.dev
	$(PY) benchmarks/bench_coding.py --n 200000

clean:
	rm -rf $(VENV) $(OUT) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
	rm -f textcode/coding/_core.cpp textcode/coding/_core.*.so textcode/coding/_core.*.pyd
