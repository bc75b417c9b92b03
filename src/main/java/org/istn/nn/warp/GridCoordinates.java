package org.istn.nn.warp;

/**
 * The two {@code align_corners} conventions: where voxel centres sit in normalised coordinates,
 * and back. Everything is computed in double precision, whatever the storage type.
 */
final class GridCoordinates {

    private GridCoordinates() {}

    /**
     * Normalised coordinates of the centres of {@code size} voxels along one axis, as PyTorch's
     * {@code affine_grid} builds them: {@code -1 + 2i/(size-1)} when aligned,
     * {@code (2i + 1)/size - 1} otherwise; a single voxel sits at 0 in both conventions.
     */
    static double[] centres(int size, boolean alignCorners) {
        double[] c = new double[size];
        if (size == 1) {
            return c;
        }
        for (int i = 0; i < size; i++) {
            c[i] = alignCorners ? (2.0 * i - (size - 1)) / (size - 1) : (2.0 * i + 1 - size) / size;
        }
        return c;
    }

    /** Voxel coordinate (0 = centre of the first voxel) of a normalised coordinate. */
    static double unnormalize(double coord, int size, boolean alignCorners) {
        return alignCorners ? (coord + 1) * 0.5 * (size - 1) : ((coord + 1) * size - 1) * 0.5;
    }

    /** d(voxel coordinate) / d(normalised coordinate). */
    static double scale(int size, boolean alignCorners) {
        return alignCorners ? 0.5 * (size - 1) : 0.5 * size;
    }
}
