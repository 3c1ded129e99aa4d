# tamas — `make help` lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# sqlc builds much faster without cgo and generates the same code.
SQLC := CGO_ENABLED=0 go tool sqlc
TEMPL := go tool templ

.PHONY: help run test generate check-generated lint bench build setup assets browser fuzz

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

VENDOR := internal/web/static/vendor

assets: ## fetch front-end packages from npm and copy them into the binary's static files
	@command -v npm >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
		else echo "npm is missing: sudo apt-get install -y npm"; exit 1; fi; }
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/fonts
	cp node_modules/@picocss/pico/css/pico.min.css $(VENDOR)/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/
	cp node_modules/@fontsource/vazirmatn/files/vazirmatn-{arabic,latin}-{400,700}-normal.woff2 $(VENDOR)/fonts/
	cp node_modules/@fontsource/vazirmatn/LICENSE $(VENDOR)/fonts/OFL.txt

run: setup build ## start tamas on a private PostgreSQL with demo data (or DATABASE_URL)
	./bin/tamas dev

build: assets ## build bin/tamas
	go build -o bin/tamas ./cmd/tamas

setup: ## install what is missing (PostgreSQL server binaries, with apt when root)
	@if [ -z "$${TEST_DATABASE_URL:-}" ]; then go run ./cmd/tamas setup; fi

generate: ## regenerate templ and sqlc code
	@# Without the version line, the generated files carry no comment above
	@# their package clause, so the package doc is templates/doc.go's.
	$(TEMPL) generate -log-level warn -include-version=false
	$(SQLC) generate
	@# Every error of a generated query passes through store.interpretError,
	@# so pgx.ErrNoRows becomes store.ErrNotFound in one place.
	sed -i -E 's/^(\t+return( [^,]+,)?) err$$/\1 interpretError(err)/' internal/store/*_gen.go

check-generated: generate ## fail when committed generated code is not current
	@if ! git diff --quiet -- templates internal/store || [ -n "$$(git ls-files --others --exclude-standard -- templates internal/store)" ]; then \
		echo "generated code is out of date; run 'make generate' and commit:"; \
		git status --short -- templates internal/store; exit 1; fi

lint: ## go vet and gofmt
	go vet ./...
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }

browser: ## install Debian's chromium for the browser tests if it is missing
	@test -x /usr/bin/chromium || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else echo "chromium is missing: sudo apt-get install -y chromium"; exit 1; fi; }

test: setup browser assets lint check-generated ## vet, check generated code, run every test on real PostgreSQL and Chromium
	mkdir -p test-output
	go test -count=1 -timeout 20m -artifacts -outputdir $(CURDIR)/test-output ./...
	@echo "browser screenshots: $$(ls -d test-output/_artifacts/*/ 2>/dev/null | tr '\n' ' ')"

bench: setup ## benchmarks against a baseline in the same run: ingest vs raw COPY, scheduling lag, report pages on a year vs count(*), 10,000 SMS at 100/s, 200 agents claiming from 10k and 1M due calls vs SKIP LOCKED (minutes)
	go test -run '^$$' -bench . -benchtime 1x -timeout 60m ./internal/bench/

FUZZTIME ?= 60s

fuzz: ## run each fuzz target for FUZZTIME (default 60s) and list execs, new interesting inputs and crashers per target; `make test` runs only their seeds
	FUZZTIME=$(FUZZTIME) tools/fuzz.sh
