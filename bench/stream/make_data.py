"""Writes the data of the streaming benchmark: DIR/big.npy (float32 [N, 784] in [0, 1]) and
DIR/small.npy (its first M rows), built from Fashion-MNIST's training images (FMNIST_DIR) with
per-copy noise so no two rows repeat. Written through a memory map, chunk by chunk (bounded memory).

    python3 make_data.py DIR N M
"""
import gzip
import os
import sys

import numpy as np


def images(d):
    for name in ("train-images-idx3-ubyte.gz", "train-images-idx3-ubyte"):
        p = os.path.join(d, name)
        if os.path.exists(p):
            opener = gzip.open if name.endswith(".gz") else open
            with opener(p, "rb") as f:
                raw = f.read()
            return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255.0
    raise SystemExit("no train-images-idx3-ubyte[.gz] in " + d)


def main():
    out, n, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    base = images(os.environ.get("FMNIST_DIR", os.environ.get("VAELAB_DATA", "/usr/share/datasets/fashion-mnist")))
    rng = np.random.default_rng(0)
    big = np.lib.format.open_memmap(os.path.join(out, "big.npy"), mode="w+", dtype="<f4", shape=(n, 784))
    chunk = 50_000
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        rows = base[rng.integers(0, len(base), stop - start)]
        rows = np.clip(rows + rng.normal(0, 0.05, rows.shape).astype(np.float32), 0, 1)
        big[start:stop] = rows
    big.flush()
    small = np.lib.format.open_memmap(os.path.join(out, "small.npy"), mode="w+", dtype="<f4", shape=(m, 784))
    small[:] = big[:m]
    small.flush()
    print(f"wrote {out}/big.npy ({n} rows, {os.path.getsize(os.path.join(out, 'big.npy')) / 1e9:.2f} GB) and small.npy ({m} rows)")


if __name__ == "__main__":
    main()
