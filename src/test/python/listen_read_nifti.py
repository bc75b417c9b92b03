"""Loads NIfTI files with nibabel and prints, as one JSON object on stdout, what nibabel sees:
{file name: {"shape": [...], "data": [... x fastest, float32 values ...], "affine": [[...]]}}.

Usage: python3 listen_read_nifti.py FILE...
Used by org.istn.train.listen.SampleImageWriterTest.
"""
import json
import os
import sys

try:
    import numpy as np
    import nibabel as nib
except ImportError as e:  # the Java test turns this into a clear failure
    print(f"MISSING-PYTHON-MODULE: {e}")
    sys.exit(3)

out = {}
for path in sys.argv[1:]:
    img = nib.load(path)
    data = img.get_fdata(dtype=np.float32)
    out[os.path.basename(path)] = {
        "shape": list(data.shape),
        "dtype": str(img.get_data_dtype()),
        "data": [float(v) for v in data.ravel(order="F")],
        "affine": img.affine.tolist(),
    }
print(json.dumps(out))
