# CrossTime: `make demo` runs the main job, `make test` the test suite; both set up what is missing.
# The plugin is the folder crosstime/; everything else here (tests, bench, scripts) is for developers.
VENV ?= .venv
PY := $(VENV)/bin/python
VERSION := $(shell sed -n 's/^version=//p' crosstime/metadata.txt)
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup lint test test-core test-qgis demo zip smoke bench bench-data bench-train bench-index bench-click clean

setup:
	@bash scripts/setup.sh

lint: setup
	$(PY) -m ruff check crosstime tests bench scripts

# core and command line: plain pytest, no QGIS needed
test-core: setup
	CROSSTIME_WITHOUT_QGIS=1 $(PY) -m pytest -q -p no:pytest_qgis tests/core tests/cli

# the plugin inside QGIS: pytest-qgis, qgis_process.bin, the desktop under Xvfb
test-qgis: setup
	$(PY) -m pytest -q tests/qgis

test: setup
	$(PY) -m pytest -q tests

demo: setup
	$(PY) -m crosstime demo --out build/demo

zip:
	@python3 scripts/package.py --out dist/crosstime-$(VERSION).zip

smoke: setup
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
