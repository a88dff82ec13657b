# CrossTime: `make demo` runs the main job, `make test` the test suite; both set up what is missing.
# The plugin is the folder crosstime/; everything else here (tests, bench, scripts) is for developers.
VENV ?= .venv
PY := $(VENV)/bin/python
VERSION := $(shell sed -n 's/^version=//p' crosstime/metadata.txt)
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup lint test test-core test-qgis demo zip smoke bench bench-data bench-train bench-index bench-click clean \
	i18n i18n-update i18n-check help
# the French translation: crosstime/i18n/crosstime_fr.ts (in git) compiled to the .qm the plugin loads (built)
TS := crosstime/i18n/crosstime_fr.ts
QM := crosstime/i18n/crosstime_fr.qm

setup:
	@bash scripts/setup.sh

lint: setup
	$(PY) -m ruff check crosstime tests bench scripts
	$(VENV)/bin/vermin --target=3.9- --no-tips --violations --eval-annotations --feature union-types crosstime
	python3 scripts/i18n.py check
	$(PY) scripts/help.py --check
	$(PY) scripts/qt6_check.py

# core and command line: plain pytest, no QGIS needed
test-core: setup
	CROSSTIME_WITHOUT_QGIS=1 $(PY) -m pytest -q -p no:pytest_qgis tests/core tests/cli

# the plugin inside QGIS: pytest-qgis, qgis_process.bin, the desktop under Xvfb
test-qgis: setup i18n
	$(PY) -m pytest -q tests/qgis

test: setup i18n
	$(PY) -m pytest -q tests

# lrelease (Debian: qttools5-dev-tools, installed by make setup) compiles the .ts when it changed
i18n: $(QM)

$(QM): $(TS)
	python3 scripts/i18n.py compile

# after changing a user-visible string: its entry in the .ts (then translate it), and the check the tests run
i18n-update:
	python3 scripts/i18n.py update

i18n-check:
	python3 scripts/i18n.py check

demo: setup
	$(PY) -m crosstime demo --out build/demo

# the user guide shipped in the plugin, from docs/user-guide.md
help: setup
	$(PY) scripts/help.py

zip: i18n
	@python3 scripts/package.py --out dist/crosstime-$(VERSION).zip

smoke: setup i18n
	bash scripts/smoke.sh

bench: bench-data bench-train bench-index bench-click

bench-data: setup
	$(PY) bench/bench_data.py

bench-train: setup
	$(PY) bench/bench_train.py

bench-index: setup
	$(PY) bench/bench_index.py

bench-click: setup
	$(PY) bench/bench_click.py

clean:
	rm -rf build dist tmp .pytest_cache .ruff_cache .qgis-settings
	find . -name __pycache__ -not -path "./.venv/*" -prune -exec rm -rf {} +
