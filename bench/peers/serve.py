#!/usr/bin/python3
"""B7 peer: serving latency of the B1 VAE in PyTorch (eager, torch.no_grad) and of a D = 50, K = 10
full-covariance Gaussian mixture in scikit-learn, measured as `vaelab bench serve` measures vaelab:
single-row calls, then batched calls of --batch-rows rows; median and 99th-percentile latency, rows/s.

    FMNIST_DIR=/usr/share/datasets/fashion-mnist /usr/bin/python3 bench/peers/serve.py [--single-calls N] [--batch-calls N]

Needs Debian's python3-torch, python3-sklearn and python3-threadpoolctl. Prints one JSON line.
"""
import argparse
import json
import sys
import time

import numpy as np

from fmnist import load, machine


def measure(out, prefix, single, batched, single_calls, batch_calls, batch_rows):
    def timed(fn, calls, warmup):
        for i in range(warmup):
            fn(i)
        times = []
        for i in range(calls):
            t0 = time.perf_counter_ns()
            fn(i)
            times.append(time.perf_counter_ns() - t0)
        return times

    t = timed(single, single_calls, min(2000, single_calls))
    b = timed(batched, batch_calls, min(20, batch_calls))

    def pct(xs, q):  # nearest rank, as vaelab's BenchServe
        s = sorted(xs)
        return s[max(0, min(len(s) - 1, int(np.ceil(q * len(s))) - 1))]

    out[prefix + "_single_median_ms"] = round(pct(t, 0.5) / 1e6, 3)
    out[prefix + "_single_p99_ms"] = round(pct(t, 0.99) / 1e6, 3)
    out[prefix + "_batch_median_ms"] = round(pct(b, 0.5) / 1e6, 3)
    out[prefix + "_batch_p99_ms"] = round(pct(b, 0.99) / 1e6, 3)
    out[prefix + "_batch_rows_per_s"] = round(batch_rows * len(b) / (sum(b) / 1e9))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--single-calls", type=int, default=10000)
    ap.add_argument("--batch-calls", type=int, default=10000)
    ap.add_argument("--batch-rows", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    import torch
    from sklearn.mixture import GaussianMixture
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    out = {"benchmark": "B7_serving", "framework": "pytorch %s eager no_grad / scikit-learn" % torch.__version__,
           "single_calls": args.single_calls, "batch_calls": args.batch_calls, "batch_rows": args.batch_rows}

    train = (load("train", "images")[:10000].reshape(-1, 784) / 255.0 > 0.5).astype(np.float32)
    test = (load("test", "images")[:args.batch_rows].reshape(-1, 784) / 255.0 > 0.5).astype(np.float32)

    nn = torch.nn
    enc = nn.Sequential(nn.Linear(784, 400), nn.ReLU(), nn.Linear(400, 40))
    dec = nn.Sequential(nn.Linear(20, 400), nn.ReLU(), nn.Linear(400, 784))

    def elbo(x):
        h = enc(x)
        mu, logvar = h[:, :20], h[:, 20:]
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        ll = -nn.functional.binary_cross_entropy_with_logits(dec(z), x, reduction="none").sum(1)
        kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1)
        return ll - kl

    opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-3)
    xt = torch.from_numpy(train)
    perm = torch.randperm(xt.shape[0])
    print("B7 peer: training the B1 VAE one epoch ...", file=sys.stderr)
    for i in range(0, xt.shape[0], 128):
        loss = -elbo(xt[perm[i:i + 128]]).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    enc.eval()
    dec.eval()
    rows = [torch.from_numpy(test[i:i + 1]) for i in range(test.shape[0])]
    batch = torch.from_numpy(np.resize(test, (args.batch_rows, 784)))
    with torch.no_grad():
        print("B7 peer: VAE encode / score ...", file=sys.stderr)
        measure(out, "vae_encode", lambda i: enc(rows[i % len(rows)])[:, :20].numpy(), lambda i: enc(batch)[:, :20].numpy(),
                args.single_calls, args.batch_calls, args.batch_rows)
        measure(out, "vae_score", lambda i: elbo(rows[i % len(rows)]).numpy(), lambda i: elbo(batch).numpy(),
                args.single_calls, args.batch_calls, args.batch_rows)

    rng = np.random.default_rng(args.seed)
    centres = 3 * rng.standard_normal((10, 50))
    x = centres[rng.integers(0, 10, 20000)] + rng.standard_normal((20000, 50))
    print("B7 peer: fitting the mixture (D = 50, K = 10, full) ...", file=sys.stderr)
    gm = GaussianMixture(10, covariance_type="full", max_iter=100, random_state=args.seed).fit(x)
    single = [x[i:i + 1] for i in range(x.shape[0])]
    xb = x[:args.batch_rows]
    print("B7 peer: mixture predict_proba / score_samples ...", file=sys.stderr)
    measure(out, "gmm_predict_proba", lambda i: gm.predict_proba(single[i % len(single)]), lambda i: gm.predict_proba(xb),
            args.single_calls, args.batch_calls, args.batch_rows)
    measure(out, "gmm_score_samples", lambda i: gm.score_samples(single[i % len(single)]), lambda i: gm.score_samples(xb),
            args.single_calls, args.batch_calls, args.batch_rows)
    out["gmm_iterations"] = int(gm.n_iter_)
    try:
        from threadpoolctl import threadpool_info
        out["threadpools"] = ["%s:%d" % (p["internal_api"], p["num_threads"]) for p in threadpool_info()]
    except ImportError:
        pass
    out["torch_num_threads"] = torch.get_num_threads()
    out["machine"] = machine()
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
