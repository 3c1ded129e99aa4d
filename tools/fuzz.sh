#!/usr/bin/env bash
# Runs each fuzz target for FUZZTIME (default 60s), one after the other, and
# ends with a table of what each did: executions, new interesting inputs
# (added to the cache's corpus) and crashers (each written to the package's
# testdata/fuzz/ by go test). Exits non-zero when a target failed. Full logs
# go to test-output/fuzz/.
set -uo pipefail

FUZZTIME=${FUZZTIME:-60s}
targets=(
	./internal/web:FuzzDecodeSale
	./internal/csvimport:FuzzRows
	./scripts:FuzzDecodeYAML
	./internal/survey:FuzzSMSReply
	./internal/twilio:FuzzReadWebhook
)

# The targets need no database. A URL that is never dialled keeps the test
# binaries of packages with database tests (testdb.Main) from starting a
# PostgreSQL cluster in the coordinator and in every fuzzing worker.
export TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://fuzz-needs-no-database@127.0.0.1:1/none}

out=test-output/fuzz
mkdir -p "$out"
status=0
table=()
for t in "${targets[@]}"; do
	pkg=${t%%:*} name=${t##*:}
	log=$out/$name.log
	echo "== $name in $pkg for $FUZZTIME"
	go test -run '^$' -fuzz "^$name\$" -fuzztime "$FUZZTIME" "$pkg" 2>&1 | tee "$log"
	if [ "${PIPESTATUS[0]}" = 0 ]; then result=ok; else result=FAIL status=1; fi
	# The last progress line has the totals: "execs: N (…/sec), new interesting: M (total: T)".
	last=$(grep -E 'execs: [0-9]+' "$log" | tail -n 1)
	execs=$(sed -nE 's/.*execs: ([0-9]+).*/\1/p' <<<"$last")
	interesting=$(sed -nE 's/.*new interesting: ([0-9]+).*/\1/p' <<<"$last")
	crashers=$(grep -cE 'Failing input written to|failure while testing seed corpus entry' "$log")
	table+=("$(printf '| %-16s | %-20s | %10s | %15s | %8s | %-6s |' "$name" "$pkg" "${execs:-0}" "${interesting:-0}" "$crashers" "$result")")
done

echo
printf '| %-16s | %-20s | %10s | %15s | %8s | %-6s |\n' target package execs "new interesting" crashers result
printf '| %-16s | %-20s | %10s | %15s | %8s | %-6s |\n' "---" "---" "---:" "---:" "---:" "---"
printf '%s\n' "${table[@]}"
exit "$status"
