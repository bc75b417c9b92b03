package org.istn.io.nifti;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * How {@link NiftiWriter} encodes a volume.
 *
 * @param gzip whether to gzip the output
 * @param datatype the voxel datatype on disk
 * @param version the NIfTI version, 1 or 2
 * @param byteOrder the byte order of header and data
 */
public record NiftiWriteOptions(boolean gzip, NiftiDatatype datatype, int version,
        ByteOrder byteOrder) {

    /** Validates the options. */
    public NiftiWriteOptions {
        Objects.requireNonNull(datatype, "datatype");
        Objects.requireNonNull(byteOrder, "byteOrder");
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("NIfTI version is " + version
                    + "; expected 1 or 2");
        }
    }

    /** @return float32, NIfTI-1, little-endian */
    public static NiftiWriteOptions defaults(boolean gzip) {
        return new NiftiWriteOptions(gzip, NiftiDatatype.FLOAT32, 1, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return a copy with another datatype */
    public NiftiWriteOptions withDatatype(NiftiDatatype type) {
        return new NiftiWriteOptions(gzip, type, version, byteOrder);
    }

    /** @return a copy with another version */
    public NiftiWriteOptions withVersion(int v) {
        return new NiftiWriteOptions(gzip, datatype, v, byteOrder);
    }

    /** @return a copy with another byte order */
    public NiftiWriteOptions withByteOrder(ByteOrder order) {
        return new NiftiWriteOptions(gzip, datatype, version, order);
    }
}
