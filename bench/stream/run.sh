#!/usr/bin/env bash
# The larger-than-memory benchmark of issue 15: one epoch of the default Gaussian VAE on a .npy of
# several GB streamed from disk with a 1 GB heap, against the in-memory path on a file that fits,
# back to back on one machine. Writes one JSON line per run to OUT (peak RSS from /usr/bin/time -v,
# throughput = training examples / seconds of the epoch's training loop).
#   bench/stream/run.sh OUT.jsonl [DATA_DIR] [N] [M]      (defaults: /tmp/vaelab-stream 1000000 200000)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(realpath -m "$1")
dir=${2:-/tmp/vaelab-stream}
n=${3:-1000000}
m=${4:-200000}
[ -f "$dir/big.npy" ] || /usr/bin/python3 bench/stream/make_data.py "$dir" "$n" "$m"
export TF_CPP_MIN_LOG_LEVEL=2

run() { # name heap args...
  local name=$1 heap=$2
  shift 2
  local folder="$dir/run-$name"
  rm -rf "$folder"
  sync
  [ -w /proc/sys/vm/drop_caches ] && echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  local status=0
  VAELAB_JAVA_OPTS="-Xmx$heap -XX:+UseParallelGC" /usr/bin/time -v -o "$dir/time-$name.txt" \
    ./vaelab train --epochs 1 --nll-k 0 --out "$folder" "$@" > "$dir/log-$name.txt" 2>&1 || status=$?
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time-$name.txt")
  local wall
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir/time-$name.txt")
  /usr/bin/python3 - "$name" "$heap" "$status" "$rss" "$wall" "$folder" "$out" "$@" <<'PY'
import json, os, sys
name, heap, status, rss, wall, folder, out = sys.argv[1:8]
args = sys.argv[8:]
line = {"run": name, "heap": heap, "exit_status": int(status), "peak_rss_mb": round(int(rss) / 1024, 1), "wall": wall, "args": args}
s = os.path.join(folder, "summary.json")
if os.path.exists(s):
    j = json.load(open(s))
    line.update(train_examples=j["train_examples"], seconds_per_epoch=round(j["seconds_per_epoch"], 2),
                examples_per_s=round(j["train_examples"] / j["seconds_per_epoch"]), test_elbo=round(j["test_elbo"], 2),
                dataset=j["dataset"])
else:
    log = open(os.path.join(os.path.dirname(out) if False else os.path.dirname(folder), "log-" + name + ".txt")).read().strip().splitlines()
    line["error"] = log[-1] if log else ""
print(json.dumps(line))
with open(out, "a") as f:
    f.write(json.dumps(line) + "\n")
PY
}

run streamed-big 1g --data "$dir/big.npy" --stream --test-fraction 0.002
run streamed-small 1g --data "$dir/small.npy" --stream --test-fraction 0.01
run in-memory-small 6g --data "$dir/small.npy" --test-fraction 0.01
run in-memory-big-1g 1g --data "$dir/big.npy" --test-fraction 0.002
