#!/usr/bin/python3
"""B4 peer: Gaussian-mixture EM in scikit-learn (docs/benchmarks.md#b4).

    /usr/bin/python3 bench/peers/gmm_em.py [--parts abc] [--threads 2]

(a) Fashion-MNIST training images, pixels / 255, PCA to 50 dimensions fitted on the training split; K = 10, full
and diagonal covariances, k-means initialisation, tolerance 1e-3 on the mean log-likelihood gain, at most 200
iterations, regularisation 1e-6, seed 0: fit seconds, iterations, converged, train and test mean log-likelihood.
(b) 100,000 draws of the 1-D mixture weights [0.3, 0.5, 0.2], means [-2, 0, 3], sds [0.5, 1.0, 0.7], K = 3: the
fitted parameters (sorted by mean) and the mean log-likelihood, at the protocol's tolerance and at 1e-8.
(c) N = 1,000,000 points, D = 2, K = 16, full covariances, started from random data points: seconds per EM
iteration as (time of 25 iterations − time of 5) / 20, so the initialisation cancels.
Prints one JSON line.
"""
import argparse
import time
import warnings

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

import fmnist

SETTINGS = dict(tol=1e-3, max_iter=200, reg_covar=1e-6, random_state=0, init_params="kmeans")


def part_a():
    train_x, test_x, _, _ = fmnist.fmnist(binary=False)
    t0 = time.perf_counter()
    pca = PCA(n_components=50, random_state=0).fit(train_x)
    tr, te = pca.transform(train_x).astype(np.float64), pca.transform(test_x).astype(np.float64)
    out = {"pca_dim": 50, "pca_secs": time.perf_counter() - t0,
           "pca_explained_variance_ratio_sum": float(pca.explained_variance_ratio_.sum())}
    for cov in ("full", "diag"):
        g = GaussianMixture(n_components=10, covariance_type=cov, **SETTINGS)
        t0 = time.perf_counter()
        g.fit(tr)
        out[cov] = {"fit_secs": time.perf_counter() - t0, "n_iter": int(g.n_iter_), "converged": bool(g.converged_),
                    "train_loglik_per_example": float(g.score(tr)), "test_loglik_per_example": float(g.score(te))}
    return out


def fitted_1d(g, x):
    order = np.argsort(g.means_[:, 0])
    return {"n_iter": int(g.n_iter_), "weights": [float(w) for w in g.weights_[order]],
            "means": [float(m) for m in g.means_[order, 0]], "stds": [float(np.sqrt(c)) for c in g.covariances_[order].reshape(-1)],
            "loglik_per_example": float(g.score(x))}


def part_b():
    rng = np.random.default_rng(0)
    w, mu, sd = np.array([0.3, 0.5, 0.2]), np.array([-2.0, 0.0, 3.0]), np.array([0.5, 1.0, 0.7])
    c = rng.choice(3, size=100_000, p=w)
    x = (mu[c] + sd[c] * rng.standard_normal(100_000)).reshape(-1, 1)
    spec = GaussianMixture(n_components=3, **SETTINGS).fit(x)
    tight = GaussianMixture(n_components=3, **dict(SETTINGS, tol=1e-8, max_iter=1000)).fit(x)
    truth = np.log((w / (sd * np.sqrt(2 * np.pi)) * np.exp(-0.5 * ((x - mu) / sd) ** 2)).sum(1)).mean()
    return {"n": 100_000, "spec_fit": fitted_1d(spec, x), "tight_fit": fitted_1d(tight, x),
            "loglik_per_example_true_params": float(truth)}


def part_c():
    rng = np.random.default_rng(0)
    n, k = 1_000_000, 16
    centres = rng.uniform(-10, 10, size=(k, 2))
    spread = rng.uniform(0.3, 1.0, size=k)
    c = rng.integers(0, k, size=n)
    x = centres[c] + spread[c, None] * rng.standard_normal((n, 2))

    def timed(iters):
        g = GaussianMixture(n_components=k, covariance_type="full", tol=0, max_iter=iters, reg_covar=1e-6, random_state=0,
                            init_params="random_from_data")
        t0 = time.perf_counter()
        g.fit(x)
        return time.perf_counter() - t0

    timed(2)  # warm-up
    lo, hi = timed(5), timed(25)
    return {"n": n, "d": 2, "k": k, "fit_secs_lo": lo, "fit_secs_hi": hi, "iters_lo": 5, "iters_hi": 25,
            "sec_per_em_iter_diff": (hi - lo) / 20}


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--parts", default="abc")
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    fmnist.set_threads(a.threads)
    warnings.simplefilter("ignore", ConvergenceWarning)  # part (c) stops at its iteration count on purpose
    r = {"benchmark": "B4_gmm_em", "framework": "scikit-learn " + sklearn.__version__ + " (float64)", "threads": a.threads,
         "seed": 0, "tol": SETTINGS["tol"], "max_iter": SETTINGS["max_iter"], "reg_covar": SETTINGS["reg_covar"]}
    if "a" in a.parts:
        r["a_fmnist_pca"] = part_a()
    if "b" in a.parts:
        r["b_synthetic_1d"] = part_b()
    if "c" in a.parts:
        r["c_em_iter_1e6"] = part_c()
    fmnist.emit(r)


if __name__ == "__main__":
    main()
