# tamas — `make help` lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# sqlc builds much faster without cgo and generates the same code.
SQLC := CGO_ENABLED=0 go tool sqlc
TEMPL := go tool templ

.PHONY: help run test generate check-generated lint bench build setup

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

run: setup build ## start tamas on a private PostgreSQL with demo data (or DATABASE_URL)
	./bin/tamas dev

build: ## build bin/tamas
	go build -o bin/tamas ./cmd/tamas

setup: ## install what is missing (PostgreSQL server binaries, with apt when root)
	@if [ -z "$${TEST_DATABASE_URL:-}" ]; then go run ./cmd/tamas setup; fi

generate: ## regenerate templ and sqlc code
	$(TEMPL) generate -log-level warn
	$(SQLC) generate

check-generated: generate ## fail when committed generated code is not current
	@if [ -n "$$(git status --porcelain -- templates internal/store)" ]; then \
		echo "generated code is out of date; run 'make generate' and commit:"; \
		git status --porcelain -- templates internal/store; exit 1; fi

lint: ## go vet and gofmt
	go vet ./...
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }

test: setup lint check-generated ## vet, check generated code, run every test on real PostgreSQL
	go test -count=1 -timeout 20m ./...

bench: setup ## ingest benchmarks: our bulk paths against raw COPY in one run
	go test -run '^$$' -bench . -benchtime 1x -timeout 30m ./internal/bench/
