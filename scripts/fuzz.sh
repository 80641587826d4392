#!/usr/bin/env bash
# Coverage-guided fuzzing of cloudgram with cargo-fuzz (libFuzzer).
#
#   scripts/fuzz.sh                 # every target for 60 s each (the short run)
#   scripts/fuzz.sh 3600 design     # one target for an hour
#   RUNS=10000000 scripts/fuzz.sh 0 # the campaign: 10 million executions per target
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Seeds every target's corpus with examples/*.cgr; the corpora grow under
# fuzz/corpus/ and crashes land in fuzz/artifacts/ (both ignored by git: a
# crash found is turned into a regression test in tests/ instead).
# Runs under `nice`, one target at a time, on one core.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(parse compile lint layout render_svg render_png design)
fi
nice -n 15 cargo +nightly fuzz build -s none
limit=()
if [ "$seconds" != 0 ]; then limit+=(-max_total_time="$seconds"); fi
if [ -n "${RUNS:-}" ]; then limit+=(-runs="$RUNS"); fi
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    if [ "$t" != design ]; then cp ../examples/*.cgr "corpus/$t/"; fi
    # The structured target reads its design from the bytes: let inputs be
    # long from the start instead of growing from a few bytes.
    extra=()
    if [ "$t" = design ]; then extra+=(-len_control=0 -max_len=4096); fi
    log="fuzz-$t.log"
    echo "== $t"
    nice -n 15 cargo +nightly fuzz run -s none "$t" "corpus/$t" -- \
        "${limit[@]}" -max_len=8192 "${extra[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        >"$log" 2>&1 || { echo "   FINDING: see fuzz/$log and fuzz/artifacts/$t/"; tail -20 "$log"; }
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|^#[0-9]+.*DONE|cov:" "$log" | tail -3
done
