#!/bin/sh
# Issue 17's speed figures: every vaelab benchmark and its peer back to back on this machine, in one go,
# written as JSON lines (each carries the machine: CPU, vector extensions, thread settings, ISA cap).
#   bench/speed/run.sh OUT [ISA] [PARTS]
#   ISA    native (default) or avx2: on an AVX-512 machine, avx2 caps TensorFlow's oneDNN
#          (ONEDNN_MAX_CPU_ISA=AVX2) and the peers (ATEN_CPU_CAPABILITY=avx2 for PyTorch's own kernels,
#          OPENBLAS_CORETYPE=Haswell for the OpenBLAS GEMMs both peers call) to emulate an AVX2 machine
#   PARTS  any of b1 b2 b3 b4 serve (default all); b1/b2/b3 without the NLL (speed and test ELBO only)
# REPEAT=n (default 1) runs each part n times, vaelab and peer alternating, for medians over noisy machines.
# B1 5 epochs, B2 (k = 5) 4 epochs, B3 (EMA) 2 epochs, B4 parts a and c, B7 serve (10,000 single-row
# calls, 1,000 batched calls of 1,000 rows). Medians of epochs; ratios in docs/performance.md.
# Fashion-MNIST from VAELAB_DATA (or Debian's dataset-fashion-mnist); peers from PEERS
# (default bench/peers, needing python3-torch, python3-sklearn, python3-threadpoolctl: bench/peers/README.md).
# VAELAB may name a frozen copy of the launcher (rebuilding the jar under a running JVM is unsafe).
set -eu
VAELAB=${VAELAB:-./vaelab}
OUT=${1:?usage: bench/speed/run.sh OUT [native|avx2] [PARTS]}
ISA=${2:-native}
PARTS=${3:-"b1 b2 b3 b4 serve"}
HERE=$(cd "$(dirname "$0")/../.." && pwd)
PEERS=${PEERS:-$HERE/bench/peers}
DATA=${VAELAB_DATA:-/usr/share/datasets/fashion-mnist}
export FMNIST_DIR=${FMNIST_DIR:-$DATA}
case $ISA in
  native) ;;
  avx2) export ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 OPENBLAS_CORETYPE=Haswell ;;
  *) echo "ISA must be native or avx2, got $ISA" >&2; exit 2 ;;
esac
mkdir -p "$(dirname "$OUT")"
OUT=$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")
for part in $PARTS; do
 for rep in $(seq "${REPEAT:-1}"); do
  case $part in
    b1) $VAELAB bench b1 --data "$DATA" --epochs 5 --nll 0 | tail -1 >> "$OUT"
        (cd "$PEERS" && /usr/bin/python3 gaussian_vae.py --epochs 5 --nll-k 1 --nll-n 1) | tail -1 >> "$OUT" ;;
    b2) $VAELAB bench b2 --k 5 --data "$DATA" --epochs 4 --nll 0 | tail -1 >> "$OUT"
        (cd "$PEERS" && /usr/bin/python3 iwae.py --k 5 --epochs 4 --nll-k 1 --nll-n 1) | tail -1 >> "$OUT" ;;
    b3) $VAELAB bench b3 --data "$DATA" --epochs 2 | tail -1 >> "$OUT"
        (cd "$PEERS" && /usr/bin/python3 vqvae.py --epochs 2) | tail -1 >> "$OUT" ;;
    b4) $VAELAB bench b4 --parts ac --data "$DATA" | tail -1 >> "$OUT"
        (cd "$PEERS" && /usr/bin/python3 gmm_em.py --parts ac) | tail -1 >> "$OUT" ;;
    serve) $VAELAB bench serve --data "$DATA" --batch-calls 1000 | tail -1 >> "$OUT"
        /usr/bin/python3 "$HERE/bench/peers/serve.py" --batch-calls 1000 | tail -1 >> "$OUT" ;;
    *) echo "unknown part $part (b1 b2 b3 b4 serve)" >&2; exit 2 ;;
  esac
 done
done
echo "wrote $OUT" >&2
