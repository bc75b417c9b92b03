"""Writes NIfTI fixtures with nibabel and what nibabel reads back from them.

Usage: python3 nifti_nibabel_fixtures.py OUTDIR

For every datatype x byte order x gzip x NIfTI version x shape kind, writes OUTDIR/<name> with
nibabel's own header writer (so byte order, scl_slope/scl_inter, qform and sform are exactly as
chosen), then loads it with nibabel.load and writes:
  OUTDIR/<name>.f32   get_fdata(dtype=float32), Fortran order, little-endian float32
  OUTDIR/manifest.tsv one line per file: name, then key=value fields (numbers space-separated)
Used by org.istn.io.nifti.NibabelWrittenFilesTest.
"""
import gzip
import os
import sys
import warnings

try:
    import numpy as np
    import nibabel as nib
except ImportError as e:  # the Java test turns this into a clear failure
    print(f"MISSING-PYTHON-MODULE: {e}")
    sys.exit(3)

DTYPES = ["uint8", "int8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
          "float32", "float64"]
ORDERS = {"<": "le", ">": "be"}
SHAPES = {"2d": (7, 5), "3d": (6, 5, 4), "4d1": (4, 3, 5, 1)}
# scl_slope, scl_inter: none, non-trivial, NaN (= none), 0 (= none), slope-only, inter-only
SCALINGS = [(1.0, 0.0), (0.75, -3.25), (float("nan"), float("nan")), (0.0, 7.0), (-2.5, 0.0),
            (1.0, 100.5)]
# which transforms to set: (qform_code, sform_code, qfac negative?)
XFORMS = [(1, 2, False), (1, 0, True), (0, 0, False), (0, 4, False), (2, 0, False),
          (3, 1, True)]


def rotation(ax, ay, az):
    cx, sx, cy, sy, cz, sz = np.cos(ax), np.sin(ax), np.cos(ay), np.sin(ay), np.cos(az), np.sin(az)
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx


def affine(zooms, qfac_negative, shear):
    a = np.eye(4)
    z = np.array(zooms, dtype=float)
    if qfac_negative:
        z[2] = -z[2]
    a[:3, :3] = rotation(0.3, -0.2, 0.7) @ np.diag(z)
    if shear:
        a[0, 1] += 0.15
    a[:3, 3] = [-90.5, 126.25, -72.0]
    return a


def values(dtype, n, rng):
    if dtype.startswith("float"):
        v = rng.normal(0, 1000, n).astype(dtype)
        v[:4] = [0.0, -0.0, 1e-3, -12345.678]
        if dtype == "float32":
            v[4:6] = [3.4e38, -1.5e-40]  # near max, subnormal
        else:
            v[4:6] = [1.0000000001, -7.123456789012345e20]
        return v
    info = np.iinfo(dtype)
    v = rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
    v[0], v[1] = info.min, info.max
    if dtype == "uint16":
        v[2] = 60000
    if dtype == "uint32":
        v[2] = 4000000000
    if dtype == "uint64":
        v[2] = 2**63 + 12345
    if dtype == "int64":
        v[2] = -(2**62) - 1
    return v


def fmt(x):
    return " ".join(repr(float(v)) for v in np.ravel(x))


def main(out):
    rng = np.random.default_rng(20240611)
    lines = []
    i = 0
    for dtype in DTYPES:
        for order, oname in ORDERS.items():
            for gz in (False, True):
                for version in (1, 2):
                    for kind, shape in SHAPES.items():
                        i += 1
                        slope, inter = SCALINGS[i % len(SCALINGS)]
                        qcode, scode, qneg = XFORMS[i % len(XFORMS)]
                        name = f"{dtype}_{oname}_v{version}_{kind}{'.nii.gz' if gz else '.nii'}"
                        path = os.path.join(out, name)
                        klass = nib.Nifti1Header if version == 1 else nib.Nifti2Header
                        hdr = klass(endianness=order)
                        hdr.set_data_shape(shape)
                        hdr.set_data_dtype(dtype)
                        zooms = [1.5, 0.75, 2.25, 3.0][: len(shape)]
                        hdr.set_zooms(zooms)
                        zooms3 = (zooms + [1.0])[:3]
                        aff = affine(zooms3, qneg, shear=False)
                        hdr.set_qform(aff, code=qcode)  # also sets pixdim[1:4] and qfac
                        hdr.set_sform(affine(zooms3, qneg, shear=True), code=scode)
                        hdr["scl_slope"] = slope
                        hdr["scl_inter"] = inter
                        hdr["xyzt_units"] = 10
                        hdr["descrip"] = f"fixture {i} {dtype}".encode()
                        data = values(dtype, int(np.prod(shape)), rng).reshape(shape, order="F")
                        raw = data.astype(np.dtype(dtype).newbyteorder(order)).tobytes(order="F")
                        opener = gzip.open if gz else open
                        with opener(path, "wb") as f:
                            hdr.write_to(f)
                            f.write(raw)
                        img = nib.load(path)
                        with warnings.catch_warnings():
                            # float32 3.4e38 * -2.5 overflows to -inf, in nibabel and in Java
                            warnings.simplefilter("ignore", RuntimeWarning)
                            got = img.get_fdata(dtype=np.float32)
                        got.ravel(order="F").astype("<f4").tofile(path + ".f32")
                        with opener(path, "rb") as f:
                            h = klass.from_fileobj(f)  # with nibabel's load-time fixes
                        lines.append("\t".join([
                            name,
                            f"shape={' '.join(str(s) for s in img.shape)}",
                            f"datatype={int(h['datatype'])}",
                            f"pixdim={fmt(h['pixdim'])}",
                            f"affine={fmt(img.affine)}",
                            f"scl={fmt([h['scl_slope'], h['scl_inter']])}",
                            f"applied={fmt([img.dataobj.slope, img.dataobj.inter])}",
                            f"codes={int(h['qform_code'])} {int(h['sform_code'])}",
                            f"xyzt_units={int(h['xyzt_units'])}",
                            f"descrip={h['descrip'].item().decode()}",
                        ]))
    with open(os.path.join(out, "manifest.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines)} fixtures with nibabel {nib.__version__}")


if __name__ == "__main__":
    main(sys.argv[1])
