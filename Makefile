# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
PO := $(wildcard locale/*/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)
# The portal's DEBUG is off unless set (zorgpact/settings.py); these are development commands, so they turn it on
# unless the environment already says otherwise.
export DEBUG ?= true

.PHONY: run test install bench migrate demo worker messages clean system-deps backup restore lock screenshots

# Locked with hashes (requirements/*.txt, from the *.in files by `make lock`): the same packages on every machine.
$(STAMP): requirements/dev.txt requirements/base.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q --require-hashes -r requirements/dev.txt
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

%.mo: %.po $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# WeasyPrint (PDF reports) needs pango and fonts from the system. Installed when missing and we may (root on
# Debian); otherwise a hint — the portal runs without them, only PDF reports then fail with a clear message.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "For PDF reports install: $$missing"; fi; fi

install: system-deps $(STAMP) $(NODE_STAMP) $(MO)

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py load_demo_data

run: demo
	@$(PY) manage.py demo_accounts
	$(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

# PNGs of the main screens on the demo data into docs/screenshots/ (Chromium and pdftoppm needed; loads the demo
# data into the configured database).
screenshots: migrate
	$(PY) bin/screenshots.py

# The benchmark needs PostgreSQL and Redis (as .ci/run) and Debian's wrk; BENCH_ARGS="--scales 1 --seconds 5" for a quick one.
bench: install
	command -v wrk >/dev/null || apt-get install -y -qq wrk
	$(PY) bench/run.py $(BENCH_ARGS)

# Backups of PostgreSQL and the media files (DATABASE_URL must point at PostgreSQL).
backup:
	bash bin/backup.sh

restore:
	bash bin/restore.sh $(BACKUP)

worker: install
	$(VENV)/bin/celery -A zorgpact worker -l info

# After changing requirements/base.in or dev.in: resolve and pin every package with its hashes, for Python 3.11.
UV_COMPILE = $(VENV)/bin/uv pip compile --python-version 3.11 --generate-hashes --quiet --custom-compile-command "make lock"
lock: $(STAMP)
	$(UV_COMPILE) -o requirements/base.txt requirements/base.in
	$(UV_COMPILE) -o requirements/dev.txt requirements/dev.in

# Regenerate the nl catalogue after changing UI text (English msgids).
messages: install
	$(PY) manage.py makemessages -l nl --ignore=.venv --ignore=node_modules --ignore=var --no-obsolete

clean:
	rm -rf $(VENV) var node_modules
