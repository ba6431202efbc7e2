#!/usr/bin/env bash
# The command-line program against the analyst's Python script
# (../shared/tools/analyst_baseline.py) on the same folder of generated
# reports: files/s for both and their ratio, alternating the two, the median
# of three pairs, and the peak memory of xxgk.
#
#   benches/batch.sh [COUNT] [JOBS]      (default 7000 reports, 2 workers)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-7000}
jobs=${2:-2}
tools=../shared/tools
dir=target/batch-$count
if [ ! -d "$dir/docs" ]; then
  python3 "$tools/genreports.py" --seed 5 --count "$count" --shapes grid,compact,pipe,markdown \
    --mutations all,-gb18030 --out "$dir/gen" >/dev/null
  mkdir -p "$dir/docs" && mv "$dir"/gen/*.txt "$dir/docs/"
fi
cargo build --release -q
files=$(ls "$dir/docs" | wc -l)
xx=(); py=(); rss=()
for i in 1 2 3; do
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$dir/rss" target/release/xxgk extract --jobs "$jobs" "$dir/docs" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  xx+=("$(echo "$files / ($t1 - $t0)" | bc -l)"); rss+=("$(cat "$dir/rss")")
  # The script times its own extraction round (after an untimed warm-up).
  dt=$(python3 "$tools/analyst_baseline.py" "$dir/docs" | awk -F'\t' '{print $3}')
  py+=("$(echo "$files / $dt" | bc -l)")
done
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
mx=$(median "${xx[@]}"); mp=$(median "${py[@]}")
printf 'files: %d  xxgk --jobs %d: %.0f files/s  analyst_baseline.py: %.0f files/s  ratio: %.1fx  xxgk peak RSS: %s KB\n' \
  "$files" "$jobs" "$mx" "$mp" "$(echo "$mx / $mp" | bc -l)" "$(median "${rss[@]}")"
