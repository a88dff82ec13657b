# CrossTime: `make demo` runs the main job, `make test` the test suite; both set up what is missing.
VENV ?= .venv
PY := $(VENV)/bin/python
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
export PYTHONPATH := $(CURDIR)/.pkg
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup test demo zip smoke bench bench-data bench-train bench-index bench-click clean pkg

setup:
	@bash scripts/setup.sh

# the repository root is the plugin package; .pkg/crosstime points at it so that `import crosstime` works
pkg:
	@mkdir -p .pkg && ln -sfn .. .pkg/crosstime

test: setup pkg
	$(PY) -m pytest -q

demo: setup pkg
	$(PY) scripts/demo.py --out build/demo

zip:
	@python3 scripts/package.py --out dist/crosstime-$(VERSION).zip

smoke: setup pkg
	bash scripts/smoke.sh

bench: bench-data bench-train bench-index bench-click

bench-data: setup pkg
	$(PY) bench/bench_data.py

bench-train: setup pkg
	$(PY) bench/bench_train.py

bench-index: setup pkg
	$(PY) bench/bench_index.py

bench-click: setup pkg
	$(PY) bench/bench_click.py

clean:
	rm -rf build dist .pytest_cache .qgis-settings
	find . -name __pycache__ -not -path "./.venv/*" -prune -exec rm -rf {} +
