package org.istn.io.nifti;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The fields of a NIfTI-1 or NIfTI-2 header that describe one scalar volume: shape, voxel sizes,
 * datatype and scaling, the qform and sform, units, intent and description. Immutable and
 * validated: a header always describes a single 2D or 3D volume (a 4th dimension, and the 5th to
 * 7th, must be 1).
 *
 * <p>Values are held as doubles whatever the version; NIfTI-1 stores most of them as float32, so
 * a header read from a NIfTI-1 file holds float32 values exactly and writes them back unchanged.
 * Header extensions are not kept.
 *
 * <p>Build new headers with {@link #builder()} or {@link #forVolume}, change one with
 * {@link #toBuilder()} or the {@code with...} methods.
 */
public final class NiftiHeader implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code xyzt_units} for millimetres and seconds, the default for new volumes. */
    public static final int UNITS_MM_SEC = 2 | 8;
    /** {@code qform_code}/{@code sform_code}: aligned to some other image ("aligned anat"). */
    public static final int XFORM_ALIGNED = 2;
    /** The largest {@code qform_code}/{@code sform_code} known (5: template other). */
    public static final int XFORM_MAX = 5;

    private final int version;
    private final int[] dims;
    private final double[] pixdim;
    private final NiftiDatatype datatype;
    private final double sclSlope;
    private final double sclInter;
    private final int qformCode;
    private final int sformCode;
    private final double quaternB;
    private final double quaternC;
    private final double quaternD;
    private final double qoffsetX;
    private final double qoffsetY;
    private final double qoffsetZ;
    private final double[] srowX;
    private final double[] srowY;
    private final double[] srowZ;
    private final int xyztUnits;
    private final String descrip;
    private final String auxFile;
    private final int intentCode;
    private final double intentP1;
    private final double intentP2;
    private final double intentP3;
    private final String intentName;
    private final double calMin;
    private final double calMax;
    private final int sliceCode;
    private final long sliceStart;
    private final long sliceEnd;
    private final double sliceDuration;
    private final double toffset;
    private final int dimInfo;

    NiftiHeader(NiftiHeaderBuilder b) {
        version = b.version;
        dims = b.dims.clone();
        pixdim = b.pixdim.clone();
        datatype = b.datatype;
        sclSlope = b.sclSlope;
        sclInter = b.sclInter;
        qformCode = b.qformCode;
        sformCode = b.sformCode;
        quaternB = b.quaternB;
        quaternC = b.quaternC;
        quaternD = b.quaternD;
        qoffsetX = b.qoffsetX;
        qoffsetY = b.qoffsetY;
        qoffsetZ = b.qoffsetZ;
        srowX = b.srowX.clone();
        srowY = b.srowY.clone();
        srowZ = b.srowZ.clone();
        xyztUnits = b.xyztUnits;
        descrip = b.descrip;
        auxFile = b.auxFile;
        intentCode = b.intentCode;
        intentP1 = b.intentP1;
        intentP2 = b.intentP2;
        intentP3 = b.intentP3;
        intentName = b.intentName;
        calMin = b.calMin;
        calMax = b.calMax;
        sliceCode = b.sliceCode;
        sliceStart = b.sliceStart;
        sliceEnd = b.sliceEnd;
        sliceDuration = b.sliceDuration;
        toffset = b.toffset;
        dimInfo = b.dimInfo;
        validate();
    }

    private void validate() {
        check(version == 1 || version == 2, "version is " + version + "; expected 1 or 2");
        check(dims.length >= 1 && dims.length <= 7,
                "dims has " + dims.length + " entries; expected 1 to 7 (dim[0])");
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            check(dims[i] >= 1, "dim[" + (i + 1) + "] is " + dims[i] + "; expected at least 1");
            check(i < 3 || dims[i] == 1, "dim[" + (i + 1) + "] is " + dims[i]
                    + "; expected 1 (a header describes a single 2D or 3D volume)");
            count *= dims[i];
        }
        check(count <= NiftiReader.MAX_VOXELS, "dims " + Arrays.toString(dims) + " hold " + count
                + " voxels; at most " + NiftiReader.MAX_VOXELS + " fit in a Java array");
        check(pixdim.length == 8, "pixdim has " + pixdim.length + " entries; expected 8");
        for (int i = 0; i < 8; i++) {
            check(Double.isFinite(pixdim[i]), "pixdim[" + i + "] is " + pixdim[i]
                    + "; expected a finite value");
        }
        check(datatype != null, "datatype is missing");
        checkCode("qform_code", qformCode);
        checkCode("sform_code", sformCode);
        checkRow("srow_x", srowX);
        checkRow("srow_y", srowY);
        checkRow("srow_z", srowZ);
        check(xyztUnits >= 0 && xyztUnits <= 255, "xyzt_units is " + xyztUnits
                + "; expected 0 to 255");
        check(sliceCode >= 0 && sliceCode <= 255, "slice_code is " + sliceCode
                + "; expected 0 to 255");
        check(dimInfo >= 0 && dimInfo <= 255, "dim_info is " + dimInfo + "; expected 0 to 255");
        checkText("descrip", descrip, 80);
        checkText("aux_file", auxFile, 24);
        checkText("intent_name", intentName, 16);
    }

    private static void checkCode(String name, int code) {
        check(code >= 0 && code <= XFORM_MAX, name + " is " + code + "; expected 0 to "
                + XFORM_MAX);
    }

    private static void checkRow(String name, double[] row) {
        check(row.length == 4, name + " has " + row.length + " entries; expected 4");
        for (double v : row) {
            check(Double.isFinite(v), name + " holds " + v + "; expected finite values");
        }
    }

    private static void checkText(String name, String text, int max) {
        check(text != null, name + " is null; expected a string (possibly empty)");
        int bytes = text.getBytes(StandardCharsets.ISO_8859_1).length;
        check(StandardCharsets.ISO_8859_1.newEncoder().canEncode(text), name + " '" + text
                + "' has characters outside ISO-8859-1");
        check(bytes <= max, name + " has " + bytes + " bytes; at most " + max + " fit");
        check(text.indexOf('\0') < 0, name + " contains a NUL character");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("NIfTI header: " + message);
        }
    }

    /**
     * A header for a new volume, as {@link NiftiVolume#create} uses it: float32, version 1,
     * units mm and s, {@code pixdim} from the voxel sizes, the sform set to {@code affine}
     * (code 2, aligned), and the qform computed from {@code affine} the way nibabel's
     * {@code set_qform} does. The qform code is 2 when that qform reproduces {@code affine}
     * (within 1e-6 of its largest entry: no shear and voxel sizes equal to the column norms),
     * else 0 so readers use the sform alone.
     *
     * @param shape 2 or 3 positive sizes
     * @param voxelSize one positive size per dimension
     * @param affine the 4x4 voxel-to-world matrix, or null for {@code diag(voxelSize, 1)}
     * @return the header
     * @throws IllegalArgumentException naming the bad argument
     */
    public static NiftiHeader forVolume(int[] shape, double[] voxelSize, double[][] affine) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(voxelSize, "voxelSize");
        if (shape.length < 2 || shape.length > 3) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                    + " has " + shape.length + " dimensions; expected 2 or 3");
        }
        if (voxelSize.length != shape.length) {
            throw new IllegalArgumentException("voxelSize " + Arrays.toString(voxelSize)
                    + " has " + voxelSize.length + " entries; expected " + shape.length
                    + " (one per dimension of shape " + Arrays.toString(shape) + ")");
        }
        for (double v : voxelSize) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("voxelSize " + Arrays.toString(voxelSize)
                        + " has " + v + "; expected finite sizes > 0");
            }
        }
        double[][] a;
        if (affine == null) {
            a = NiftiAffines.identity();
            for (int i = 0; i < voxelSize.length; i++) {
                a[i][i] = voxelSize[i];
            }
        } else {
            a = NiftiAffines.checkedCopy(affine);
        }
        NiftiAffines.Quatern q = NiftiAffines.toQuatern(a);
        double[] pix = {q.qfac(), 1, 1, 1, 1, 1, 1, 1};
        for (int i = 0; i < 3; i++) {
            pix[i + 1] = i < voxelSize.length ? voxelSize[i] : q.zooms()[i];
        }
        NiftiHeader h = builder()
                .dims(shape)
                .pixdim(pix)
                .qform(XFORM_ALIGNED, q.b(), q.c(), q.d(), q.qx(), q.qy(), q.qz())
                .sform(XFORM_ALIGNED, a[0], a[1], a[2])
                .build();
        // judged with the header's own reconstruction (NIfTI-1 quaternion threshold included)
        boolean qformFits = NiftiAffines.maxAbsDiff(h.qformAffine(), a)
                <= 1e-6 * Math.max(1.0, NiftiAffines.maxAbs(a));
        return qformFits ? h : h.toBuilder()
                .qform(0, q.b(), q.c(), q.d(), q.qx(), q.qy(), q.qz()).build();
    }

    /** @return a builder with defaults: version 1, float32, dims [1], pixdim all 1, no xforms */
    public static NiftiHeaderBuilder builder() {
        return new NiftiHeaderBuilder();
    }

    /** @return a builder holding this header's values */
    public NiftiHeaderBuilder toBuilder() {
        return new NiftiHeaderBuilder(this);
    }

    /** @return a copy with another voxel datatype (the scaling is kept) */
    public NiftiHeader withDatatype(NiftiDatatype type) {
        return toBuilder().datatype(type).build();
    }

    /** @return a copy with other {@code scl_slope} and {@code scl_inter} */
    public NiftiHeader withScaling(double slope, double inter) {
        return toBuilder().scaling(slope, inter).build();
    }

    /** @return a copy declaring another NIfTI version (1 or 2) */
    public NiftiHeader withVersion(int newVersion) {
        return toBuilder().version(newVersion).build();
    }

    /** @return a copy with another description (at most 80 ISO-8859-1 characters) */
    public NiftiHeader withDescrip(String text) {
        return toBuilder().descrip(text).build();
    }

    /**
     * The voxel-to-world matrix as nibabel's {@code img.affine} gives it: the sform when
     * {@code sform_code > 0}, else the qform when {@code qform_code > 0}, else voxel sizes on the
     * diagonal with x flipped and the origin in the centre of the volume.
     *
     * @return a new 4x4 array
     */
    public double[][] affine() {
        if (sformCode > 0) {
            return sformAffine();
        }
        if (qformCode > 0) {
            return qformAffine();
        }
        return NiftiAffines.base(dims, pixdim);
    }

    /** @return the matrix of the qform parameters, whatever {@code qform_code} says */
    public double[][] qformAffine() {
        return NiftiAffines.fromQuatern(quaternB, quaternC, quaternD, qoffsetX, qoffsetY,
                qoffsetZ, pixdim, version == 1 ? NiftiAffines.QUATERN_THRESHOLD_NIFTI1
                        : NiftiAffines.QUATERN_THRESHOLD_NIFTI2);
    }

    /** @return the matrix of the sform rows, whatever {@code sform_code} says */
    public double[][] sformAffine() {
        return NiftiAffines.fromRows(srowX, srowY, srowZ);
    }

    /**
     * The shape of the voxel data: 2 or 3 sizes. Trailing singleton dimensions beyond the
     * third are dropped; a 1D header reports {@code [n, 1]}.
     *
     * @return a new array
     */
    public int[] dataShape() {
        if (dims.length == 1) {
            return new int[] {dims[0], 1};
        }
        return Arrays.copyOf(dims, Math.min(3, dims.length));
    }

    /** @return the number of voxels */
    public int voxelCount() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** @return voxel sizes, {@code pixdim[1..n]} for the n entries of {@link #dataShape()} */
    public double[] voxelSize() {
        return Arrays.copyOfRange(pixdim, 1, 1 + dataShape().length);
    }

    /** @return the NIfTI version, 1 or 2 */
    public int version() {
        return version;
    }

    /** @return {@code dim[1..dim[0]]}, a new array of length {@code dim[0]} */
    public int[] dims() {
        return dims.clone();
    }

    /** @return all 8 {@code pixdim} entries; {@code pixdim[0]} is qfac */
    public double[] pixdim() {
        return pixdim.clone();
    }

    /** @return the voxel datatype on disk */
    public NiftiDatatype datatype() {
        return datatype;
    }

    /** @return {@code scl_slope}; 0 or non-finite means "no scaling" */
    public double sclSlope() {
        return sclSlope;
    }

    /** @return {@code scl_inter} */
    public double sclInter() {
        return sclInter;
    }

    /** @return true when {@code scl_slope} is finite and non-zero, so scaling applies */
    public boolean hasScaling() {
        return sclSlope != 0 && Double.isFinite(sclSlope);
    }

    /** @return {@code qform_code} */
    public int qformCode() {
        return qformCode;
    }

    /** @return {@code sform_code} */
    public int sformCode() {
        return sformCode;
    }

    /** @return {@code quatern_b} */
    public double quaternB() {
        return quaternB;
    }

    /** @return {@code quatern_c} */
    public double quaternC() {
        return quaternC;
    }

    /** @return {@code quatern_d} */
    public double quaternD() {
        return quaternD;
    }

    /** @return {@code qoffset_x} */
    public double qoffsetX() {
        return qoffsetX;
    }

    /** @return {@code qoffset_y} */
    public double qoffsetY() {
        return qoffsetY;
    }

    /** @return {@code qoffset_z} */
    public double qoffsetZ() {
        return qoffsetZ;
    }

    /** @return {@code srow_x}, a new array of 4 */
    public double[] srowX() {
        return srowX.clone();
    }

    /** @return {@code srow_y}, a new array of 4 */
    public double[] srowY() {
        return srowY.clone();
    }

    /** @return {@code srow_z}, a new array of 4 */
    public double[] srowZ() {
        return srowZ.clone();
    }

    /** @return {@code xyzt_units} (space units in bits 0-2, time units in bits 3-5) */
    public int xyztUnits() {
        return xyztUnits;
    }

    /** @return {@code descrip} without trailing NULs */
    public String descrip() {
        return descrip;
    }

    /** @return {@code aux_file} without trailing NULs */
    public String auxFile() {
        return auxFile;
    }

    /** @return {@code intent_code} */
    public int intentCode() {
        return intentCode;
    }

    /** @return {@code intent_p1} */
    public double intentP1() {
        return intentP1;
    }

    /** @return {@code intent_p2} */
    public double intentP2() {
        return intentP2;
    }

    /** @return {@code intent_p3} */
    public double intentP3() {
        return intentP3;
    }

    /** @return {@code intent_name} without trailing NULs */
    public String intentName() {
        return intentName;
    }

    /** @return {@code cal_min} */
    public double calMin() {
        return calMin;
    }

    /** @return {@code cal_max} */
    public double calMax() {
        return calMax;
    }

    /** @return {@code slice_code} */
    public int sliceCode() {
        return sliceCode;
    }

    /** @return {@code slice_start} */
    public long sliceStart() {
        return sliceStart;
    }

    /** @return {@code slice_end} */
    public long sliceEnd() {
        return sliceEnd;
    }

    /** @return {@code slice_duration} */
    public double sliceDuration() {
        return sliceDuration;
    }

    /** @return {@code toffset} */
    public double toffset() {
        return toffset;
    }

    /** @return {@code dim_info} */
    public int dimInfo() {
        return dimInfo;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NiftiHeader)) {
            return false;
        }
        NiftiHeader h = (NiftiHeader) o;
        return version == h.version && Arrays.equals(dims, h.dims)
                && Arrays.equals(pixdim, h.pixdim) && datatype == h.datatype
                && same(sclSlope, h.sclSlope) && same(sclInter, h.sclInter)
                && qformCode == h.qformCode && sformCode == h.sformCode
                && same(quaternB, h.quaternB) && same(quaternC, h.quaternC)
                && same(quaternD, h.quaternD) && same(qoffsetX, h.qoffsetX)
                && same(qoffsetY, h.qoffsetY) && same(qoffsetZ, h.qoffsetZ)
                && Arrays.equals(srowX, h.srowX) && Arrays.equals(srowY, h.srowY)
                && Arrays.equals(srowZ, h.srowZ) && xyztUnits == h.xyztUnits
                && descrip.equals(h.descrip) && auxFile.equals(h.auxFile)
                && intentCode == h.intentCode && same(intentP1, h.intentP1)
                && same(intentP2, h.intentP2) && same(intentP3, h.intentP3)
                && intentName.equals(h.intentName) && same(calMin, h.calMin)
                && same(calMax, h.calMax) && sliceCode == h.sliceCode
                && sliceStart == h.sliceStart && sliceEnd == h.sliceEnd
                && same(sliceDuration, h.sliceDuration) && same(toffset, h.toffset)
                && dimInfo == h.dimInfo;
    }

    private static boolean same(double a, double b) {
        return Double.compare(a, b) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, Arrays.hashCode(dims), Arrays.hashCode(pixdim), datatype,
                sclSlope, sclInter, qformCode, sformCode, Arrays.hashCode(srowX), descrip);
    }

    @Override
    public String toString() {
        return "NiftiHeader[NIfTI-" + version + ", dims " + Arrays.toString(dims) + ", "
                + datatype.typeName() + ", pixdim " + Arrays.toString(pixdim) + ", scl "
                + sclSlope + "/" + sclInter + ", qform_code " + qformCode + ", sform_code "
                + sformCode + ", xyzt_units " + xyztUnits + ", descrip '" + descrip + "']";
    }
}
