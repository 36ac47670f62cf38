# Set-up and checks. Two commands do everything on a fresh machine:
#   make demo   — create .venv, install, check the bundled Lạng Sơn plan
#   make test   — create .venv, install with test extras, lint (ruff), check the import layers, run the test suite
#   make serve  — create .venv, install with the web extra, start the web page and API (HOST, PORT)
# Choose the interpreter with PYTHON=python3.12 (any CPython >= 3.11).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/lang_son_sldtbxh_2021-2025.yaml

# durable-rules ships no wheels and is compiled here (a C compiler and the Python headers are needed:
# checked first, with the packages to install). Python 3.13 removed PyEval_CallObject, which its C
# extension calls; this define maps it to the replacement and is harmless on 3.11/3.12. setup.py
# overwrites CFLAGS, so it goes in CPPFLAGS. The engine is built on its own, with --no-cache-dir:
# --no-binary alone lets pip reuse a wheel it built earlier (without the define), and the import is
# verified before anything else is installed.
export CPPFLAGS := $(CPPFLAGS) -DPyEval_CallObject=PyObject_CallObject
PIP_INSTALL := $(BIN)/python -m pip install --quiet
ENGINE := durable-rules>=2.0.28

.PHONY: demo test engine install install-test bench serve clean

$(BIN)/python:
	@command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || { \
	  echo "Cần trình biên dịch C để dựng durable-rules (Debian/Ubuntu: apt-get install build-essential python3-dev)." >&2; exit 1; }
	@$(PYTHON) -c 'import os, sysconfig, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' || { \
	  echo "Thiếu header của Python (Python.h) để dựng durable-rules (Debian/Ubuntu: apt-get install python3-dev)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

engine: $(BIN)/python
	@$(BIN)/python -c 'import durable.lang' 2>/dev/null || $(PIP_INSTALL) --force-reinstall --no-cache-dir --no-binary durable-rules '$(ENGINE)'
	@$(BIN)/python -c 'import durable.lang' || { echo "durable-rules không nạp được sau khi dựng (xem lỗi ở trên)." >&2; exit 1; }

install: engine
	$(PIP_INSTALL) .

install-test: engine
	$(PIP_INSTALL) -e '.[test]'

demo: install
	$(BIN)/ctxh-check $(EXAMPLE); status=$$?; \
	echo "(mã thoát $$status: 0 = không có KHÔNG ĐẠT, 1 = có KHÔNG ĐẠT; lệnh: $(BIN)/ctxh-check)"; \
	echo "(văn bản Word: $(BIN)/ctxh-check examples/lang_son_sldtbxh_2021-2025.docx)"; [ $$status -le 1 ]

test: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

serve: engine
	$(PIP_INSTALL) '.[web]'
	$(BIN)/ctxh-check serve --host $(or $(HOST),127.0.0.1) --port $(or $(PORT),8000)

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
