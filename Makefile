# Two commands matter: `make run` and `make test`. Everything else is what they need.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export PORT  # the portal's links in emails point to the port it is served on (portal/config.py)
PG_URL ?= postgresql://postgres@127.0.0.1:5432
export FLASK_APP := wsgi

.PHONY: run test test-sqlite test-postgres install assets translations extract-messages mail screenshots bench bench-http bench-tools bench-instructions wrk valgrind chromium pdf-libraries clean

## run: set up, migrate, load the demo network into an empty database (in development only), serve on http://127.0.0.1:$(PORT)
run: install
	$(BIN)/flask db upgrade
	@if [ "$${PORTAL_ENV_NAME:-development}" = development ]; then $(BIN)/flask portal demo --if-empty; \
	else echo "PORTAL_ENV_NAME is $$PORTAL_ENV_NAME: the demo network is not loaded."; fi
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

## test: set up everything the suite needs, run it on SQLite and, at the same time, on PostgreSQL when it answers
test: install node_modules/.installed chromium
	$(BIN)/bandit --quiet --recursive portal --severity-level medium
	@# The two databases' runs at once, one a core, each printed whole when it ends.
	$(MAKE) --jobs=2 --output-sync=target test-sqlite test-postgres

test-sqlite:
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres:
	@if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null; then \
	    echo "Starting PostgreSQL"; \
	    pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -n1) main start || true; \
	    sleep 2; \
	  fi; \
	fi; \
	if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  if [ "$${CI:-}" = "true" ]; then echo "PostgreSQL does not answer on 127.0.0.1:5432 and CI=true: failing."; exit 1; fi; \
	  echo "PostgreSQL does not answer on 127.0.0.1:5432: the PostgreSQL run is skipped."; exit 0; \
	fi; \
	db=portal_test_$$$$_$$RANDOM; \
	psql "$(PG_URL)/postgres" -q -c "CREATE DATABASE $$db" || exit 1; \
	status=0; \
	PORTAL_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:5432/$$db" $(BIN)/pytest $(PYTEST_ARGS) || status=$$?; \
	psql "$(PG_URL)/postgres" -q -c "DROP DATABASE IF EXISTS $$db WITH (FORCE)"; \
	exit $$status

## install: the virtual environment with the portal and its test tools, compiled translations, and what PDFs are drawn with
install: $(VENV)/.installed translations pdf-libraries

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 2>&1 | { grep -v '^WARNING: Location' || true; }
	$(BIN)/pip install --quiet -e '.[dev]' 2>&1 | { grep -v '^WARNING: Location' || true; }
	touch $@

translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d translations >/dev/null

## extract-messages: refresh translations/messages.pot and the Welsh catalogue after changing text
extract-messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 -o translations/messages.pot --no-location --sort-output --omit-header .
	$(BIN)/pybabel update -i translations/messages.pot -d translations -l cy --no-fuzzy-matching --ignore-pot-creation-date

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## assets: rebuild the committed CSS and JavaScript from the pinned GOV.UK Frontend, Leaflet and Leaflet.markercluster packages
assets: node_modules/.installed
	npx sass --no-source-map --load-path=node_modules --style=compressed assets/scss/portal.scss portal/static/css/portal.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js portal/static/js/govuk-frontend.min.js
	mkdir -p portal/static/vendor/leaflet
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/LICENSE portal/static/vendor/leaflet/
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js node_modules/leaflet.markercluster/dist/MarkerCluster.css portal/static/vendor/leaflet/
	cp node_modules/leaflet.markercluster/MIT-LICENCE.txt portal/static/vendor/leaflet/LICENSE.markercluster

## chromium: Debian's Chromium for the browser tests, installed when missing
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

## pdf-libraries: Debian's Pango and fonts, which WeasyPrint draws invoices' PDFs with, installed when missing
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation fonts-dejavu-core
pdf-libraries:
	@if ! command -v dpkg-query >/dev/null; then echo "Not Debian: install Pango and fonts for WeasyPrint yourself"; exit 0; fi; \
	missing=$$(for package in $(PDF_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'ok installed' || echo $$package; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian's $$missing for the invoices' PDFs"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

## mail: deliver the outbox (printed to the console in development)
mail: install
	$(BIN)/flask portal mail send

## screenshots: PNGs of every demo account's home page and of the screens people read most at 320, 768 and 1280 px, in screenshots/ (not part of `make test`)
screenshots: install chromium
	$(BIN)/python scripts/screenshots.py screenshots

## bench: the benchmarks in bench/, then the portal under load (results written up in docs/performance.md)
bench: bench-tools
	for script in bench/*.py; do case "$$script" in bench/http_load.py|bench/page_instructions.py) continue;; esac; echo "$$script"; $(BIN)/python "$$script"; done
	$(MAKE) bench-http

## bench-http: gunicorn as in production, driven by wrk, on SQLite and PostgreSQL; rewrites its table in docs/performance.md
bench-http: bench-tools
	$(BIN)/python bench/http_load.py --docs $(BENCH_ARGS)

## bench-instructions: instructions a request for each hot page, counted by callgrind: the same for the same code, however noisy the machine
bench-instructions: install valgrind
	$(BIN)/python bench/page_instructions.py $(BENCH_ARGS)

bench-tools: install wrk $(VENV)/.bench-installed

$(VENV)/.bench-installed: pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev,bench]' 2>&1 | { grep -v '^WARNING: Location' || true; }
	touch $@

## wrk, valgrind: Debian's packages for bench-http (the load generator) and bench-instructions, installed when missing
wrk valgrind:
	@if ! command -v $@ >/dev/null; then \
	  echo "Installing Debian's $@ for the benchmarks"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $@ >/dev/null; \
	fi

clean:
	rm -rf $(VENV) node_modules .pytest_cache
