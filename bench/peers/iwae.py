#!/usr/bin/python3
"""B2 peer: the B1 network trained on the importance-weighted bound L_k (Burda et al. 2015) in PyTorch
(docs/benchmarks.md#b2).

    /usr/bin/python3 bench/peers/iwae.py --k 5|50 [--epochs 10] [--seed 0] [--nll-k 5000] [--nll-n 1000] [--threads 2]

Prints one JSON line: seconds per epoch (median), test L_k, test NLL, active units.
"""

import fmnist

fmnist.passive_openmp()  # before PyTorch loads


import vae


def main():
    p = fmnist.parser(__doc__, epochs=10)
    p.add_argument("--k", type=int, default=5)
    a = p.parse_args()
    train_x, test_x, _, _ = fmnist.start(a)
    model = vae.GaussianVae()
    secs, curve = vae.train(model, train_x, a.epochs, vae.iwae_loss(a.k), seed=a.seed)
    fmnist.emit(fmnist.record(f"B2 (k={a.k})", a, secs, k=a.k, train_iwae_bound=curve, test_iwae_bound=vae.test_bound(model, test_x, a.k),
                              **vae.nll_fields(model, test_x, a), active_units=vae.active_units(model, test_x)))


if __name__ == "__main__":
    main()
