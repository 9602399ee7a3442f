# The README's two commands are `make demo` and `make test`; both set up a fresh machine first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install system demo test test-fast check bench clean

# Root installs system packages itself; anyone else through sudo.
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

install: $(STAMP)

# torch first, pinned: this CPU build is on the machine's disk, and anything looser pulls a CUDA build of several GB.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The demo's orders are written dated around today; a TRIAGE_ORDERS of your own wins. Its team's
# hours are the ones the sample KB states (kb/contact.txt: 08:00-20:00 CET, Saturday 09:00-17:00).
DEMO_HOURS := Mon-Fri 08:00-20:00; Sat 09:00-17:00
demo: install
	$(BIN)/triage ingest kb
	$(BIN)/triage orders demo data/demo-orders.jsonl
	@echo
	@echo "  Store demo with the chat widget:  http://127.0.0.1:8000/demo"
	@echo "  Agent inbox:                      http://127.0.0.1:8000/agent   (agent key: demo-agent-key)"
	@echo "  API description:                  http://127.0.0.1:8000/docs"
	@echo "  Track an order in the chat:       NP-10001 with anna@example.com (NP-10003, carl@example.com, is late)"
	@echo
	TRIAGE_ORDERS=$${TRIAGE_ORDERS:-file:data/demo-orders.jsonl} \
	TRIAGE_BUSINESS_HOURS="$${TRIAGE_BUSINESS_HOURS:-$(DEMO_HOURS)}" TRIAGE_TIMEZONE=$${TRIAGE_TIMEZONE:-Europe/Amsterdam} \
	$(BIN)/triage serve --host 127.0.0.1 --port 8000

# The browser tests drive Debian's chromium; the database tests start Debian's PostgreSQL.
system:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

test: install system
	$(BIN)/pytest

# The loop to live in: all but the browser and load tests (CI and `make test` run those too).
test-fast: install system
	$(BIN)/pytest -m "not browser and not load"

# Lint everything; type-check the core.
check: install
	$(BIN)/ruff check assistant api ingest cli evals tests
	$(BIN)/mypy

# wrk (Debian) drives the HTTP load; without it the benchmark uses its own Python client only.
bench: install
	@command -v wrk >/dev/null 2>&1 || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk) || true
	$(BIN)/python -m evals.bench.ingest
	$(BIN)/triage ingest kb
	$(BIN)/python -m evals.bench.retrieve
	$(BIN)/python -m evals.bench.server

clean:
	rm -rf $(VENV) data
