"""Shared by the peer scripts of docs/benchmarks.md: the FMNIST-bin data, the thread settings, a
description of the machine and the one JSON line each script prints at the end.

Fashion-MNIST is read from $FMNIST_DIR, else $VAELAB_DATA, else Debian's dataset-fashion-mnist folder
(/usr/share/datasets/fashion-mnist): the four IDX files, gzipped or not.
"""
import argparse
import gzip
import json
import os
import platform
import statistics
import struct
import sys

import numpy as np

FILES = {
    ("train", "images"): "train-images-idx3-ubyte",
    ("train", "labels"): "train-labels-idx1-ubyte",
    ("test", "images"): "t10k-images-idx3-ubyte",
    ("test", "labels"): "t10k-labels-idx1-ubyte",
}


def data_dir():
    for key in ("FMNIST_DIR", "VAELAB_DATA"):
        if os.environ.get(key):
            return os.environ[key]
    return "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    """An IDX file (gzipped or not) as a uint8 array of its declared shape."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(split, what, directory=None):
    d = directory or data_dir()
    base = os.path.join(d, FILES[(split, what)])
    for path in (base + ".gz", base):
        if os.path.isfile(path):
            return read_idx(path)
    raise SystemExit(f"Fashion-MNIST not found: {base}[.gz] is missing; set FMNIST_DIR to the folder of the four IDX files")


def fmnist(binary=True):
    """(train, test, train labels, test labels): images flattened to 784 float32 values, pixels / 255,
    binarised by the static threshold > 0.5 when `binary` (FMNIST-bin)."""
    out = []
    for split in ("train", "test"):
        x = load(split, "images").reshape(-1, 784).astype(np.float32) / 255.0
        out.append((x > 0.5).astype(np.float32) if binary else x)
    return out[0], out[1], load("train", "labels").astype(np.int64), load("test", "labels").astype(np.int64)


def passive_openmp():
    """Call before PyTorch (libgomp) is loaded: its OpenMP threads then sleep when idle instead of spinning on the
    cores the OpenBLAS threads of Debian's python3-torch need — spinning made a training epoch several times slower on
    2 cores (B1: 13.1 s against 2.8 s here). The training peers call it; serve.py keeps libgomp's default."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def set_threads(n):
    """n threads for PyTorch's own (OpenMP) kernels; the BLAS library keeps its default pool (one thread per core)."""
    try:
        import torch
        torch.set_num_threads(n)
    except ImportError:
        pass


def machine():
    """The CPU (model, vector extensions), Python and the environment variables that change the kernels."""
    info = {"python": sys.version.split()[0], "platform": platform.platform()}
    wanted = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "amx_tile"]
    try:
        first = {}
        with open("/proc/cpuinfo") as f:
            for line in f:
                if not line.strip():
                    break
                key, _, value = line.partition(":")
                first.setdefault(key.strip(), value.strip())
        info["cpu_model_name"] = first.get("model name", "unknown")
        flags = set(first.get("flags", "").split())
        info["cpu_isa"] = [f for f in wanted if f in flags]
    except OSError as e:
        info["cpu_error"] = repr(e)
    info["settings"] = {k: os.environ.get(k, "unset") for k in ("ATEN_CPU_CAPABILITY", "OPENBLAS_CORETYPE", "OMP_NUM_THREADS",
                                                                "OMP_WAIT_POLICY")}
    return info


def parser(doc, epochs, nll=True):
    """The options every training peer has: --epochs, --seed, --threads and, with `nll`, --nll-k and --nll-n (the
    importance samples and the test images of the NLL: 5,000 and 1,000 by the protocol)."""
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--epochs", type=int, default=epochs)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    if nll:
        p.add_argument("--nll-k", type=int, default=5000)
        p.add_argument("--nll-n", type=int, default=1000)
    return p


def start(args, binary=True):
    """Threads and seeds as `args` say, then the data: (train, test, train labels, test labels)."""
    import torch
    set_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    return fmnist(binary)


def record(benchmark, args, secs, **fields):
    """The JSON record of a training peer: the benchmark, the framework, the settings, the epoch times, then `fields`."""
    import torch
    r = {"benchmark": benchmark, "framework": "pytorch " + torch.__version__, "threads": args.threads, "epochs": args.epochs,
         "seed": args.seed, "sec_per_epoch": secs, "sec_per_epoch_median": median(secs)}
    r.update(fields)
    return r


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def emit(record):
    """Prints the script's result as one JSON line (the last line of its output)."""
    record.setdefault("machine", machine())
    print(json.dumps(record), flush=True)
