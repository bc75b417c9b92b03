"""Reads a make-brain-cohort output with nibabel and numpy, independently of the project.

Usage: python3 brain_read_cohort.py COHORT_DIR

Prints one JSON object: per site (S, T) and split (train, val, test) the manifest's columns and
rows, and per row the image's shape, on-disk dtype, zooms, affine, min, max, a 20-bin histogram
of all voxels over [0, 1] (fractions) and the number of voxels above 0.3 (a brain-size proxy);
per site the files found under images/. Used by org.istn.brain.BrainCohortIT.
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


def main(root):
    out = {"sites": {}}
    for site in ("S", "T"):
        folder = os.path.join(root, site)
        s = {"files": sorted(os.listdir(os.path.join(folder, "images"))), "splits": {}}
        for split in ("train", "val", "test"):
            manifest = os.path.join(folder, split + ".tsv")
            with open(manifest, newline="") as f:
                reader = csv.DictReader(f, delimiter="\t")
                columns = reader.fieldnames
                rows = []
                for r in reader:
                    img = nib.load(os.path.join(folder, r["image"]))
                    data = np.asarray(img.dataobj)
                    hist, _ = np.histogram(data, bins=20, range=(0.0, 1.0))
                    rows.append({
                        "id": r["id"],
                        "image": r["image"],
                        "size_class": int(r["size_class"]),
                        "volume": float(r["volume"]),
                        "scale": float(r["scale"]),
                        "domain": r["domain"],
                        "shape": list(data.shape),
                        "dtype": str(img.get_data_dtype()),
                        "zooms": [float(z) for z in img.header.get_zooms()],
                        "affine": img.affine.tolist(),
                        "min": float(data.min()),
                        "max": float(data.max()),
                        "histogram": (hist / data.size).tolist(),
                        "above_0_3": int((data > 0.3).sum()),
                    })
            s["splits"][split] = {"columns": columns, "rows": rows}
        out["sites"][site] = s
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
