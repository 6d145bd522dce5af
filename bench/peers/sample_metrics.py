#!/usr/bin/python3
"""The sample-quality metrics of docs/metrics.md in NumPy/SciPy, to check `vaelab metrics` against another
implementation: the Fréchet distance through scipy.linalg.sqrtm of Σ₁Σ₂ (as the reference FID code computes it — not
vaelab's eigendecompositions), the unbiased MMD² with the cubic polynomial kernel on the whole sets (one "subset": vaelab
with --subsets 1 --subset-size N), and precision/recall with k-NN radii.

    /usr/bin/python3 bench/peers/sample_metrics.py REAL.npy GENERATED.npy [--k 3]

The vectors are read as float32 (what vaelab reads) and computed on in float64. Prints one JSON line.
"""
import argparse
import json

import numpy as np
from scipy import linalg


def frechet(x, y):
    mu1, mu2 = x.mean(0), y.mean(0)
    s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    root, _ = linalg.sqrtm(s1.dot(s2), disp=False)
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(root.real))


def mmd2_unbiased(x, y):
    d = x.shape[1]
    kxx = (x @ x.T / d + 1) ** 3
    kyy = (y @ y.T / d + 1) ** 3
    kxy = (x @ y.T / d + 1) ** 3
    m, n = len(x), len(y)
    return float((kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (n * (n - 1)) - 2 * kxy.mean())


def squared_distances(a, b):
    return np.maximum((a * a).sum(1)[:, None] - 2 * a @ b.T + (b * b).sum(1)[None, :], 0)


def radii(x, k):
    d = squared_distances(x, x)
    np.fill_diagonal(d, np.inf)
    return np.partition(d, k - 1, axis=1)[:, k - 1]


def coverage(points, centres, r):
    return float((squared_distances(points, centres) <= r[None, :]).any(1).mean())


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("real")
    p.add_argument("generated")
    p.add_argument("--k", type=int, default=3)
    a = p.parse_args()
    x = np.load(a.real).astype(np.float32).astype(np.float64)
    y = np.load(a.generated).astype(np.float32).astype(np.float64)
    print(json.dumps({"fd": frechet(x, y), "kid_whole_sets": mmd2_unbiased(x, y),
                      "precision": coverage(y, x, radii(x, a.k)), "recall": coverage(x, y, radii(y, a.k)), "pr_k": a.k}))


if __name__ == "__main__":
    main()
