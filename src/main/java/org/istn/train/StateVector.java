package org.istn.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model's training state flattened into one double array in a fixed name order, so that
 * parameter averaging is a sum of vectors and a division: exact for one worker (a float
 * survives the round trip through double unchanged) and order-independent for two.
 *
 * @param names entry names in order
 * @param shapes each entry's shape
 * @param types each entry's data type
 * @param values all entries back to back
 * @param contributors how many workers' states were summed into {@code values}
 */
public record StateVector(String[] names, long[][] shapes, DataType[] types, double[] values, int contributors)
        implements Serializable {

    /** The state of a model, one contributor. */
    public static StateVector of(Map<String, INDArray> state) {
        int k = state.size();
        String[] names = new String[k];
        long[][] shapes = new long[k][];
        DataType[] types = new DataType[k];
        long total = 0;
        int i = 0;
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            names[i] = e.getKey();
            shapes[i] = e.getValue().shape();
            types[i] = e.getValue().dataType();
            total += e.getValue().length();
            i++;
        }
        double[] v = new double[Math.toIntExact(total)];
        int off = 0;
        for (INDArray a : state.values()) {
            double[] d = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            System.arraycopy(d, 0, v, off, d.length);
            off += d.length;
        }
        return new StateVector(names, shapes, types, v, 1);
    }

    /** The entries as arrays of their original types. */
    public Map<String, INDArray> toMap() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        int off = 0;
        for (int i = 0; i < names.length; i++) {
            long n = 1;
            for (long s : shapes[i]) {
                n *= s;
            }
            double[] d = Arrays.copyOfRange(values, off, off + (int) n);
            m.put(names[i], Nd4j.create(d, shapes[i], 'c').castTo(types[i]));
            off += (int) n;
        }
        return m;
    }

    /** This + other (same layout): the sum of both contributors' states. */
    public StateVector plus(StateVector other) {
        if (other == null) {
            return this;
        }
        if (!Arrays.equals(names, other.names) || values.length != other.values.length) {
            throw new IllegalArgumentException("cannot add training states of different models ("
                    + names.length + " vs " + other.names.length + " entries)");
        }
        double[] s = values.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += other.values[i];
        }
        return new StateVector(names, shapes, types, s, contributors + other.contributors);
    }

    /** The mean state: values divided by the number of contributors. */
    public StateVector mean() {
        if (contributors == 1) {
            return this;
        }
        double[] s = values.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] /= contributors;
        }
        return new StateVector(names, shapes, types, s, 1);
    }

    /** Whether every value is finite. */
    public boolean isFinite() {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** A compact binary form (for broadcasting and checkpoints). */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(values.length * 8 + 1024);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(names.length);
            for (int i = 0; i < names.length; i++) {
                out.writeUTF(names[i]);
                out.writeUTF(types[i].name());
                out.writeInt(shapes[i].length);
                for (long s : shapes[i]) {
                    out.writeLong(s);
                }
            }
            out.writeInt(contributors);
            out.writeInt(values.length);
            for (double v : values) {
                out.writeDouble(v);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@link #toBytes()}; {@code source} names the origin in errors. */
    public static StateVector fromBytes(byte[] data, String source) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            int k = in.readInt();
            String[] names = new String[k];
            long[][] shapes = new long[k][];
            DataType[] types = new DataType[k];
            for (int i = 0; i < k; i++) {
                names[i] = in.readUTF();
                types[i] = DataType.valueOf(in.readUTF());
                shapes[i] = new long[in.readInt()];
                for (int j = 0; j < shapes[i].length; j++) {
                    shapes[i][j] = in.readLong();
                }
            }
            int contributors = in.readInt();
            double[] v = new double[in.readInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readDouble();
            }
            return new StateVector(names, shapes, types, v, contributors);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + ": not a complete training state (" + e + ")", e);
        }
    }

    /** Entry names, for messages. */
    public List<String> nameList() {
        return List.of(names);
    }
}
