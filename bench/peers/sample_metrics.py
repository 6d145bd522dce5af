#!/usr/bin/python3
"""The sample-quality metrics of docs/metrics.md in NumPy/SciPy, to check `vaelab metrics` against another
implementation: the Fréchet distance through scipy.linalg.sqrtm of Σ₁Σ₂ (as the reference FID code computes it — not
vaelab's eigendecompositions), the unbiased MMD² with the cubic polynomial kernel on the whole sets (one "subset": vaelab
with --subsets 1 --subset-size N), and precision/recall with k-NN radii.

    /usr/bin/python3 bench/peers/sample_metrics.py REAL.npy GENERATED.npy [--k 3]
    /usr/bin/python3 bench/peers/sample_metrics.py --dump DIR [--run RUN]

The vectors are read as float32 (what vaelab reads) and computed on in float64. Prints one JSON line. With --dump, the
folder `vaelab evaluate --metrics fd,kid,pr --dump-features DIR` wrote: every SOURCE.npy against real.npy, one line
each; with --run, beside the numbers of the run's newest evaluation that has them (evaluations.json) and the relative
difference of the Fréchet distance (precision and recall are counts, so equal or not). vaelab's kernel distance averages
random subsets, which this script does not redraw: its whole-set value is printed (`vaelab metrics --subsets 1
--subset-size N` on the same files gives it).
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


def load(path):
    return np.load(path).astype(np.float32).astype(np.float64)


def dump(folder, run, k):
    import glob
    import os
    recorded = {}
    if run:
        with open(os.path.join(run, "evaluations.json")) as f:
            for entry in json.load(f):
                if any(key.startswith("fd_") for key in entry["results"]):
                    recorded = entry["results"]
    x = load(os.path.join(folder, "real.npy"))
    rx = radii(x, k)
    for path in sorted(glob.glob(os.path.join(folder, "*.npy"))):
        source = os.path.basename(path)[:-4]
        if source == "real":
            continue
        y = load(path)
        line = {"source": source, "fd": frechet(x, y), "kid_whole_sets": mmd2_unbiased(x, y),
                "precision": coverage(y, x, rx), "recall": coverage(x, y, radii(y, k))}
        if "fd_" + source in recorded:
            v = recorded["fd_" + source]
            line["vaelab_fd"] = v
            line["fd_relative_difference"] = abs(v - line["fd"]) / max(abs(line["fd"]), 1e-300)
            line["vaelab_precision"] = recorded.get("precision_" + source)
            line["vaelab_recall"] = recorded.get("recall_" + source)
        print(json.dumps(line))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("real", nargs="?")
    p.add_argument("generated", nargs="?")
    p.add_argument("--k", type=int, default=3)
    p.add_argument("--dump", help="a folder written by vaelab evaluate --dump-features")
    p.add_argument("--run", help="with --dump: the run, to print its recorded numbers beside")
    a = p.parse_args()
    if a.dump:
        dump(a.dump, a.run, a.k)
        return
    if not a.real or not a.generated:
        p.error("give REAL.npy GENERATED.npy, or --dump DIR")
    x = np.load(a.real).astype(np.float32).astype(np.float64)
    y = np.load(a.generated).astype(np.float32).astype(np.float64)
    print(json.dumps({"fd": frechet(x, y), "kid_whole_sets": mmd2_unbiased(x, y),
                      "precision": coverage(y, x, radii(x, a.k)), "recall": coverage(x, y, radii(y, a.k)), "pr_k": a.k}))


if __name__ == "__main__":
    main()
