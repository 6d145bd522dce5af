#!/bin/sh
# Issue 26's measurements on FMNIST-bin (docs/metrics.md, "Orderings on FMNIST-bin"): 20 epochs, seeds 0, 1, 2, the
# sample metrics (fd, kid, pr on 10,000 rows of each set) and the representation metrics of every run, in one report.
#   bench/metrics/run.sh [OUT] [PARTS]      OUT default runs/metrics; PARTS any of orderings sweep vq
# Finished runs and their recorded metrics are reused when this is run again.
# Fashion-MNIST: set VAELAB_DATA to the folder of the IDX files (or install dataset-fashion-mnist).
set -eu
VAELAB=${VAELAB:-./vaelab}
OUT=${1:-runs/metrics}
PARTS=${2:-"orderings sweep vq"}
mkdir -p "$OUT"
for part in $PARTS; do
  case $part in
    orderings) # the standard and the VampPrior VAE (prior, post-hoc mixture, reconstructions), the mixture (ancestral
      # samples through its PCA)
      $VAELAB compare --data fmnist --epochs 20 --seeds 0,1,2 --variants vae,vae-vamp,gmm \
        --metrics fd,kid,pr --samples 10000 --out "$OUT/orderings" ;;
    vq) # the VQ-VAE with its independent and PixelCNN code priors, seeds 0 and 1 (a seed takes about 12 minutes here: the
      # PixelCNN samples 10,000 maps position by position). The PixelCNN is trained 3 epochs (57 s an epoch on 60,000 code
      # maps here; its default 20 would add 19 minutes a seed)
      $VAELAB compare --experiment bench/metrics/vq.json --metrics fd,kid,pr --samples 10000 --out "$OUT/vq" ;;
    sweep) # β from 0.25 to 8, seed 0: probe accuracy and Fréchet distance along the sweep
      $VAELAB compare --data fmnist --epochs 20 --seeds 0 --betas 0.25,0.5,1,2,4,8 \
        --metrics fd,kid --samples 10000 --out "$OUT/sweep" ;;
    *) echo "unknown part $part (orderings, sweep, vq)" >&2; exit 2 ;;
  esac
done
