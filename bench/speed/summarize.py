#!/usr/bin/python3
"""Ratios of the JSON lines bench/speed/run.sh wrote (vaelab line, then its peer's line, per benchmark).

    /usr/bin/python3 bench/speed/summarize.py bench/speed/native.jsonl [...]

Prints one JSON object per file: for B1-B3 the median seconds per epoch of both and vaelab/peer; for
B4(a) fit seconds (start included), iterations and test log-likelihood of both and the ratio; for
B4(c) seconds per EM iteration; for B7 every latency key of both.
"""
import json
import statistics
import sys


def pairs(rows):
    i = 0
    while i + 1 < len(rows):
        yield rows[i], rows[i + 1]
        i += 2


def main():
    for path in sys.argv[1:]:
        rows = [json.loads(l) for l in open(path) if l.strip()]
        out = {"file": path}
        m = rows[0].get("machine", {})
        out["machine"] = {k: m.get(k) for k in ("cpu_model_name", "cpu_family", "cpu_model", "cpu_isa", "isa_capped")}
        out["settings"] = m.get("settings")
        epochs = {}
        for v, p in pairs(rows):
            b = v["benchmark"]
            if b.startswith(("B1", "B2", "B3")):
                vs, ps = v["sec_per_epoch_median"], p["sec_per_epoch_median"]  # plain medians of both (vaelab has no "clean" filter)
                e = epochs.setdefault(b, {"vaelab": [], "peer": [], "pair_ratios": []})
                e["vaelab"].append(vs)
                e["peer"].append(ps)
                e["pair_ratios"].append(round(vs / ps, 3))
                out[b] = {"vaelab_s_per_epoch": e["vaelab"], "peer_s_per_epoch": e["peer"], "pair_ratios": e["pair_ratios"],
                          "ratio_of_medians": round(statistics.median(e["vaelab"]) / statistics.median(e["peer"]), 3)}
                for key in ("test_elbo", "test_iwae_bound", "test_recon_bce_nats_per_image", "test_perplexity"):
                    if key in v or key in p:
                        out[b][key] = [v.get(key), p.get(key)]
            elif b.startswith("B4"):
                a, q = v["a_fmnist_pca"], p["a_fmnist_pca"]
                b4 = out.setdefault("B4a", {})
                for cov in ("full", "diag"):
                    c = b4.setdefault(cov, {"fit_secs": [], "pair_ratios": []})
                    c["fit_secs"].append([a[cov]["fit_secs"], q[cov]["fit_secs"]])
                    c["pair_ratios"].append(round(a[cov]["fit_secs"] / q[cov]["fit_secs"], 3))
                    c["n_iter"] = [a[cov]["n_iter"], q[cov]["n_iter"]]
                    c["test_loglik"] = [round(a[cov]["test_loglik_per_example"], 4), round(q[cov]["test_loglik_per_example"], 4)]
                b4.setdefault("kmeans_secs", []).append([a.get("kmeans_init_secs_approx"), q.get("kmeans_init_secs_approx")])
                cv, cp = v["c_em_iter_1e6"]["sec_per_em_iter_diff"], p["c_em_iter_1e6"]["sec_per_em_iter_diff"]
                out.setdefault("B4c", {"sec_per_em_iter": [], "pair_ratios": []})
                out["B4c"]["sec_per_em_iter"].append([cv, cp])
                out["B4c"]["pair_ratios"].append(round(cv / cp, 3))
            elif b.startswith("B7"):
                b7 = out.setdefault("B7", {})
                for k in v:
                    if k.startswith(("vae_", "gmm_")) and k != "gmm_iterations":
                        b7.setdefault(k, []).append([v[k], p.get(k)])
        print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
