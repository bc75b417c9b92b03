package org.istn.io.nifti;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The NIfTI voxel datatypes this codec reads and writes: the scalar integer and floating-point
 * types. Complex, RGB, 128-bit float and binary data are rejected with a
 * {@link NiftiFormatException}.
 */
public enum NiftiDatatype {
    /** unsigned 8-bit integer, NIfTI code 2 */
    UINT8(2, 1, "uint8", true, 0d, 255d),
    /** signed 16-bit integer, NIfTI code 4 */
    INT16(4, 2, "int16", true, Short.MIN_VALUE, Short.MAX_VALUE),
    /** signed 32-bit integer, NIfTI code 8 */
    INT32(8, 4, "int32", true, Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** 32-bit IEEE float, NIfTI code 16 */
    FLOAT32(16, 4, "float32", false, -Float.MAX_VALUE, Float.MAX_VALUE),
    /** 64-bit IEEE float, NIfTI code 64 */
    FLOAT64(64, 8, "float64", false, -Double.MAX_VALUE, Double.MAX_VALUE),
    /** signed 8-bit integer, NIfTI code 256 */
    INT8(256, 1, "int8", true, Byte.MIN_VALUE, Byte.MAX_VALUE),
    /** unsigned 16-bit integer, NIfTI code 512 */
    UINT16(512, 2, "uint16", true, 0d, 65535d),
    /** unsigned 32-bit integer, NIfTI code 768 */
    UINT32(768, 4, "uint32", true, 0d, 4294967295d),
    /** signed 64-bit integer, NIfTI code 1024 */
    INT64(1024, 8, "int64", true, -0x1p63, 0x1p63 - 1024),
    /** unsigned 64-bit integer, NIfTI code 1280 */
    UINT64(1280, 8, "uint64", true, 0d, 0x1p64 - 2048);

    /** Names of NIfTI codes that exist but are not supported, for error messages. */
    private static final Map<Integer, String> UNSUPPORTED = Map.of(
            0, "unknown", 1, "binary", 32, "complex64", 128, "RGB24", 1536, "float128",
            1792, "complex128", 2048, "complex256", 2304, "RGBA32");

    /** The order in which supported types are listed in messages. */
    private static final List<NiftiDatatype> LISTED = List.of(
            UINT8, INT8, INT16, UINT16, INT32, UINT32, INT64, UINT64, FLOAT32, FLOAT64);

    private final int code;
    private final int bytesPerVoxel;
    private final String typeName;
    private final boolean integer;
    private final double min;
    private final double max;

    NiftiDatatype(int code, int bytesPerVoxel, String typeName, boolean integer, double min,
            double max) {
        this.code = code;
        this.bytesPerVoxel = bytesPerVoxel;
        this.typeName = typeName;
        this.integer = integer;
        this.min = min;
        this.max = max;
    }

    /** @return the NIfTI {@code datatype} code */
    public int code() {
        return code;
    }

    /** @return bytes per voxel on disk; {@code bitpix} is eight times this */
    public int bytesPerVoxel() {
        return bytesPerVoxel;
    }

    /** @return the NIfTI {@code bitpix} value */
    public int bitpix() {
        return bytesPerVoxel * 8;
    }

    /** @return the numpy-style name, for example {@code uint16} */
    public String typeName() {
        return typeName;
    }

    /** @return true for the integer types */
    public boolean isInteger() {
        return integer;
    }

    /**
     * @return the smallest value of the type as a double (for the 64-bit integer types the
     *     nearest double inside the range)
     */
    public double minValue() {
        return min;
    }

    /**
     * @return the largest value of the type as a double (for the 64-bit integer types the
     *     largest double inside the range, {@code 2^63 - 1024} and {@code 2^64 - 2048})
     */
    public double maxValue() {
        return max;
    }

    /**
     * Looks a datatype up by its NIfTI code.
     *
     * @param code the {@code datatype} header field
     * @param source the file or stream name, used in the error message
     * @return the datatype
     * @throws NiftiFormatException for unknown or unsupported codes, naming the code and the
     *     supported types
     */
    public static NiftiDatatype fromCode(int code, String source) throws NiftiFormatException {
        for (NiftiDatatype t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new NiftiFormatException(source + ": unsupported NIfTI datatype " + code + " ("
                + UNSUPPORTED.getOrDefault(code, "not a NIfTI datatype code") + "); supported: "
                + supportedNames());
    }

    /** @return the supported type names, comma separated, for messages */
    static String supportedNames() {
        return LISTED.stream().map(NiftiDatatype::typeName).collect(Collectors.joining(", "));
    }
}
