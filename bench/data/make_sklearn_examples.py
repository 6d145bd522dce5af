"""Writes data the project does not ship, from scikit-learn's bundled data sets (Debian: python3-sklearn),
for trying `vaelab train --data` on each reader:

    DIR/digits-png/<class>/<i>.png   1,797 handwritten digits, 8x8 upscaled to 16x16 PNGs, one folder per class
    DIR/digits.npy, digits.labels.npy  the same digits as uint8 [1797, 8, 8] and their int64 labels
    DIR/digits-nchw.npy              float32 [1797, 1, 8, 8] (PyTorch's channels-first layout)
    DIR/wine.csv                     178 wines, 13 features and a text class column

    python3 make_sklearn_examples.py DIR
"""
import os
import sys

import numpy as np
from PIL import Image
from sklearn.datasets import load_digits, load_wine


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    d = load_digits()
    imgs = (d.images * 255 / 16).round().astype(np.uint8)
    np.save(os.path.join(out, "digits.npy"), imgs)
    np.save(os.path.join(out, "digits.labels.npy"), d.target.astype(np.int64))
    np.save(os.path.join(out, "digits-nchw.npy"), (imgs[:, None, :, :] / 255.0).astype(np.float32))
    for i, (im, t) in enumerate(zip(imgs, d.target)):
        p = os.path.join(out, "digits-png", str(t))
        os.makedirs(p, exist_ok=True)
        Image.fromarray(im).resize((16, 16), Image.BILINEAR).save(os.path.join(p, f"{i:04d}.png"))
    w = load_wine()
    names = ["barolo", "grignolino", "barbera"]
    with open(os.path.join(out, "wine.csv"), "w") as f:
        f.write(",".join(n.replace("/", "_") for n in w.feature_names) + ",class\n")
        for x, t in zip(w.data, w.target):
            f.write(",".join(f"{v:g}" for v in x) + f",{names[t]}\n")
    print(f"wrote {out}: digits-png/, digits.npy, digits.labels.npy, digits-nchw.npy, wine.csv")


if __name__ == "__main__":
    main()
