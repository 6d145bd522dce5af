#!/usr/bin/python3
"""B6(c) peer: the B3 VQ-VAE (EMA codebook), then a prior on its 7×7 code maps fitted on the training set — an
independent categorical per position against a gated PixelCNN (van den Oord et al. 2016: a vertical and a
horizontal stack of masked convolutions, gated units tanh(a) ⊙ σ(b), 5 layers of 64 channels) — in PyTorch
(docs/benchmarks.md#b6).

    /usr/bin/python3 bench/peers/pixelcnn_prior.py [--vq-epochs 10] [--prior-epochs 20] [--seed 0] [--out-dir DIR] [--tag b6c]

Reported on the test set, in nats per image: the distortion −ln P_dec(y|codes), each prior's rate −ln P_pri(codes)
and the bound distortion + rate; seconds per VQ-VAE and per prior epoch (medians); with --out-dir, a grid of 64
samples under each prior (codes drawn from the prior, then the decoder's mean) as PNG. Prints one JSON line.
"""
import argparse
import math
import os
import struct
import time
import zlib

import fmnist

fmnist.passive_openmp()  # before PyTorch loads

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

import vqvae

SIDE = 7


class MaskedConv(nn.Conv2d):
    """A k×k convolution that sees, of the rows, only those above the centre ('vertical'), or, of the centre row,
    only the columns left of the centre — and the centre itself when `include_centre` ('horizontal')."""

    def __init__(self, c_in, c_out, k, kind, include_centre):
        super().__init__(c_in, c_out, k, padding=k // 2)
        mask = torch.zeros(k, k)
        c = k // 2
        if kind == "vertical":
            mask[:c, :] = 1
        else:
            mask[c, :c + (1 if include_centre else 0)] = 1
        self.register_buffer("mask", mask)

    def forward(self, x):
        return F.conv2d(x, self.weight * self.mask, self.bias, padding=self.padding)


def gate(x):
    a, b = x.chunk(2, 1)
    return torch.tanh(a) * torch.sigmoid(b)


class GatedLayer(nn.Module):
    def __init__(self, c, first):
        super().__init__()
        self.first = first
        self.v = MaskedConv(c, 2 * c, 3, "vertical", False)
        self.h = MaskedConv(c, 2 * c, 3, "horizontal", not first)
        self.v_to_h = nn.Conv2d(2 * c, 2 * c, 1)
        self.h_out = nn.Conv2d(c, c, 1)

    def forward(self, v, h):
        vf = self.v(v)
        out = self.h_out(gate(self.h(h) + self.v_to_h(vf)))
        return gate(vf), out if self.first else h + out


class GatedPixelCnn(nn.Module):
    """Codes → embedding (64 channels) → 5 gated layers → 1×1 ReLU → logits over the K codes at every position."""

    def __init__(self, codes, channels=64, layers=5):
        super().__init__()
        self.embed = nn.Embedding(codes, channels)
        self.layers = nn.ModuleList([GatedLayer(channels, i == 0) for i in range(layers)])
        self.out = nn.Sequential(nn.ReLU(), nn.Conv2d(channels, channels, 1), nn.ReLU(), nn.Conv2d(channels, codes, 1))

    def forward(self, codes):
        x = self.embed(codes).permute(0, 3, 1, 2)
        v, h = x, x
        for layer in self.layers:
            v, h = layer(v, h)
        return self.out(h)

    def rate(self, codes):
        """−ln P(codes) per map, in nats."""
        return F.cross_entropy(self(codes), codes, reduction="none").flatten(1).sum(1)

    @torch.no_grad()
    def sample(self, n, gen):
        codes = torch.zeros(n, SIDE, SIDE, dtype=torch.long)
        for i in range(SIDE):
            for j in range(SIDE):
                p = F.softmax(self(codes)[:, :, i, j], 1)
                codes[:, i, j] = torch.multinomial(p, 1, generator=gen)[:, 0]
        return codes


def write_png(path, grid):
    """A grey PNG of the [H, W] array in [0, 1] (written with zlib, no imaging library needed)."""
    img = (np.clip(grid, 0, 1) * 255).astype(np.uint8)
    raw = b"".join(b"\x00" + row.tobytes() for row in img)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", img.shape[1], img.shape[0], 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@torch.no_grad()
def decode(model, codes):
    """The decoder's Bernoulli means for code maps [n, 7, 7]."""
    e = model.codebook[codes.flatten(1)].reshape(codes.shape[0], SIDE, SIDE, -1).permute(0, 3, 1, 2)
    return torch.sigmoid(model.dec(e)).reshape(-1, 28, 28).numpy()


def grid_of(images, cols=8):
    rows = math.ceil(len(images) / cols)
    g = np.ones((rows * 30, cols * 30))
    for i, im in enumerate(images):
        r, c = divmod(i, cols)
        g[r * 30 + 1:r * 30 + 29, c * 30 + 1:c * 30 + 29] = im
    return g


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--vq-epochs", type=int, default=10)
    p.add_argument("--prior-epochs", type=int, default=20)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out-dir", default="")
    p.add_argument("--tag", default="b6c")
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    fmnist.set_threads(a.threads)
    torch.manual_seed(a.seed)
    np.random.seed(a.seed)
    train_x, test_x, _, _ = fmnist.fmnist()
    vq = vqvae.VqVae(ema=True)
    vq_secs = vqvae.train(vq, train_x, a.vq_epochs, a.seed)
    train_codes = vqvae.codes_of(vq, train_x)[0].reshape(-1, SIDE, SIDE)
    test_codes, test_bce = vqvae.codes_of(vq, test_x)
    test_codes = test_codes.reshape(-1, SIDE, SIDE)
    k = vq.codebook.shape[0]
    distortion = float(test_bce.mean())

    # the independent prior: per-position code frequencies of the training maps, add-one (Laplace) smoothed
    counts = torch.stack([torch.bincount(train_codes[:, i, j], minlength=k) for i in range(SIDE) for j in range(SIDE)]).double() + 1
    log_p = (counts / counts.sum(1, keepdim=True)).log().reshape(SIDE, SIDE, k)
    flat = test_codes.reshape(len(test_codes), -1)
    independent_rate = float(-log_p.reshape(SIDE * SIDE, k).gather(1, flat.t()).sum(0).mean())

    prior = GatedPixelCnn(k)
    opt = torch.optim.Adam(prior.parameters(), lr=1e-3)
    gen = torch.Generator().manual_seed(a.seed)
    prior_secs = []
    for _ in range(a.prior_epochs):
        order = torch.randperm(len(train_codes), generator=gen)
        t0 = time.perf_counter()
        for b in range(0, len(order), 128):
            loss = prior.rate(train_codes[order[b:b + 128]]).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        prior_secs.append(time.perf_counter() - t0)
    with torch.no_grad():
        pixelcnn_rate = float(torch.cat([prior.rate(test_codes[b:b + 1000]) for b in range(0, len(test_codes), 1000)]).mean())
    files = {}
    if a.out_dir:
        os.makedirs(a.out_dir, exist_ok=True)
        gen = torch.Generator().manual_seed(a.seed)
        independent = torch.stack([torch.multinomial(log_p.reshape(-1, k).exp(), 1, generator=gen)[:, 0] for _ in range(64)])
        for name, codes in (("independent", independent.reshape(64, SIDE, SIDE)), ("pixelcnn", prior.sample(64, gen))):
            files[name] = os.path.join(a.out_dir, f"{a.tag}-samples-{name}.png")
            write_png(files[name], grid_of(decode(vq, codes)))
    fmnist.emit({"benchmark": "B6c", "framework": "pytorch " + torch.__version__, "threads": a.threads, "seed": a.seed,
                 "vq_epochs": a.vq_epochs, "prior_epochs": a.prior_epochs, "sec_per_vq_epoch_median": fmnist.median(vq_secs),
                 "sec_per_prior_epoch": prior_secs, "sec_per_prior_epoch_median": fmnist.median(prior_secs),
                 "test_distortion": distortion,
                 "independent": {"test_rate": independent_rate, "test_nll_bound": distortion + independent_rate},
                 "pixelcnn": {"test_rate": pixelcnn_rate, "test_nll_bound": distortion + pixelcnn_rate},
                 "codes_used_test": int(torch.unique(test_codes).numel()), "samples": files})


if __name__ == "__main__":
    main()
