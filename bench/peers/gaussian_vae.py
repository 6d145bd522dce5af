#!/usr/bin/python3
"""B1 peer: the Gaussian VAE on FMNIST-bin in PyTorch (docs/benchmarks.md#b1).

    FMNIST_DIR=/usr/share/datasets/fashion-mnist /usr/bin/python3 bench/peers/gaussian_vae.py [--epochs 10] [--seed 0]
        [--nll-k 5000] [--nll-n 1000] [--threads 2]

Prints one JSON line: seconds per epoch (median), train ELBO curve, test ELBO / rate / distortion, test NLL, active units.
"""

import fmnist

fmnist.passive_openmp()  # before PyTorch loads


import vae


def main():
    a = fmnist.parser(__doc__, epochs=10).parse_args()
    train_x, test_x, _, _ = fmnist.start(a)
    model = vae.GaussianVae()
    secs, curve = vae.train(model, train_x, a.epochs, vae.elbo_loss, seed=a.seed)
    elbo, rate, distortion = vae.test_elbo(model, test_x)
    fmnist.emit(fmnist.record("B1", a, secs, train_elbo=curve, test_elbo=elbo, test_rate=rate, test_distortion=distortion,
                              **vae.nll_fields(model, test_x, a), active_units=vae.active_units(model, test_x)))


if __name__ == "__main__":
    main()
