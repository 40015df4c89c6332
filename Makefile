# AMIF-assistent — every command a newcomer or CI needs. `make run` and `make test`
# set everything up on first use; later calls skip what is already up to date.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV     := .venv
PY       := $(VENV)/bin/python
RASA     := scripts/rasa
# Stamp files: make compares their times with the inputs they were built from.
DEPS_OK  := $(VENV)/.deps-installed
SPACY_OK := .spacy/.setup-done
# Rewritten only when the choice changes, so a set-up rerun does not force a retrain.
SPACY_SELECTION := .spacy/selected-model
MODEL_OK := models/.trained-for-inputs

TRAIN_INPUTS := config.yml domain.yml $(wildcard data/*.yml) $(SPACY_SELECTION)
# Website widget: socket.io-client (and axe-core for the browser test) from npm, pinned in
# widget/package-lock.json; the build copies socket.io.min.js next to widget.js.
WIDGET_NPM_OK := widget/node_modules/.installed
WIDGET_IO     := widget/static/socket.io.min.js
CHROMIUM      := /usr/bin/chromium
SHELLCHECK    := /usr/bin/shellcheck
HUNSPELL_NL   := /usr/share/hunspell/nl.dic

.PHONY: help setup run shell train validate calls test test-python test-stories test-nlu test-e2e clean
.PHONY: lint widget test-browser spacy-model test-persistence purge loadtest bench test-model-load scaleout test-scaleout

help:
	@echo "make run       set up, train if needed, start action server + Rasa (REST + socket.io)"
	@echo "make test      set up, validate data, train if needed, run every test"
	@echo "make shell     staff: chat in the terminal, answers as clean text (action server + Rasa started for you)"
	@echo "make train     train a model if data, domain or config changed"
	@echo "make validate  rasa data validate, failing on any warning"
	@echo "make calls     check the calls list and show each call's status (TODAY=YYYY-MM-DD)"
	@echo "make widget    build the website widget (npm ci, copy socket.io-client next to widget.js)"
	@echo "make purge     delete conversations idle for more than DAYS days (default 30)"
	@echo "make loadtest  VISITORS (50) simulated visitors x TURNS (10) over REST and socket.io: no lost/crossed replies"
	@echo "make bench     measure quality, speed, start-up, training, memory -> reports/benchmark.md (~20 min)"
	@echo "make scaleout  PostgreSQL + Redis + action server + two Rasa instances on loopback"

setup: $(DEPS_OK) $(SPACY_OK)

$(DEPS_OK): requirements.txt pyproject.toml
	@set -e; \
	if [ ! -x $(PY) ]; then \
		python=$$(scripts/find_python310.sh); \
		echo "Creating $(VENV) with $$python"; \
		"$$python" -m venv $(VENV); \
		$(PY) -m pip install --quiet "pip<24.1"; \
	fi; \
	echo "Installing pinned dependencies (first time: ~3 min)"; \
	$(PY) -m pip install --quiet -r requirements.txt; \
	$(PY) -m pip install --quiet --no-deps --no-build-isolation --config-settings editable_mode=compat -e .; \
	touch $@

# Chooses nl_core_news_sm or the announced blank-Dutch fallback; see the script.
$(SPACY_OK): $(DEPS_OK) scripts/setup_spacy.py
	$(PY) scripts/setup_spacy.py
	@touch $@

$(SPACY_SELECTION): $(SPACY_OK)

# Choose the spaCy pipeline again, e.g. after getting the official wheel:
#   NL_CORE_NEWS_SM_WHEEL=/path/to/nl_core_news_sm-3.4.0-py3-none-any.whl make spacy-model
spacy-model: $(DEPS_OK)
	$(PY) scripts/setup_spacy.py
	@touch $(SPACY_OK)

train: $(MODEL_OK)

# Order-only on the set-up: a set-up rerun alone does not force a retrain.
$(MODEL_OK): $(TRAIN_INPUTS) | $(SPACY_OK)
	$(RASA) train --fixed-model-name amif-assistent --out models
	@touch $@

validate: setup
	scripts/validate.sh

# Staff: check calls/calls.yml (or $$AMIF_CALLS_FILE) and list open/upcoming/closed calls.
calls: $(DEPS_OK)
	$(PY) -m actions.calls.cli $(if $(TODAY),--today $(TODAY))

widget: $(WIDGET_IO)

$(WIDGET_NPM_OK): widget/package.json widget/package-lock.json
	cd widget && npm ci --no-audit --no-fund
	@touch $@

$(WIDGET_IO): $(WIDGET_NPM_OK)
	cp widget/node_modules/socket.io-client/dist/socket.io.min.js $@

# Debian's headless Chromium for the browser test (Playwright drives it; no `playwright install`).
$(CHROMIUM):
	sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	$$sudo apt-get update -qq && $$sudo apt-get install -y -qq chromium

run: train widget
	scripts/run.sh

# Staff: action server + Rasa (logs in runtime/logs/) and scripts/staff_shell.py in the terminal.
shell: train
	scripts/run.sh --shell

test: lint validate train test-python test-model-load test-stories test-nlu test-e2e test-scaleout test-browser

# Lint and format check (ruff, pinned in requirements.txt; config in pyproject.toml) and
# shellcheck for the scripts (Debian's package, installed with apt when missing).
SHELL_SCRIPTS := scripts/*.sh scripts/rasa scripts/action_server .ci/run
lint: setup $(SHELLCHECK)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	shellcheck -S warning $(SHELL_SCRIPTS)

$(SHELLCHECK):
	sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	$$sudo apt-get update -qq && $$sudo apt-get install -y -qq shellcheck

test-python: setup $(HUNSPELL_NL)
	$(PY) -m pytest -q tests/python

# Hunspell with the Dutch OpenTaal dictionary, for the spelling test of every bot text.
$(HUNSPELL_NL):
	sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	$$sudo apt-get update -qq && $$sudo apt-get install -y -qq hunspell hunspell-nl

test-stories: train
	$(RASA) test core --model models/amif-assistent.tar.gz --stories tests/test_stories.yml \
		--e2e --fail-on-prediction-errors --out results/stories

# The website widget in headless Chromium against a running bot (scripts/run.sh on spare ports).
test-browser: train widget $(CHROMIUM)
	$(PY) -m pytest -q tests/browser

test-nlu: train
	$(PY) scripts/evaluate_nlu.py --model models/amif-assistent.tar.gz \
		--data tests/nlu_heldout.yml --out results/nlu

# The whole bot (scripts/run.sh) on spare ports, talked to over REST.
test-e2e: train
	$(PY) -m pytest -q tests/e2e -m "not restart"

# Scale-out on Rasa's own stores: real PostgreSQL and Redis (Debian packages, installed when
# missing), one action server and two Rasa instances, on loopback (scripts/scaleout.sh).
scaleout: train
	scripts/scaleout.sh

# One conversation alternately on both instances, a burst, the stores checked (2-3 min).
test-scaleout: train
	$(PY) -m pytest -q tests/scaleout

# The server's answer-only model load (channels/fast_start.py) answers exactly like Rasa's
# own load: both loads in fresh processes, predictions compared (~2 min).
test-model-load: train
	$(PY) -m pytest -q tests/model

# Quality, speed, start-up, training time and memory on this machine: writes
# reports/benchmark.md, its plots and benchmark.json. Run it on a quiet machine.
bench: train widget
	$(PY) -m benchmarks.bench $(if $(ONLY),--only $(ONLY))

# VISITORS simulated visitors x TURNS turns, all at once, over REST and then socket.io, against
# a bot of its own on spare ports: p50/p95 latency, throughput; fails on any lost, duplicated
# or crossed reply or fallback answer (benchmarks/loadtest.py; a short version is in test-e2e).
# THINK=3: visitors take ~3 s before each message instead of sending at once.
VISITORS ?= 50
TURNS    ?= 10
THINK    ?= 0
loadtest: train
	$(PY) benchmarks/loadtest.py --visitors $(VISITORS) --turns $(TURNS) --think $(THINK)

# A conversation survives a restart of the Rasa server (its own bot, started twice: ~3 min).
test-persistence: train
	$(PY) -m pytest -q tests/e2e -m restart

# Delete conversations with no activity in the last DAYS days (default 30) from AMIF_DB_URL.
purge: $(DEPS_OK)
	$(PY) scripts/purge_conversations.py --days $(or $(DAYS),30)

clean:
	rm -rf models results .rasa .pytest_cache
