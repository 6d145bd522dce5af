#!/bin/sh
# B5 of docs/benchmarks.md, as measured for docs/results.md: vaelab's runs (compare experiments;
# finished runs are reused when this is run again) and the PyTorch peers, on the same machine in one go.
#   bench/b5/run.sh [OUT] [PARTS]      OUT default runs/b5; PARTS any of acd d b sweep f peers
# Fashion-MNIST: set VAELAB_DATA to the folder of the IDX files (or install dataset-fashion-mnist).
set -eu
VAELAB=${VAELAB:-./vaelab}
OUT=${1:-runs/b5}
PARTS=${2:-"acd d b sweep f peers"}
PEERS=${PEERS:-bench/peers}
DATA=${VAELAB_DATA:-/usr/share/datasets/fashion-mnist}
export FMNIST_DIR=${FMNIST_DIR:-$DATA}
mkdir -p "$OUT"
for part in $PARTS; do
  case $part in
    acd|b|f) $VAELAB compare --experiment bench/b5/$part.json --out "$OUT/$part" ;;
    d) # post-hoc mixture (K = 10, full covariance) on the B1 VAE's training posterior means
      for s in 0 1 2; do
        $VAELAB evaluate --run "$OUT/acd/runs/vae-s$s" --sampler gmm --components 10 --nll 5000 --nll-examples 1000 \
          | sed -n '/^{/,$p' > "$OUT/d-s$s.json"
      done ;;
    sweep) # B5b, seed 0: the one- and two-layer IWAE continued to 50 and 100 epochs
      for v in iwae5-1layer iwae5-2layers; do
        for e in 50 100; do
          rm -rf "$OUT/sweep/$v-e$e"; mkdir -p "$OUT/sweep"
          if [ $e = 50 ]; then cp -r "$OUT/b/runs/$v-s0" "$OUT/sweep/$v-e$e"; else cp -r "$OUT/sweep/$v-e50" "$OUT/sweep/$v-e$e"; fi
          rm -f "$OUT/sweep/$v-e$e/.lock"
          $VAELAB train --resume "$OUT/sweep/$v-e$e" --epochs $e > "$OUT/sweep/$v-e$e.log" 2>&1
        done
      done ;;
    peers)
      for p in standard mog vamp; do
        (cd "$PEERS" && /usr/bin/python3 vamp_prior.py --prior $p --seed 0) > "$OUT/peer-vamp_prior-$p.json"
      done
      for l in 1 2; do
        (cd "$PEERS" && /usr/bin/python3 iwae_layers.py --layers $l --seed 0) > "$OUT/peer-iwae_layers-$l.json"
      done ;;
    *) echo "unknown part $part" >&2; exit 2 ;;
  esac
done
