"""Reads a make-morpho-mnist manifest and its images with nibabel, independently of the project.

Usage: python3 morpho_read_dataset.py MANIFEST MNIST_DIR

Prints one JSON object: the manifest's columns, the number of rows, and per row the id, the
image's shape, on-disk dtype, min and max (nibabel), the digit and parity columns, and the label
MNIST itself gives the image named by the id (<domain>-<train|t10k>-<index>), read with numpy from
MNIST_DIR's IDX label files. Used by org.istn.morpho.MorphoMnistIT.
"""
import csv
import json
import os
import sys

try:
    import numpy as np
    import nibabel as nib
except ImportError as e:  # the Java test turns this into a clear failure
    print(f"MISSING-PYTHON-MODULE: {e}")
    sys.exit(3)


def labels(path):
    with open(path, "rb") as f:
        raw = f.read()
    assert int.from_bytes(raw[:4], "big") == 0x801, path
    return np.frombuffer(raw, dtype=np.uint8, offset=8)


def main(manifest, mnist):
    mnist_labels = {
        "train": labels(os.path.join(mnist, "train-labels-idx1-ubyte")),
        "t10k": labels(os.path.join(mnist, "t10k-labels-idx1-ubyte")),
    }
    with open(manifest, newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        columns = reader.fieldnames
        rows = []
        for r in reader:
            img = nib.load(os.path.join(os.path.dirname(manifest), r["image"]))
            data = np.asarray(img.dataobj)
            _, mset, index = r["id"].rsplit("-", 2)
            rows.append({
                "id": r["id"],
                "shape": list(data.shape),
                "dtype": str(img.get_data_dtype()),
                "min": float(data.min()),
                "max": float(data.max()),
                "digit": int(r["digit"]),
                "parity": int(r["parity"]),
                "domain": r["domain"],
                "mnist_label": int(mnist_labels[mset][int(index)]),
            })
    print(json.dumps({"columns": columns, "rows": rows}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
