#!/usr/bin/python3
"""B3 peer: the convolutional VQ-VAE on FMNIST-bin in PyTorch (docs/benchmarks.md#b3), with the EMA codebook or
the gradient codebook loss; also the first stage of the B6(c) code-prior peer (pixelcnn_prior.py).

    /usr/bin/python3 bench/peers/vqvae.py [--codebook ema|loss] [--epochs 5] [--seed 0] [--threads 2]

Prints one JSON line: seconds per epoch (median), test reconstruction cross-entropy per image (nats), codebook
perplexity and codes used on the test set.
"""
import time

import fmnist

fmnist.passive_openmp()  # before PyTorch loads

import torch
import torch.nn.functional as F
from torch import nn



class VqVae(nn.Module):
    """1×28×28 → Conv(32, 4, s2, p1) ReLU → Conv(64, 4, s2, p1) ReLU → Conv(D, 1): z_e of 7×7×D; the nearest of K
    codes e_k; decoder: ConvT mirrored to 28×28 Bernoulli logits. β = 0.25. EMA codebook (γ = 0.99, ε = 1e-5): the
    cluster sizes N and sums M start at zero and are zero-debiased by 1 − γ^t, as Sonnet's VectorQuantizerEMA, so a
    code no input chose stays near the origin instead of being divided by an almost empty cluster."""

    def __init__(self, codes=128, dim=16, ema=True, beta=0.25, decay=0.99, eps=1e-5):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 4, 2, 1), nn.ReLU(), nn.Conv2d(64, dim, 1))
        self.dec = nn.Sequential(nn.Conv2d(dim, 64, 1), nn.ReLU(), nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ReLU(),
                                 nn.ConvTranspose2d(32, 1, 4, 2, 1))
        self.ema, self.beta, self.decay, self.eps = ema, beta, decay, eps
        embed = torch.empty(codes, dim).uniform_(-1.0 / codes, 1.0 / codes)
        if ema:
            self.register_buffer("codebook", embed)
            self.register_buffer("count", torch.zeros(codes))
            self.register_buffer("sum", torch.zeros(codes, dim))
            self.register_buffer("steps", torch.zeros(()))
        else:
            self.codebook = nn.Parameter(embed)

    def quantise(self, ze):
        """Index of the nearest code of every position: argmin_k ‖z_e − e_k‖²; ze is [B, D, 7, 7]."""
        flat = ze.permute(0, 2, 3, 1).reshape(-1, ze.shape[1])
        dist = (flat * flat).sum(1, keepdim=True) - 2 * flat @ self.codebook.t() + (self.codebook ** 2).sum(1)
        return flat, dist.argmin(1)

    def forward(self, y):
        ze = self.enc(y)
        flat, idx = self.quantise(ze)
        e = self.codebook[idx]
        commit = ((flat - e.detach()) ** 2).sum(1)
        loss = self.beta * commit
        if not self.ema:
            loss = loss + ((flat.detach() - e) ** 2).sum(1)  # the codebook loss ‖sg[z_e] − e‖²
        elif self.training:
            with torch.no_grad():
                onehot = F.one_hot(idx, self.codebook.shape[0]).float()
                self.count.mul_(self.decay).add_(onehot.sum(0), alpha=1 - self.decay)
                self.sum.mul_(self.decay).add_(onehot.t() @ flat.detach(), alpha=1 - self.decay)
                self.steps.add_(1)
                debias = 1 - self.decay ** self.steps
                count, total = self.count / debias, self.sum / debias
                n = count.sum()
                smoothed = (count + self.eps) / (n + self.codebook.shape[0] * self.eps) * n  # Laplace smoothing
                self.codebook.copy_(total / smoothed.unsqueeze(1))
        zq = flat + (e - flat).detach()  # straight-through estimator
        zq = zq.reshape(ze.shape[0], ze.shape[2], ze.shape[3], -1).permute(0, 3, 1, 2)
        logits = self.dec(zq)
        distortion = F.binary_cross_entropy_with_logits(logits, y, reduction="none").flatten(1).sum(1)
        return distortion, loss.reshape(y.shape[0], -1).sum(1), idx.reshape(y.shape[0], -1)


def images(x):
    return torch.from_numpy(x).reshape(-1, 1, 28, 28)


def train(model, train_x, epochs, seed, batch=128, lr=1e-3):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    gen = torch.Generator().manual_seed(seed)
    x = images(train_x)
    secs = []
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=gen)
        t0 = time.perf_counter()
        for b in range(0, len(x), batch):
            distortion, vq, _ = model(x[order[b:b + batch]])
            loss = (distortion + vq).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        secs.append(time.perf_counter() - t0)
    return secs


@torch.no_grad()
def codes_of(model, xs, batch=1000):
    """The 7×7 code maps (flattened to 49) and the reconstruction cross-entropy of every image."""
    model.eval()
    codes, bce = [], []
    x = images(xs)
    for b in range(0, len(x), batch):
        distortion, _, idx = model(x[b:b + batch])
        codes.append(idx)
        bce.append(distortion)
    return torch.cat(codes), torch.cat(bce)


def usage(codes, k):
    """Perplexity exp(−Σ p_k ln p_k) of the code frequencies, and the number of codes used."""
    freq = torch.bincount(codes.flatten(), minlength=k).double()
    p = freq / freq.sum()
    nz = p[p > 0]
    return float(torch.exp(-(nz * nz.log()).sum())), int((freq > 0).sum())


def main():
    p = fmnist.parser(__doc__, epochs=5, nll=False)
    p.add_argument("--codebook", choices=["ema", "loss"], default="ema")
    a = p.parse_args()
    train_x, test_x, _, _ = fmnist.start(a)
    model = VqVae(ema=a.codebook == "ema")
    secs = train(model, train_x, a.epochs, a.seed)
    codes, bce = codes_of(model, test_x)
    perplexity, used = usage(codes, model.codebook.shape[0])
    fmnist.emit(fmnist.record(f"B3 ({a.codebook})", a, secs, codebook=a.codebook, test_recon_bce_nats_per_image=float(bce.mean()),
                              test_perplexity=perplexity, test_codes_used=used))


if __name__ == "__main__":
    main()
