#!/usr/bin/python3
"""B2 peer: the B1 network trained on the importance-weighted bound L_k (Burda et al. 2015) in PyTorch
(docs/benchmarks.md#b2).

    /usr/bin/python3 bench/peers/iwae.py --k 5|50 [--epochs 10] [--seed 0] [--nll-k 5000] [--nll-n 1000] [--threads 2]

Prints one JSON line: seconds per epoch (median), test L_k, test NLL, active units.
"""
import argparse

import fmnist

fmnist.passive_openmp()  # before PyTorch loads

import numpy as np
import torch

import vae


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--nll-k", type=int, default=5000)
    p.add_argument("--nll-n", type=int, default=1000)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    fmnist.set_threads(a.threads)
    torch.manual_seed(a.seed)
    np.random.seed(a.seed)
    train_x, test_x, _, _ = fmnist.fmnist()
    model = vae.GaussianVae()
    secs, curve = vae.train(model, train_x, a.epochs, vae.iwae_loss(a.k), seed=a.seed)
    nll, nll_secs = vae.nll(model, test_x, a.nll_k, a.nll_n)
    fmnist.emit({"benchmark": f"B2 (k={a.k})", "framework": "pytorch " + torch.__version__, "threads": a.threads, "k": a.k,
                 "epochs": a.epochs, "seed": a.seed, "sec_per_epoch": secs, "sec_per_epoch_median": fmnist.median(secs),
                 "train_iwae_bound": curve, "test_iwae_bound": vae.test_bound(model, test_x, a.k), "test_nll_is": nll,
                 "nll_k": a.nll_k, "nll_n": a.nll_n, "nll_secs": nll_secs, "active_units": vae.active_units(model, test_x)})


if __name__ == "__main__":
    main()
