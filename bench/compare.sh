#!/usr/bin/env bash
# Runs a benchmark of docs/benchmarks.md with vaelab and with its PyTorch peer back to back on
# this machine, and prints both JSON lines and the ratio of median epoch times.
#
#   bench/compare.sh b1 [--epochs N] [--seeds "0 1 2"] [--peers DIR] [--out FILE]
#   bench/compare.sh b2 --k 5 [...]          (IWAE; --k 50 for the other B2 setting)
#
# With several seeds each seed runs vaelab then the peer; the summary gives mean and standard
# deviation over seeds of the test ELBO and the median epoch time, and the speed ratio.
#
# Needs: the built launcher (mvn -B package -DskipTests), Fashion-MNIST (found by vaelab's usual
# search; for the peer, FMNIST_DIR or /usr/share/datasets/fashion-mnist), and for the peer
# Debian's python3-torch used through /usr/bin/python3 (bench/peers/README.md). Nothing is installed by this script.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bench="${1:-}"; shift || true
case "$bench" in
  b1) peer_script=gaussian_vae.py; peer_args=() ;;
  b2) peer_script=iwae.py; peer_args=() ;;
  b3) peer_script=vqvae.py; peer_args=() ;;
  b4) peer_script=gmm_em.py; peer_args=() ;;
  *) echo "usage: bench/compare.sh b1|b2|b3|b4 [--k N] [--codebook ema|loss] [--epochs N] [--seeds \"0 1\"] [--peers DIR] [--out FILE]" >&2; exit 2 ;;
esac
k=5
codebook=ema
epochs=10
[ "$bench" = b3 ] && epochs=5
seeds="0"
peers="${VAELAB_PEERS:-$here/bench/peers}"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) epochs="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --k) k="$2"; shift 2 ;;
    --codebook) codebook="$2"; shift 2 ;;
    --peers) peers="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$bench" in
  b2) vaelab_args=(--k "$k"); peer_args=(--k "$k"); tag="b2-k$k" ;;
  b3) vaelab_args=(--codebook "$codebook"); peer_args=(--codebook "$codebook"); tag="b3-$codebook" ;;
  b4) vaelab_args=(); peer_args=(); tag=b4 ;;
  *) vaelab_args=(); tag=b1 ;;
esac
[ -n "$out" ] || out="$here/bench-results/$tag-$(date +%Y%m%d-%H%M%S).jsonl"
jar="$here/examples/target/vaelab.jar"
[ -f "$jar" ] || { echo "missing $jar: run 'mvn -B package -DskipTests' first" >&2; exit 2; }
if [ "$bench" = b4 ]; then need_py='import sklearn, threadpoolctl'; else need_py='import torch, threadpoolctl'; fi
if ! /usr/bin/python3 -c "$need_py" 2>/dev/null; then
  echo "the peer needs Debian's python3-torch (B1-B3) or python3-sklearn (B4), python3-threadpoolctl and libopenblas0-pthread (apt-get install ...); one is not installed" >&2
  exit 2
fi
if command -v update-alternatives >/dev/null && ! update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | grep -q '^Value:.*openblas'; then
  echo "warning: libblas.so.3 is not OpenBLAS; Debian's torch then runs on reference BLAS, ~15x slower than the peer's published numbers (apt-get install libopenblas0-pthread)" >&2
fi
[ -f "$peers/$peer_script" ] || { echo "peer script not found in $peers (use --peers DIR)" >&2; exit 2; }
if [ -z "${FMNIST_DIR:-}" ]; then
  for d in "${VAELAB_DATA:-}" "$HOME/.vaelab/data/fashion-mnist" /usr/share/datasets/fashion-mnist; do
    if [ -n "$d" ] && { [ -f "$d/train-images-idx3-ubyte.gz" ] || [ -f "$d/train-images-idx3-ubyte" ]; }; then export FMNIST_DIR="$d"; break; fi
  done
fi
[ -n "${FMNIST_DIR:-}" ] || { echo "Fashion-MNIST not found; set FMNIST_DIR" >&2; exit 2; }
mkdir -p "$(dirname "$out")"
echo "$tag, $epochs epochs, seeds $seeds, data $FMNIST_DIR" >&2
: > "$out"
for seed in $seeds; do
  if [ "$bench" = b4 ]; then
    TF_CPP_MIN_LOG_LEVEL=2 java -jar "$jar" bench b4 --data "$FMNIST_DIR" | tail -1 >> "$out"
    (cd "$peers" && /usr/bin/python3 gmm_em.py) | tail -1 >> "$out"
    continue
  fi
  TF_CPP_MIN_LOG_LEVEL=2 java -jar "$jar" bench "$bench" "${vaelab_args[@]}" --data "$FMNIST_DIR" --epochs "$epochs" --seed "$seed" | tail -1 >> "$out"
  (cd "$peers" && /usr/bin/python3 "$peer_script" "${peer_args[@]}" --epochs "$epochs" --seed "$seed") | tail -1 >> "$out"
done
/usr/bin/python3 - "$out" <<'PY'
import json, statistics as st, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
if rows[0]["benchmark"].startswith("B4"):
    v, p = rows[0], rows[1]
    out = {"benchmark": "B4"}
    for cov in ("full", "diag"):
        a, b = v["a_fmnist_pca"][cov], p["a_fmnist_pca"][cov]
        out["a_" + cov] = {k: [a.get(k), b.get(k)] for k in ("fit_secs", "n_iter", "converged", "train_loglik_per_example", "test_loglik_per_example")}
        out["a_" + cov]["fit_speed_ratio_sklearn_over_vaelab"] = round(b["fit_secs"] / a["fit_secs"], 2)
    out["b_spec_fit"] = {k: [v["b_synthetic_1d"]["spec_fit"].get(k), p["b_synthetic_1d"]["spec_fit"].get(k)] for k in ("n_iter", "weights", "means", "stds", "loglik_per_example")}
    out["b_vaelab_default_fit"] = v["b_synthetic_1d"]["default_fit"]
    out["b_sklearn_tight_fit"] = p["b_synthetic_1d"].get("tight_fit")
    cv, cp = v["c_em_iter_1e6"]["sec_per_em_iter_diff"], p["c_em_iter_1e6"]["sec_per_em_iter_diff"]
    out["c_sec_per_em_iter"] = [cv, cp]
    out["c_speed_ratio_sklearn_over_vaelab"] = round(cp / cv, 2)
    out["note"] = "pairs are [vaelab, scikit-learn]"
    out["results_file"] = sys.argv[1]
    print(json.dumps(out, indent=2))
    sys.exit(0)
v = [r for r in rows if r.get("framework", "").startswith("vaelab")]
p = [r for r in rows if not r.get("framework", "").startswith("vaelab")]
def ms(xs):
    return {"mean": round(st.mean(xs), 3), "sd": round(st.stdev(xs), 3) if len(xs) > 1 else None, "all": xs}
vs = [r["sec_per_epoch_median"] for r in v]
ps = [r["sec_per_epoch_median"] for r in p]
print(json.dumps({
  "benchmark": v[0]["benchmark"], "epochs": v[0]["epochs"], "seeds": [r["seed"] for r in v],
  "vaelab_sec_per_epoch_median": ms(vs),
  "torch_sec_per_epoch_median": ms(ps),
  "speed_ratio_torch_over_vaelab": round(st.mean(ps) / st.mean(vs), 2),
  "vaelab_test_elbo": ms([r["test_elbo"] for r in v]) if "test_elbo" in v[0] else None,
  "torch_test_elbo": ms([r["test_elbo"] for r in p]) if "test_elbo" in p[0] else None,
  "vaelab_test_iwae_bound": ms([r["test_iwae_bound"] for r in v]) if "test_iwae_bound" in v[0] else None,
  "torch_test_iwae_bound": ms([r["test_iwae_bound"] for r in p]) if "test_iwae_bound" in p[0] else None,
  "vaelab_test_nll": ms([r["test_nll_is"] for r in v]) if "test_nll_is" in v[0] else None,
  "torch_test_nll": ms([r["test_nll_is"] for r in p]) if "test_nll_is" in p[0] else None,
  "vaelab_nll_secs": [r.get("nll_secs") for r in v],
  "torch_nll_secs": [r.get("nll_secs") for r in p],
  "vaelab_active_units": [r.get("active_units") for r in v],
  "torch_active_units": [r.get("active_units") for r in p],
  "vaelab_test_recon_bce": [r.get("test_recon_bce_nats_per_image") for r in v],
  "torch_test_recon_bce": [r.get("test_recon_bce_nats_per_image") for r in p],
  "vaelab_test_perplexity_codes_used": [[r.get("test_perplexity"), r.get("test_codes_used")] for r in v],
  "torch_test_perplexity_codes_used": [[r.get("test_perplexity"), r.get("test_codes_used")] for r in p],
  "results_file": sys.argv[1],
}, indent=2))
PY
