#!/bin/sh
# B6 of docs/benchmarks.md, as measured for docs/results.md: vaelab's runs and the PyTorch peer,
# on the same machine in one go.
#   bench/b6/run.sh [OUT] [PARTS]      OUT default runs/b6; PARTS any of a a2 b c time
#   a     categorical VAE 30x10, relaxed and straight-through, 3 seeds
#   a2    categorical VAE 2x10, relaxed against the exactly enumerated ELBO (100 values of z), seed 0
#   b     beta-TCVAE, beta 1, 4, 8, 3 seeds
#   c     the B3 VQ-VAE (EMA, 10 epochs), then the independent and the gated PixelCNN code prior (20 epochs);
#         seeds from C_SEEDS (default 0)
#   time  PixelCNN epoch time: vaelab and the peer pixelcnn_prior.py back to back, 5 prior epochs each, seed 0
# Fashion-MNIST: set VAELAB_DATA to the folder of the IDX files (or install dataset-fashion-mnist).
# VAELAB may name a frozen copy of the launcher (rebuilding the jar under a running JVM is unsafe).
set -eu
VAELAB=${VAELAB:-./vaelab}
OUT=${1:-runs/b6}
PARTS=${2:-"a a2 b c time"}
PEERS=${PEERS:-bench/peers}
DATA=${VAELAB_DATA:-/usr/share/datasets/fashion-mnist}
export FMNIST_DIR=${FMNIST_DIR:-$DATA}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)   # absolute: the peer runs from its own folder
for part in $PARTS; do
  case $part in
    a|a2|b) VAELAB_DATA="$DATA" $VAELAB compare --experiment bench/b6/$part.json --out "$OUT/$part" ;;
    c) for s in ${C_SEEDS:-0}; do
         [ -f "$OUT/c-seed$s/summary.json" ] || $VAELAB train --model vq-vae --data "$DATA" --code-prior pixelcnn --epochs 10 \
           --code-prior-epochs 20 --seed $s --nll 0 --out "$OUT/c-seed$s" > "$OUT/c-seed$s.log" 2>&1
       done ;;
    time)
      $VAELAB train --model vq-vae --data "$DATA" --code-prior pixelcnn --epochs 10 --code-prior-epochs 5 --seed 0 --nll 0 \
        --overwrite --out "$OUT/time-vaelab" > "$OUT/time-vaelab.log" 2>&1
      (cd "$PEERS" && /usr/bin/python3 pixelcnn_prior.py --vq-epochs 10 --prior-epochs 5 --seed 0 --out-dir "$OUT/peer" \
        --tag b6c) > "$OUT/peer-pixelcnn_prior-5.json" ;;
    *) echo "unknown part $part" >&2; exit 2 ;;
  esac
done
