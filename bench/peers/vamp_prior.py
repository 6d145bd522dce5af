#!/usr/bin/python3
"""B5(a) peer: priors on the B1 network in PyTorch (docs/benchmarks.md#b5) — the standard normal, a mixture of 10
learned diagonal Gaussians, and the VampPrior with 500 pseudo-inputs (Tomczak & Welling 2018):
p(z) = (1/K) Σ_k q(z | u_k), the pseudo-inputs u_k learned (kept in [0, 1] by a hard tanh, as in the paper's code).
With a learned prior the rate is estimated with one sample, ln q(z|y) − ln p(z).

    /usr/bin/python3 bench/peers/vamp_prior.py --prior standard|mog|vamp [--epochs 20] [--seed 0] [--nll-k 5000] [--nll-n 1000]

Prints one JSON line: seconds per epoch (median), test ELBO, test NLL, active units.
"""
import math

import fmnist

fmnist.passive_openmp()  # before PyTorch loads

import torch
import torch.nn.functional as F
from torch import nn

import vae


class PriorVae(vae.GaussianVae):
    def __init__(self, prior, components):
        super().__init__()
        self.prior = prior
        self.analytic_kl = prior == "standard"
        if prior == "mog":
            self.mix_mu = nn.Parameter(torch.randn(components, self.latent))
            self.mix_logvar = nn.Parameter(torch.zeros(components, self.latent))
        elif prior == "vamp":
            self.pseudo = nn.Parameter(torch.rand(components, 784) * 0.1 + 0.45)

    def log_prior(self, z):
        if self.prior == "standard":
            return super().log_prior(z)
        if self.prior == "mog":
            mu, logvar = self.mix_mu, self.mix_logvar
        else:
            mu, logvar = self.encode(F.hardtanh(self.pseudo, 0.0, 1.0))
        k = mu.shape[0]
        # ln p(z) = ln (1/K) Σ_k N(z; μ_k, σ_k²): z [..., L] against every component
        lp = vae.log_normal(z.unsqueeze(-2), mu, logvar)
        return torch.logsumexp(lp, -1) - math.log(k)


def main():
    p = fmnist.parser(__doc__, epochs=20)
    p.add_argument("--prior", choices=["standard", "mog", "vamp"], default="standard")
    p.add_argument("--components", type=int, default=0, help="10 for mog, 500 for vamp (default)")
    a = p.parse_args()
    components = a.components or {"standard": 0, "mog": 10, "vamp": 500}[a.prior]
    train_x, test_x, _, _ = fmnist.start(a)
    model = PriorVae(a.prior, components)
    secs, curve = vae.train(model, train_x, a.epochs, vae.elbo_loss, seed=a.seed)
    elbo, rate, distortion = vae.test_elbo(model, test_x)
    fmnist.emit(fmnist.record(f"B5a ({a.prior})", a, secs, prior=a.prior, components=components, train_elbo=curve, test_elbo=elbo,
                              test_rate=rate, test_distortion=distortion, **vae.nll_fields(model, test_x, a, chunk=100 if a.prior == "vamp" else 500),
                              active_units=vae.active_units(model, test_x)))


if __name__ == "__main__":
    main()
