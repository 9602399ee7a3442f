# The README's two commands are `make demo` and `make test`; both set up a fresh machine first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean

install: $(STAMP)

# torch first, pinned: this CPU build is on the machine's disk, and anything looser pulls a CUDA build of several GB.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: install
	$(BIN)/triage ingest kb
	$(BIN)/triage kb stats
	$(BIN)/triage kb search "¿Cuánto tarda un reembolso?" -k 3
	$(BIN)/triage kb search "我可以用支付宝付款吗" -k 3
	$(BIN)/triage ask "我可以用支付宝付款吗？"
	$(BIN)/triage ask "Quiero hablar con una persona, mi pedido NP-20431 llegó roto"

test: install
	$(BIN)/pytest

bench: install
	$(BIN)/python evals/bench_ingest.py

clean:
	rm -rf $(VENV) data
