#!/usr/bin/python3
"""B1 peer: the Gaussian VAE on FMNIST-bin in PyTorch (docs/benchmarks.md#b1).

    FMNIST_DIR=/usr/share/datasets/fashion-mnist /usr/bin/python3 bench/peers/gaussian_vae.py [--epochs 10] [--seed 0]
        [--nll-k 5000] [--nll-n 1000] [--threads 2]

Prints one JSON line: seconds per epoch (median), train ELBO curve, test ELBO / rate / distortion, test NLL, active units.
"""
import argparse

import fmnist

fmnist.passive_openmp()  # before PyTorch loads

import numpy as np
import torch

import vae


def main():
    p = argparse.ArgumentParser(description=__doc__)
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
    secs, curve = vae.train(model, train_x, a.epochs, vae.elbo_loss, seed=a.seed)
    elbo, rate, distortion = vae.test_elbo(model, test_x)
    nll, nll_secs = vae.nll(model, test_x, a.nll_k, a.nll_n)
    fmnist.emit({"benchmark": "B1", "framework": "pytorch " + torch.__version__, "threads": a.threads, "epochs": a.epochs,
                 "seed": a.seed, "sec_per_epoch": secs, "sec_per_epoch_median": fmnist.median(secs), "train_elbo": curve,
                 "test_elbo": elbo, "test_rate": rate, "test_distortion": distortion, "test_nll_is": nll, "nll_k": a.nll_k,
                 "nll_n": a.nll_n, "nll_secs": nll_secs, "active_units": vae.active_units(model, test_x)})


if __name__ == "__main__":
    main()
