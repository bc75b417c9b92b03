"""Reads istn infer outputs independently of the Java code, for InferIT; prints JSON.

usage:
  infer_read_outputs.py parquet TABLE_DIR   rows of a run_id-partitioned Parquet table (pyarrow)
  infer_read_outputs.py images MANIFEST     the manifest's rows and each image's shape and voxels
                                            (nibabel; voxels x fastest)
"""
import json
import math
import sys

try:
    import numpy as np
    import pyarrow.dataset as ds
    import nibabel as nib
except ImportError as e:  # the Java side turns this into a clear failure
    print("MISSING-PYTHON-MODULE", e)
    sys.exit(3)


def clean(v):
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, list):
        return [clean(x) for x in v]
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    return v


def parquet(table):
    t = ds.dataset(table, format="parquet", partitioning="hive").to_table()
    out = {"schema": {f.name: str(f.type) for f in t.schema}, "rows": [clean(r) for r in t.to_pylist()]}
    print(json.dumps(out))


def images(manifest):
    import os
    folder = os.path.dirname(manifest)
    with open(manifest) as f:
        lines = [l.rstrip("\n").split("\t") for l in f]
    header, rows = lines[0], lines[1:]
    out = {"header": header, "rows": []}
    for r in rows:
        img = nib.load(os.path.join(folder, r[1]))
        data = np.asarray(img.dataobj, dtype=np.float64)
        out["rows"].append({"cells": r, "shape": list(data.shape), "dtype": str(img.get_data_dtype()),
                            "zooms": [float(z) for z in img.header.get_zooms()],
                            "voxels": data.flatten(order="F").tolist()})
    print(json.dumps(out))


if __name__ == "__main__":
    {"parquet": parquet, "images": images}[sys.argv[1]](sys.argv[2])
