package org.istn.io.nifti;

import java.util.Objects;

/**
 * Mutable builder of {@link NiftiHeader}, from {@link NiftiHeader#builder()} (defaults: version 1,
 * float32, dims [1], pixdim all 1, scaling 1/0, no transforms, units mm and s) or
 * {@link NiftiHeader#toBuilder()}; {@link #build()} validates.
 */
public final class NiftiHeaderBuilder {
    // package-private: NiftiHeader's constructor copies and validates them
    int version = 1;
    int[] dims = {1};
    double[] pixdim = {1, 1, 1, 1, 1, 1, 1, 1};
    NiftiDatatype datatype = NiftiDatatype.FLOAT32;
    double sclSlope = 1;
    double sclInter = 0;
    int qformCode;
    int sformCode;
    double quaternB;
    double quaternC;
    double quaternD;
    double qoffsetX;
    double qoffsetY;
    double qoffsetZ;
    double[] srowX = {1, 0, 0, 0};
    double[] srowY = {0, 1, 0, 0};
    double[] srowZ = {0, 0, 1, 0};
    int xyztUnits = NiftiHeader.UNITS_MM_SEC;
    String descrip = "";
    String auxFile = "";
    int intentCode;
    double intentP1;
    double intentP2;
    double intentP3;
    String intentName = "";
    double calMin;
    double calMax;
    int sliceCode;
    long sliceStart;
    long sliceEnd;
    double sliceDuration;
    double toffset;
    int dimInfo;

    NiftiHeaderBuilder() {}

    NiftiHeaderBuilder(NiftiHeader h) {
        version = h.version();
        dims = h.dims();
        pixdim = h.pixdim();
        datatype = h.datatype();
        sclSlope = h.sclSlope();
        sclInter = h.sclInter();
        qformCode = h.qformCode();
        sformCode = h.sformCode();
        quaternB = h.quaternB();
        quaternC = h.quaternC();
        quaternD = h.quaternD();
        qoffsetX = h.qoffsetX();
        qoffsetY = h.qoffsetY();
        qoffsetZ = h.qoffsetZ();
        srowX = h.srowX();
        srowY = h.srowY();
        srowZ = h.srowZ();
        xyztUnits = h.xyztUnits();
        descrip = h.descrip();
        auxFile = h.auxFile();
        intentCode = h.intentCode();
        intentP1 = h.intentP1();
        intentP2 = h.intentP2();
        intentP3 = h.intentP3();
        intentName = h.intentName();
        calMin = h.calMin();
        calMax = h.calMax();
        sliceCode = h.sliceCode();
        sliceStart = h.sliceStart();
        sliceEnd = h.sliceEnd();
        sliceDuration = h.sliceDuration();
        toffset = h.toffset();
        dimInfo = h.dimInfo();
    }

    /** @param v 1 or 2 */
    public NiftiHeaderBuilder version(int v) {
        version = v;
        return this;
    }

    /** @param d {@code dim[1..dim[0]]}, 1 to 7 positive sizes (4th and later must be 1) */
    public NiftiHeaderBuilder dims(int... d) {
        dims = Objects.requireNonNull(d, "dims").clone();
        return this;
    }

    /** @param p all 8 {@code pixdim} entries, {@code p[0]} being qfac */
    public NiftiHeaderBuilder pixdim(double... p) {
        pixdim = Objects.requireNonNull(p, "pixdim").clone();
        return this;
    }

    /** @param t the voxel datatype on disk */
    public NiftiHeaderBuilder datatype(NiftiDatatype t) {
        datatype = t;
        return this;
    }

    /**
     * @param slope {@code scl_slope} (0 or NaN: no scaling)
     * @param inter {@code scl_inter}
     */
    public NiftiHeaderBuilder scaling(double slope, double inter) {
        sclSlope = slope;
        sclInter = inter;
        return this;
    }

    /** Sets {@code qform_code} and the quaternion parameters. */
    public NiftiHeaderBuilder qform(int code, double b, double c, double d, double x, double y,
            double z) {
        qformCode = code;
        quaternB = b;
        quaternC = c;
        quaternD = d;
        qoffsetX = x;
        qoffsetY = y;
        qoffsetZ = z;
        return this;
    }

    /** Sets {@code sform_code} and the three rows (4 entries each). */
    public NiftiHeaderBuilder sform(int code, double[] rowX, double[] rowY, double[] rowZ) {
        sformCode = code;
        srowX = Objects.requireNonNull(rowX, "srow_x").clone();
        srowY = Objects.requireNonNull(rowY, "srow_y").clone();
        srowZ = Objects.requireNonNull(rowZ, "srow_z").clone();
        return this;
    }

    /** @param units {@code xyzt_units} */
    public NiftiHeaderBuilder xyztUnits(int units) {
        xyztUnits = units;
        return this;
    }

    /** @param text {@code descrip}, at most 80 ISO-8859-1 characters */
    public NiftiHeaderBuilder descrip(String text) {
        descrip = text;
        return this;
    }

    /** @param text {@code aux_file}, at most 24 ISO-8859-1 characters */
    public NiftiHeaderBuilder auxFile(String text) {
        auxFile = text;
        return this;
    }

    /** Sets {@code intent_code}, {@code intent_p1..3} and {@code intent_name}. */
    public NiftiHeaderBuilder intent(int code, double p1, double p2, double p3, String name) {
        intentCode = code;
        intentP1 = p1;
        intentP2 = p2;
        intentP3 = p3;
        intentName = name;
        return this;
    }

    /** Sets {@code cal_min} and {@code cal_max} (display range). */
    public NiftiHeaderBuilder calRange(double min, double max) {
        calMin = min;
        calMax = max;
        return this;
    }

    /** Sets {@code slice_code}, {@code slice_start}, {@code slice_end}, {@code slice_duration}. */
    public NiftiHeaderBuilder slices(int code, long start, long end, double duration) {
        sliceCode = code;
        sliceStart = start;
        sliceEnd = end;
        sliceDuration = duration;
        return this;
    }

    /** @param t {@code toffset} */
    public NiftiHeaderBuilder toffset(double t) {
        toffset = t;
        return this;
    }

    /** @param info {@code dim_info} */
    public NiftiHeaderBuilder dimInfo(int info) {
        dimInfo = info;
        return this;
    }

    /**
     * @return the validated header
     * @throws IllegalArgumentException naming the first invalid field and its value
     */
    public NiftiHeader build() {
        return new NiftiHeader(this);
    }
}
