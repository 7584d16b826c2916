# Every target sets itself up: it creates or refreshes .venv from pyproject.toml first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make bench` also needs the optional [bench] extra (NegMAS); a stamp of its own keeps it
# out of what `make test` and `make play` install.
BENCH_STAMP := $(VENV)/.installed-bench
export SDL_AUDIODRIVER ?= dummy

.PHONY: play test bench typecheck clean native

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

# The game's hot modules compiled with mypyc into build/native (about a minute, once, and
# again after they change); the game runs from its Python source where it cannot be built.
native: $(STAMP)
	$(BIN)/python -m tools.build_native

play: native
	$(BIN)/python main.py

test: native
	SDL_VIDEODRIVER=dummy $(BIN)/python -m pytest
	$(BIN)/python -m mypy
	$(BIN)/python -m ruff check game benchmarks tests main.py tools

typecheck: $(STAMP)
	$(BIN)/python -m mypy

bench: $(BENCH_STAMP) native
	SDL_VIDEODRIVER=dummy $(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .hypothesis *.egg-info
