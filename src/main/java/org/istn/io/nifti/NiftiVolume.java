package org.istn.io.nifti;

import java.io.Serializable;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One 2D or 3D scalar volume: a {@link NiftiHeader} and its voxels as float32 in NIfTI order
 * (x fastest, then y, then z), with {@code scl_slope}/{@code scl_inter} already applied.
 * Immutable: the voxel array is never handed out, only copies or a read-only view.
 */
public final class NiftiVolume implements Serializable {

    private static final long serialVersionUID = 1L;

    private final NiftiHeader header;
    private final float[] data;
    private final int[] shape;

    /** Takes ownership of {@code data} (the reader's path; no copy). */
    NiftiVolume(NiftiHeader header, float[] data) {
        this.header = Objects.requireNonNull(header, "header");
        this.data = Objects.requireNonNull(data, "data");
        this.shape = header.dataShape();
        if (data.length != header.voxelCount()) {
            throw new IllegalArgumentException("data has " + data.length + " values; header dims "
                    + Arrays.toString(header.dims()) + " need " + header.voxelCount());
        }
    }

    /**
     * A volume from a header and voxels (copied).
     *
     * @throws IllegalArgumentException when the number of values does not match the header
     */
    public static NiftiVolume of(NiftiHeader header, float[] data) {
        return new NiftiVolume(header, Objects.requireNonNull(data, "data").clone());
    }

    /**
     * A new float32 NIfTI-1 volume; see {@link NiftiHeader#forVolume} for the header it gets.
     *
     * @param shape 2 or 3 positive sizes
     * @param data the voxels in NIfTI order (x fastest), copied
     * @param voxelSize one positive size per dimension (mm)
     * @param affine the 4x4 voxel-to-world matrix, or null for {@code diag(voxelSize, 1)}
     * @return the volume
     * @throws IllegalArgumentException naming the bad argument
     */
    public static NiftiVolume create(int[] shape, float[] data, double[] voxelSize,
            double[][] affine) {
        return of(NiftiHeader.forVolume(shape, voxelSize, affine), data);
    }

    /** @return a volume with the same header and other voxels (copied) */
    public NiftiVolume withData(float[] newData) {
        return of(header, newData);
    }

    /** @return a volume with the same voxels and another header of the same shape */
    public NiftiVolume withHeader(NiftiHeader newHeader) {
        return new NiftiVolume(newHeader, data);
    }

    /** @return the header */
    public NiftiHeader header() {
        return header;
    }

    /** @return the data shape, 2 or 3 sizes (a single-volume 4D file gives 3) */
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of voxels */
    public int voxelCount() {
        return data.length;
    }

    /** @return the voxel-to-world matrix, as {@link NiftiHeader#affine()} */
    public double[][] affine() {
        return header.affine();
    }

    /** @return a copy of the voxels in NIfTI order */
    public float[] data() {
        return data.clone();
    }

    /** @return a read-only view of the voxels in NIfTI order, without copying */
    public FloatBuffer buffer() {
        return FloatBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** The live array, for the writer in this package only. */
    float[] dataArray() {
        return data;
    }

    /** @return the voxel at flat index {@code i} (NIfTI order) */
    public float get(int i) {
        return data[i];
    }

    /**
     * @return the voxel at (x, y) of a 2D volume, or of a 3D volume with a single slice
     * @throws IllegalStateException for a 3D volume with several slices
     * @throws IndexOutOfBoundsException outside the shape
     */
    public float get(int x, int y) {
        if (shape.length == 3 && shape[2] != 1) {
            throw new IllegalStateException("volume has shape " + Arrays.toString(shape)
                    + "; use get(x, y, z)");
        }
        checkIndex(x, y, 0);
        return data[x + shape[0] * y];
    }

    /**
     * @return the voxel at (x, y, z); z must be 0 for a 2D volume
     * @throws IndexOutOfBoundsException outside the shape
     */
    public float get(int x, int y, int z) {
        checkIndex(x, y, z);
        return data[x + shape[0] * (y + shape[1] * z)];
    }

    private void checkIndex(int x, int y, int z) {
        int nz = shape.length == 3 ? shape[2] : 1;
        if (x < 0 || x >= shape[0] || y < 0 || y >= shape[1] || z < 0 || z >= nz) {
            throw new IndexOutOfBoundsException("voxel (" + x + ", " + y + ", " + z
                    + ") is outside shape " + Arrays.toString(shape));
        }
    }

    /**
     * Checks that every voxel is finite.
     *
     * @param source the name used in the message
     * @return this volume
     * @throws NiftiFormatException naming the source, the number of non-finite voxels, and the
     *     first one's position and value
     */
    public NiftiVolume requireFinite(String source) throws NiftiFormatException {
        int first = -1;
        int bad = 0;
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                if (first < 0) {
                    first = i;
                }
                bad++;
            }
        }
        if (bad == 0) {
            return this;
        }
        int x = first % shape[0];
        int y = (first / shape[0]) % shape[1];
        String at = shape.length == 2 ? "(" + x + ", " + y + ")"
                : "(" + x + ", " + y + ", " + first / (shape[0] * shape[1]) + ")";
        throw new NiftiFormatException(source + ": " + bad + " non-finite voxel value"
                + (bad == 1 ? "" : "s") + " (NaN or Infinity); the first is " + data[first]
                + " at voxel " + at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NiftiVolume v && header.equals(v.header) && Arrays.equals(data, v.data);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NiftiVolume[shape " + Arrays.toString(shape) + ", " + header + "]";
    }
}
