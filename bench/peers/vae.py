"""The Gaussian VAE of B1 in PyTorch and what every VAE peer measures with it: training epochs, the test
ELBO, the importance-sampled log-likelihood and the active units (docs/benchmarks.md).

Symbols as in vaelab: y the data, z the latent; the encoder gives μ and ln σ² of q(z|y), the decoder the
Bernoulli logits of p(y|z); rate = KL(q(z|y) ‖ p(z)), distortion = −ln p(y|z); ELBO = −(rate + distortion).
"""
import math
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

LOG_2PI = math.log(2 * math.pi)


class GaussianVae(nn.Module):
    """784-400 (ReLU) → μ, ln σ² (20 each); 20-400 (ReLU)-784 Bernoulli logits."""

    def __init__(self, d=784, hidden=400, latent=20):
        super().__init__()
        self.enc = nn.Linear(d, hidden)
        self.mu = nn.Linear(hidden, latent)
        self.logvar = nn.Linear(hidden, latent)
        self.dec = nn.Sequential(nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, d))
        self.latent = latent

    def encode(self, y):
        h = F.relu(self.enc(y))
        return self.mu(h), self.logvar(h)

    def decode(self, z):
        return self.dec(z)

    def log_prior(self, z):
        """ln p(z) for the standard normal prior, summed over the latent dimensions."""
        return -0.5 * (z * z + LOG_2PI).sum(-1)


def log_normal(z, mu, logvar):
    """ln N(z; μ, diag σ²), summed over the last axis."""
    return -0.5 * (LOG_2PI + logvar + (z - mu) ** 2 / logvar.exp()).sum(-1)


def bernoulli_log_lik(y, logits):
    """ln p(y|z) = Σ_i y_i ln σ(l_i) + (1 − y_i) ln(1 − σ(l_i)), summed over the pixels."""
    return -F.binary_cross_entropy_with_logits(logits, y.expand_as(logits), reduction="none").sum(-1)


def sample_z(mu, logvar, k=None):
    """z = μ + σ ε (reparameterised); k samples on a new leading axis when k is given."""
    shape = mu.shape if k is None else (k,) + tuple(mu.shape)
    return mu + (0.5 * logvar).exp() * torch.randn(shape)


def log_weights(model, y, k):
    """ln w_k = ln p(y, z_k) − ln q(z_k|y) for k samples z_k ~ q(z|y): shape [k, batch]."""
    if hasattr(model, "log_weights"):
        return model.log_weights(y, k)
    mu, logvar = model.encode(y)
    z = sample_z(mu, logvar, k)
    return bernoulli_log_lik(y, model.decode(z)) + model.log_prior(z) - log_normal(z, mu, logvar)


def elbo_terms(model, y):
    """(rate, distortion) per example for one z sample; the rate analytic when the prior is N(0, I)."""
    mu, logvar = model.encode(y)
    z = sample_z(mu, logvar)
    distortion = -bernoulli_log_lik(y, model.decode(z))
    if getattr(model, "analytic_kl", True):
        rate = 0.5 * (mu * mu + logvar.exp() - 1 - logvar).sum(-1)
    else:
        rate = log_normal(z, mu, logvar) - model.log_prior(z)
    return rate, distortion


def train(model, train_x, epochs, loss_fn, batch=128, lr=1e-3, seed=0, log=None):
    """Adam, shuffled every epoch (a seeded permutation); returns seconds per epoch and the train ELBO curve
    (mean of −loss_fn over the epoch's batches, per example)."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    gen = torch.Generator().manual_seed(seed)
    x = torch.from_numpy(train_x)
    secs, curve = [], []
    for epoch in range(epochs):
        order = torch.randperm(len(x), generator=gen)
        t0 = time.perf_counter()
        total = 0.0
        for b in range(0, len(x), batch):
            yb = x[order[b:b + batch]]
            loss = loss_fn(model, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item() * len(yb)
        secs.append(time.perf_counter() - t0)
        curve.append(-total / len(x))
        if log:
            log(f"epoch {epoch + 1}: {secs[-1]:.2f} s, train ELBO {curve[-1]:.2f}")
    return secs, curve


def elbo_loss(model, y):
    rate, distortion = elbo_terms(model, y)
    return (rate + distortion).mean()


def iwae_loss(k):
    """−L_k = −E[ln (1/k) Σ_k w_k], averaged over the batch."""
    def loss(model, y):
        lw = log_weights(model, y, k)
        return -(torch.logsumexp(lw, 0) - math.log(k)).mean()
    return loss


@torch.no_grad()
def test_elbo(model, test_x, batch=1000):
    """Mean test ELBO, rate and distortion per example (one z sample each)."""
    r = d = 0.0
    for b in range(0, len(test_x), batch):
        rate, distortion = elbo_terms(model, torch.from_numpy(test_x[b:b + batch]))
        r += rate.sum().item()
        d += distortion.sum().item()
    n = len(test_x)
    return -(r + d) / n, r / n, d / n


@torch.no_grad()
def test_bound(model, test_x, k, batch=500):
    """Mean test L_k = ln (1/k) Σ w_k per example."""
    total = 0.0
    for b in range(0, len(test_x), batch):
        lw = log_weights(model, torch.from_numpy(test_x[b:b + batch]), k)
        total += (torch.logsumexp(lw, 0) - math.log(k)).sum().item()
    return total / len(test_x)


@torch.no_grad()
def nll(model, test_x, k=5000, n=1000, chunk=500):
    """−ln p(y) by importance sampling with k samples from q(z|y) (log-mean-exp of the log weights), mean over the
    first n test images, in chunks of samples; returns (nll, seconds)."""
    t0 = time.perf_counter()
    total = 0.0
    for i in range(n):
        y = torch.from_numpy(test_x[i:i + 1])
        parts = [log_weights(model, y, min(chunk, k - j))[:, 0] for j in range(0, k, chunk)]
        lw = torch.cat(parts)
        total += (torch.logsumexp(lw, 0) - math.log(k)).item()
    return -total / n, time.perf_counter() - t0


def nll_fields(model, test_x, args, chunk=500):
    """The NLL of `args.nll_k` samples on the first `args.nll_n` test images, as the JSON record's fields."""
    value, secs = nll(model, test_x, args.nll_k, args.nll_n, chunk)
    return {"test_nll_is": value, "nll_k": args.nll_k, "nll_n": args.nll_n, "nll_secs": secs}


@torch.no_grad()
def active_units(model, test_x, threshold=0.01):
    """Dimensions i with Cov_y(E_q[z_i|y]) > threshold over the test set (Burda et al. 2015)."""
    means = torch.cat([model.encode(torch.from_numpy(test_x[b:b + 1000]))[0] for b in range(0, len(test_x), 1000)])
    return int((means.var(0, unbiased=False) > threshold).sum().item())
