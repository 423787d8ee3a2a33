# Kith — the two quick-start commands are `make run` and `make test`.
SWIFT ?= swift
PIPELINE ?= pipelines/example.yaml
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN = $(shell $(SWIFT) build --show-bin-path)

.PHONY: run test build deps example check expected check-release bench fuzz format lint clean sites

## run: build Kith and run the bundled example pipeline
run: build
	$(BIN)/kith run $(PIPELINE)
	@echo
	@echo "Outputs: out/example/release/data/*.csv (shareable) and out/example/private/ (never share)."

## test: run every test
test: deps
	$(SWIFT) test

## build: install libcsv when missing, then build
build: deps
	$(SWIFT) build

## deps: install the C libraries Kith uses (Debian/Ubuntu) when their headers are missing:
## libcsv-dev (the CSV parser), coinor-libclp-dev (the linear programs of disclosure control),
## libreadstat-dev (SPSS and Stata files) and libxlsxwriter-dev (the study tables' workbook)
deps:
	@missing=""; \
	[ -f /usr/include/csv.h ] || missing="$$missing libcsv-dev"; \
	[ -f /usr/include/coin/Clp_C_Interface.h ] || missing="$$missing coinor-libclp-dev"; \
	[ -f /usr/include/readstat.h ] || missing="$$missing libreadstat-dev"; \
	[ -f /usr/include/xlsxwriter.h ] || missing="$$missing libxlsxwriter-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing (C libraries Kith uses)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi

## check: validate the example pipeline and its inputs without writing anything
check: build
	$(BIN)/kith check $(PIPELINE)

## expected: regenerate the committed expected release of the example (pipelines/expected/example)
## and its privacy report's golden file
expected: build
	$(BIN)/kith run $(PIPELINE) --out pipelines/expected/example --quiet --force
	cp pipelines/expected/example/private/privacy-report.md Tests/KithTests/Golden/example-privacy-report.md

## check-release: fail with a diff when the committed expected release is out of date
check-release: build
	$(BIN)/kith run $(PIPELINE) --out pipelines/expected/example --check --quiet

## sites: the synthetic three-site study (data/sites): each site's pipeline (pipelines/site-*.yaml)
## into out/site-*, then `kith merge` of the three releases into out/sites-merged
sites: build
	@for pipeline in pipelines/site-*.yaml; do $(BIN)/kith run $$pipeline --quiet || exit 1; done
	$(BIN)/kith merge --pipeline pipelines/sites-merge.yaml

## example: regenerate the synthetic example study in data/example
example: build
	$(BIN)/kith synth --out data/example

## bench: job B1 side by side with pandas, Polars and DuckDB (BENCH_SIZE participants, default 320000)
bench: deps
	bench/run $(or $(BENCH_SIZE),320000) $(or $(BENCH_RUNS),3)

## fuzz: build the libFuzzer targets (Tests/Fuzz) and run each for FUZZ_SECONDS (default 60)
fuzz:
	Tests/Fuzz/run $(or $(FUZZ_SECONDS),60)

## format / lint: swift-format with the project's .swift-format; lint also checks the layers
## of docs/architecture.md (.ci/check-layers.py)
format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests
	python3 .ci/check-layers.py

clean:
	rm -rf .build out
