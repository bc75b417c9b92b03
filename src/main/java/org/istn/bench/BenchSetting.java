package org.istn.bench;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One input setting of the benchmark: image size (NIfTI order x, y[, z]) and batch size.
 *
 * @param name       the label used in the table ({@code 2d}, {@code 3d16}, {@code 16x16:2})
 * @param inputShape the image size, 2 or 3 axes
 * @param batch      images per step
 */
public record BenchSetting(String name, int[] inputShape, int batch) {

    /** The named settings: 2D 28×28 batch 64, 3D 64³ batch 4 and batch 16. */
    public static final String NAMED = "2d, 3d4, 3d16";

    private static final Pattern CUSTOM = Pattern.compile("(\\d+)x(\\d+)(?:x(\\d+))?:(\\d+)");

    public BenchSetting {
        if (inputShape.length != 2 && inputShape.length != 3) {
            throw new IllegalArgumentException("setting " + name + " needs 2 or 3 axes, found "
                    + Arrays.toString(inputShape));
        }
        for (int n : inputShape) {
            if (n < 4) {
                throw new IllegalArgumentException("setting " + name + ": every axis must be >= 4, found "
                        + Arrays.toString(inputShape));
            }
        }
        if (batch < 1) {
            throw new IllegalArgumentException("setting " + name + ": batch must be >= 1, found " + batch);
        }
        inputShape = inputShape.clone();
    }

    /** 2 or 3. */
    public int dims() {
        return inputShape.length;
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    /**
     * Parses {@code 2d}, {@code 3d4}, {@code 3d16} or a custom {@code XxY[xZ]:BATCH}
     * ({@code 16x16:2}, {@code 32x32x32:8}).
     */
    public static BenchSetting parse(String text) {
        String t = text.trim();
        switch (t) {
            case "2d":
                return new BenchSetting("2d", new int[] {28, 28}, 64);
            case "3d4":
                return new BenchSetting("3d4", new int[] {64, 64, 64}, 4);
            case "3d16":
                return new BenchSetting("3d16", new int[] {64, 64, 64}, 16);
            default:
                break;
        }
        Matcher m = CUSTOM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown setting '" + text + "'; expected one of " + NAMED
                    + " or a custom XxY[xZ]:BATCH such as 16x16:2");
        }
        int[] shape = m.group(3) == null
                ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))}
                : new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        return new BenchSetting(t, shape, Integer.parseInt(m.group(4)));
    }

    /** {@code 28x28 b64}: size and batch, for the table. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inputShape.length; i++) {
            sb.append(i == 0 ? "" : "x").append(inputShape[i]);
        }
        return sb.append(" b").append(batch).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BenchSetting s && s.name.equals(name) && Arrays.equals(s.inputShape, inputShape)
                && s.batch == batch;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(inputShape) * 7 + batch;
    }

    @Override
    public String toString() {
        return name + " (" + describe() + ")";
    }
}
