package org.istn.nn.warp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch reference vectors from {@code src/test/resources/golden}: {@code grid_sample.json}
 * (the shared reference) and {@code grid_sample_extra.json} (made by
 * {@code src/test/python/make_grid_sample_extra_golden.py}). Each tensor is
 * {@code {"shape": [...], "data": [...]}} in C order.
 */
final class Golden {
    static final String SHARED = "/golden/grid_sample.json";
    static final String EXTRA = "/golden/grid_sample_extra.json";

    private Golden() {}

    /** The cases of {@code kind} ("grid_sample" or "affine_grid") in the given files. */
    static List<Case> cases(String kind, String... resources) {
        List<Case> out = new ArrayList<>();
        for (String resource : resources) {
            int i = 0;
            for (JsonNode c : read(resource).get("cases")) {
                if (kind.equals(c.get("kind").asText())) {
                    out.add(new Case(resource.substring(resource.lastIndexOf('/') + 1) + "#" + i, c));
                }
                i++;
            }
        }
        return out;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One reference case. */
    record Case(String name, JsonNode node) {
        int dims() {
            return node.get("dims").asInt();
        }

        boolean alignCorners() {
            return node.get("align_corners").asBoolean();
        }

        boolean has(String tensor) {
            return node.has(tensor);
        }

        long[] shape(String tensor) {
            JsonNode s = node.get(tensor).get("shape");
            long[] shape = new long[s.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = s.get(i).asLong();
            }
            return shape;
        }

        /** The {@code "size"} entry of an affine_grid case. */
        long[] size() {
            JsonNode s = node.get("size");
            long[] size = new long[s.size()];
            for (int i = 0; i < size.length; i++) {
                size[i] = s.get(i).asLong();
            }
            return size;
        }

        double[] doubles(String tensor) {
            JsonNode d = node.get(tensor).get("data");
            double[] v = new double[d.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = d.get(i).asDouble();
            }
            return v;
        }

        float[] floats(String tensor) {
            double[] d = doubles(tensor);
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }

        @Override
        public String toString() {
            return name + " (" + node.get("kind").asText() + " " + dims() + "D, align_corners="
                    + alignCorners() + ")";
        }
    }
}
