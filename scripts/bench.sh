#!/usr/bin/env bash
# Times `cloudgram render` against Graphviz dot on the same synthetic
# architecture (region > VPC > 2 AZs > subnets > services with instances and
# databases, a shared cache, a queue and S3), process start included.
# Needs hyperfine and graphviz (apt-get install hyperfine graphviz).
# Usage: scripts/bench.sh [sizes...]   (default: 10 1000 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/cloudgram
out=$(mktemp -d)
sizes=("${@:-10 1000 5000}")
for n in ${sizes[@]}; do
  "$bin" generate --leaves "$n" > "$out/syn$n.cgr"
  "$bin" generate --leaves "$n" --dot > "$out/syn$n.dot"
  echo "== $n components: $(grep -c -- '->\|~>' "$out/syn$n.cgr") edges, $(grep -c '{' "$out/syn$n.cgr") containers"
  echo "cloudgram:"
  hyperfine -N --warmup 2 --min-runs 5 "$bin render $out/syn$n.cgr -o $out/c$n.svg" 2>&1 | grep -E 'Time|Range'
  # dot gets 120 s at most (it does not finish 5000 in that time here).
  echo "dot:"
  if timeout 120 dot -Tsvg "$out/syn$n.dot" -o "$out/d$n.svg" 2>/dev/null; then
    hyperfine -N --min-runs 3 "dot -Tsvg $out/syn$n.dot -o $out/d$n.svg" 2>&1 | grep -E 'Time|Range'
  else
    echo "  dot: did not finish within 120 s"
  fi
done
rm -rf "$out"
