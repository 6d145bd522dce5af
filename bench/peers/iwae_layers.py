#!/usr/bin/python3
"""B5(b) peer: the architectures of Burda et al. (2015) trained on the IWAE bound with k = 5, in PyTorch
(docs/benchmarks.md#b5). One stochastic layer: 784-200-200 (tanh) → z 50; two: 784-200-200 (tanh) → z₁ 100 →
100-100 (tanh) → z₂ 50, generative model p(z₂) p(z₁|z₂) p(y|z₁) mirrored (Gaussian z₁, Bernoulli y).

    /usr/bin/python3 bench/peers/iwae_layers.py --layers 1|2 [--k 5] [--epochs 20] [--seed 0] [--nll-k 5000] [--nll-n 1000]

ln w = ln p(y|z₁) + ln p(z₁|z₂) + ln p(z₂) − ln q(z₁|y) − ln q(z₂|z₁). Prints one JSON line: seconds per epoch
(median), test L_k, test NLL, active units per layer.
"""
import math

import fmnist

fmnist.passive_openmp()  # before PyTorch loads

import torch
from torch import nn

import vae


class Gaussian(nn.Module):
    """x → two tanh layers → μ, ln σ² of a diagonal Gaussian."""

    def __init__(self, d_in, hidden, d_out):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(d_in, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh())
        self.mu = nn.Linear(hidden, d_out)
        self.logvar = nn.Linear(hidden, d_out)

    def forward(self, x):
        h = self.body(x)
        return self.mu(h), self.logvar(h)


class LayeredIwae(nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.layers = layers
        if layers == 1:
            self.q1 = Gaussian(784, 200, 50)
            self.p_y = nn.Sequential(nn.Linear(50, 200), nn.Tanh(), nn.Linear(200, 200), nn.Tanh(), nn.Linear(200, 784))
        else:
            self.q1 = Gaussian(784, 200, 100)
            self.q2 = Gaussian(100, 100, 50)
            self.p1 = Gaussian(50, 100, 100)
            self.p_y = nn.Sequential(nn.Linear(100, 200), nn.Tanh(), nn.Linear(200, 200), nn.Tanh(), nn.Linear(200, 784))

    def encode(self, y):
        return self.q1(y)

    def log_weights(self, y, k):
        mu1, lv1 = self.q1(y)
        z1 = vae.sample_z(mu1, lv1, k)
        lw = vae.bernoulli_log_lik(y, self.p_y(z1)) - vae.log_normal(z1, mu1, lv1)
        if self.layers == 1:
            return lw + vae.log_normal(z1, torch.zeros_like(z1), torch.zeros_like(z1))
        mu2, lv2 = self.q2(z1)
        z2 = mu2 + (0.5 * lv2).exp() * torch.randn_like(mu2)
        pm, plv = self.p1(z2)
        return lw + vae.log_normal(z1, pm, plv) + vae.log_normal(z2, torch.zeros_like(z2), torch.zeros_like(z2)) - vae.log_normal(z2, mu2, lv2)


def bound(model, y, k):
    return torch.logsumexp(model.log_weights(y, k), 0) - math.log(k)


@torch.no_grad()
def active(model, test_x):
    """Active units (Cov_y E_q[z] > 0.01) of z₁ and, with two layers, of z₂ at E_q[z₂ | E_q[z₁]]."""
    x = torch.from_numpy(test_x)
    m1 = model.q1(x)[0]
    out = [int((m1.var(0, unbiased=False) > 0.01).sum())]
    if model.layers == 2:
        out.append(int((model.q2(m1)[0].var(0, unbiased=False) > 0.01).sum()))
    return out


def main():
    p = fmnist.parser(__doc__, epochs=20)
    p.add_argument("--layers", type=int, choices=[1, 2], default=1)
    p.add_argument("--k", type=int, default=5)
    a = p.parse_args()
    train_x, test_x, _, _ = fmnist.start(a)
    model = LayeredIwae(a.layers)
    secs, curve = vae.train(model, train_x, a.epochs, lambda m, y: -bound(m, y, a.k).mean(), seed=a.seed)
    fmnist.emit(fmnist.record(f"B5b ({a.layers} stochastic layer{'s' if a.layers > 1 else ''}, k={a.k})", a, secs, layers=a.layers, k=a.k,
                              train_iwae_bound=curve, test_iwae_bound=vae.test_bound(model, test_x, a.k),
                              **vae.nll_fields(model, test_x, a), active_units=active(model, test_x)))


if __name__ == "__main__":
    main()
