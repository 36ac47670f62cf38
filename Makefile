# Set-up and checks. Two commands do everything on a fresh machine:
#   make demo   — create .venv, install, check the bundled Lạng Sơn plan
#   make test   — create .venv, install with test extras, lint (ruff), run the test suite
# Choose the interpreter with PYTHON=python3.12 (any CPython >= 3.11).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/lang_son_sldtbxh_2021-2025.yaml

# durable-rules ships no wheels and is compiled here (gcc and Python headers needed).
# Python 3.13 removed PyEval_CallObject, which its C extension calls; this define maps it to
# the replacement and is harmless on 3.11/3.12. setup.py overwrites CFLAGS, so it goes in
# CPPFLAGS; --no-binary stops pip from reusing a wheel built earlier without the define.
export CPPFLAGS := $(CPPFLAGS) -DPyEval_CallObject=PyObject_CallObject
PIP_INSTALL := $(BIN)/python -m pip install --quiet --no-binary durable-rules

.PHONY: demo test install install-test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(PIP_INSTALL) .

install-test: $(BIN)/python
	$(PIP_INSTALL) -e '.[test]'

demo: install
	$(BIN)/ctxh-check $(EXAMPLE); status=$$?; \
	echo "(mã thoát $$status: 0 = không có KHÔNG ĐẠT, 1 = có KHÔNG ĐẠT; lệnh: $(BIN)/ctxh-check)"; [ $$status -le 1 ]

test: install-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
