#!/bin/sh
# Issue 27's measurements on the reduced dSprites protocol (docs/disentanglement.md): dsprites-small (32 × 32, 24,576
# images; 80 % trained on), the B1 MLPs with 10 latents, 15 epochs, batch 128; every run's test NLL (K = 1000, 500
# images), representation metrics and the five disentanglement metrics on disentanglement_lib's protocol.
#   bench/disentanglement/run.sh [OUT] [PARTS]     OUT default runs/disentanglement; PARTS any of orderings sweep longer
# Finished runs and their recorded metrics are reused when this is run again. The data are generated: nothing to fetch.
set -eu
VAELAB=${VAELAB:-./vaelab}
OUT=${1:-runs/disentanglement}
PARTS=${2:-"orderings sweep"}
METRICS=mig,dci,sap,factorvae,betavae
mkdir -p "$OUT"
for part in $PARTS; do
  case $part in
    orderings) # β-VAE (β = 1), β-TCVAE (β = 6), FactorVAE (γ = 35), DIP-VAE-I, the capacity-annealed β-VAE; seeds 0, 1, 2
      $VAELAB compare --experiment bench/disentanglement/orderings.json --metrics $METRICS --out "$OUT/orderings" ;;
    sweep) # the β-VAE from β = 1 to 16, seed 0: every metric against β (disentanglement-beta.png)
      $VAELAB compare --experiment bench/disentanglement/sweep.json --metrics $METRICS --out "$OUT/sweep" ;;
    longer) # the β-VAE and FactorVAE trained four times longer (60 epochs, 9,240 steps), seed 0: does the FactorVAE score move?
      $VAELAB compare --experiment bench/disentanglement/longer.json --metrics $METRICS --out "$OUT/longer" ;;
    *) echo "unknown part $part (orderings, sweep, longer)" >&2; exit 2 ;;
  esac
done
