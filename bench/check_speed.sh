#!/usr/bin/env bash
# The time from saving an exercise to its verdict with `asynclings run`,
# warm, for a passing tokio exercise: the loop a learner feels all day.
#
#   bench/check_speed.sh [RUNS] [EXERCISE]
#
# Works on a temporary copy of the course (never on your exercises), with
# the solution copied in; each run appends a comment to the file first, so
# cargo really rebuilds it, as after a save. Prints each run, then min /
# median / max, and the peak memory of the check (the largest process:
# cargo, rustc, or the runner).
set -euo pipefail
runs=${1:-10}
exercise=${2:-p1_join}
repo=$(cd "$(dirname "$0")/.." && pwd)

cargo build --quiet --manifest-path "$repo/Cargo.toml"
runner="${CARGO_TARGET_DIR:-$repo/target}/debug/asynclings"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"

course=$(mktemp -d)
trap 'rm -rf "$course"' EXIT
cp -r "$repo"/{Cargo.toml,Cargo.lock,.gitignore,build.rs,info.toml,src,diagnosis,exercises,solutions,support} "$course"
cd "$course"
# A version of its own, so this copy never shares fingerprints with the
# course in the repository (see tests/common/mod.rs).
sed -i '0,/^version = "0.1.0"$/s//version = "0.1.0-bench"/' exercises/Cargo.toml solutions/Cargo.toml support/Cargo.toml
file=$("$runner" list --json | python3 -c "import json,sys; print(next(e['path'] for e in json.load(sys.stdin)['exercises'] if e['name']=='$exercise'))")
cp "${file/exercises\//solutions/}" "$file"

# Warm up: dependencies built, the exercise built once.
"$runner" run "$exercise" >/dev/null || { echo "the solution of $exercise does not pass"; exit 1; }

times=()
for i in $(seq "$runs"); do
  echo "// save $i" >> "$file"
  stats=$( { /usr/bin/time -f "%e %M" "$runner" run "$exercise" >/dev/null; } 2>&1 | tail -1)
  secs=${stats% *}; kb=${stats#* }
  printf 'run %2d: %s s, peak %d MiB\n' "$i" "$secs" $((kb / 1024))
  times+=("$secs $kb")
done
printf '%s\n' "${times[@]}" | python3 -c '
import sys, statistics
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
t = sorted(r[0] for r in rows)
print(f"save-to-verdict ({len(t)} runs): min {t[0]:.2f} s, median {statistics.median(t):.2f} s, max {t[-1]:.2f} s; peak memory {max(r[1] for r in rows)/1024:.0f} MiB")
'
