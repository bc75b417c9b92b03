"""Loads every .nii / .nii.gz in a directory with nibabel and writes what nibabel sees.

Usage: python3 nifti_nibabel_load.py DIR

For each file (sorted by name) writes DIR/<name>.f32 (get_fdata(dtype=float32), Fortran order,
little-endian) and one line of DIR/loaded.tsv: name, then key=value fields (numbers
space-separated), or name and error=<message> when nibabel cannot load it; sum= is the float64
sum of each volume. With --no-data as second argument no .f32 files are written.
Used by org.istn.io.nifti.NibabelReadsProjectFilesTest, NibabelWrittenFilesTest (files the
project re-wrote) and Ch2betTest.
"""
import os
import sys

try:
    import numpy as np
    import nibabel as nib
except ImportError as e:  # the Java test turns this into a clear failure
    print(f"MISSING-PYTHON-MODULE: {e}")
    sys.exit(3)


def fmt(x):
    return " ".join(repr(float(v)) for v in np.ravel(x))


def describe(path, write_data):
    img = nib.load(path)
    data = img.get_fdata(dtype=np.float32)
    if write_data:
        data.ravel(order="F").astype("<f4").tofile(path + ".f32")
    h = img.header
    slope, inter = h.get_slope_inter()
    return [
        f"shape={' '.join(str(s) for s in img.shape)}",
        f"zooms={fmt(h.get_zooms())}",
        f"pixdim={fmt(h['pixdim'])}",
        f"affine={fmt(img.affine)}",
        f"dtype={h.get_data_dtype().name}",
        f"endian={h.endianness}",
        f"version={2 if isinstance(h, nib.Nifti2Header) else 1}",
        f"slope_inter={fmt([np.nan if slope is None else slope, np.nan if inter is None else inter])}",
        f"codes={int(h['qform_code'])} {int(h['sform_code'])}",
        f"qform={fmt(h.get_qform())}",
        f"vox_offset={int(img.dataobj.offset)}",
        f"xyzt_units={int(h['xyzt_units'])}",
        f"descrip={h['descrip'].item().decode('latin-1')}",
        f"sum={repr(float(np.sum(data, dtype=np.float64)))}",
    ]


def main(directory, write_data=True):
    lines = []
    for name in sorted(os.listdir(directory)):
        if not (name.endswith(".nii") or name.endswith(".nii.gz")):
            continue
        try:
            fields = describe(os.path.join(directory, name), write_data)
        except Exception as e:  # reported to Java, which fails the test with it
            fields = [f"error={type(e).__name__}: {e}".replace("\t", " ").replace("\n", " ")]
        lines.append("\t".join([name] + fields))
    with open(os.path.join(directory, "loaded.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"loaded {len(lines)} files with nibabel {nib.__version__}")


if __name__ == "__main__":
    main(sys.argv[1], write_data=(len(sys.argv) < 3 or sys.argv[2] != "--no-data"))
