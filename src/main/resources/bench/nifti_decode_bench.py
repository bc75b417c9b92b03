"""nibabel's side of `istn bench-nifti`: times nib.load(f).get_fdata(dtype=float32).

Usage: python3 nifti_decode_bench.py --label NAME --repeats N --warmup W FILE [FILE ...]

One pass decodes every FILE once. After W warm-up passes, N passes are timed; prints one line
  RESULT label=NAME reader=nibabel-<version> volumes=<files per pass> voxel_bytes=<per pass>
         best_s=<fastest pass> median_s=<median pass>
(on one line), voxel_bytes being the uncompressed voxel data as stored (shape x bytes per voxel).
"""
import argparse
import statistics
import sys
import time

try:
    import numpy as np
    import nibabel as nib
except ImportError as e:
    print(f"MISSING-PYTHON-MODULE: {e}")
    sys.exit(3)


def one_pass(files):
    for f in files:
        img = nib.load(f)
        data = img.get_fdata(dtype=np.float32)
        if data.size == 0:
            raise SystemExit(f"{f}: empty volume")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--label", required=True)
    p.add_argument("--repeats", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("files", nargs="+")
    a = p.parse_args()
    voxel_bytes = 0
    for f in a.files:
        h = nib.load(f).header
        voxel_bytes += int(np.prod(h.get_data_shape())) * h.get_data_dtype().itemsize
    for _ in range(a.warmup):
        one_pass(a.files)
    times = []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        one_pass(a.files)
        times.append(time.perf_counter() - t0)
    print(f"RESULT label={a.label} reader=nibabel-{nib.__version__} volumes={len(a.files)}"
          f" voxel_bytes={voxel_bytes} best_s={min(times)!r} median_s={statistics.median(times)!r}")


if __name__ == "__main__":
    main()
