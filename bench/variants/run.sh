#!/bin/sh
# Issue 28's measurements on FMNIST-bin (docs/results.md, "The remaining families on FMNIST-bin"):
#   bench/variants/run.sh [OUT] [PARTS]      OUT default runs/variants; PARTS any of orderings rae-gp speed
# orderings: 20 epochs, seeds 0, 1, 2 of the B1 VAE, its planar and IAF posteriors, Burda et al.'s two stochastic layers,
#   the ladder VAE, WAE-MMD, InfoVAE and RAE-L2, with the test NLL (K = 1000, 500 images) and the Fréchet distance of
#   every sampler's samples (prior, post-hoc mixture, MAF, two-stage VAE) and of the reconstructions, 10,000 rows each.
#   Finished runs and their recorded metrics are reused when this is run again.
# rae-gp: RAE with the gradient penalty, same protocol, seed 0.
# speed: seconds per epoch of every new variant against the B1 network, trained back to back in one process (3 epochs
#   each), one JSON line appended to bench/variants/speed.jsonl. Run it on an otherwise idle machine.
# Fashion-MNIST: set VAELAB_DATA to the folder of the IDX files (or install dataset-fashion-mnist).
set -eu
VAELAB=${VAELAB:-./vaelab}
OUT=${1:-runs/variants}
PARTS=${2:-"orderings rae-gp speed"}
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$OUT"
for part in $PARTS; do
  case $part in
    orderings)
      $VAELAB compare --data fmnist --epochs 20 --seeds 0,1,2 \
        --variants vae,vae-planar,vae-iaf,vae-layers-2,ladder-vae,wae,info-vae,rae \
        --metrics fd --samples 10000 --out "$OUT/orderings" ;;
    rae-gp)
      $VAELAB compare --data fmnist --epochs 20 --seeds 0 --variants rae-gp --metrics fd --samples 10000 --out "$OUT/rae-gp" ;;
    speed)
      $VAELAB bench variants --data fmnist --epochs 3 \
        --variants vae-planar,vae-iaf,vae-layers-2,ladder-vae,wae,wae-gaussian,info-vae,rae,rae-gp \
        --out "$here/speed.jsonl" ;;
    *) echo "unknown part $part (orderings, rae-gp, speed)" >&2; exit 2 ;;
  esac
done
