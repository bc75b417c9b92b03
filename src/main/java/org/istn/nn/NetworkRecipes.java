package org.istn.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The recipe of a network (its kind and constructor values) as JSON, so that a saved network can
 * be rebuilt before its parameters are loaded.
 */
public final class NetworkRecipes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NetworkRecipes() {}

    public static ObjectNode toJson(Object net) {
        ObjectNode n = JSON.createObjectNode();
        if (net instanceof Itn i) {
            n.put("kind", i.kind());
            shape(n, i.inputShape());
            n.put("nf", i.nf());
        } else if (net instanceof AffineStn a) {
            n.put("kind", a.kind());
            shape(n, a.inputShape());
            n.put("nf", a.nf());
        } else if (net instanceof BSplineStn b) {
            n.put("kind", b.kind());
            shape(n, b.inputShape());
            n.put("nf", b.nf());
            n.put("max_displacement", b.maxDisplacement());
            n.putPOJO("cp_spacing", b.cpSpacing());
        } else if (net instanceof Discriminator d) {
            n.put("kind", d.kind());
            shape(n, d.inputShape());
            n.put("nf", d.nf());
            n.put("instance_norm", d.instanceNorm());
        } else if (net instanceof LeNetClassifier c) {
            n.put("kind", c.kind());
            shape(n, c.inputShape());
            n.put("nf", c.nf());
            n.put("num_classes", c.numClasses());
        } else if (net instanceof LeNetRegressor r) {
            n.put("kind", r.kind());
            shape(n, r.inputShape());
            n.put("nf", r.nf());
        } else {
            throw new IllegalArgumentException("no recipe for " + net.getClass().getName());
        }
        return n;
    }

    /** Rebuilds a {@link Network} or {@link SpatialTransformer} from its recipe. */
    public static Object fromJson(JsonNode n) {
        String kind = n.path("kind").asText();
        int[] shape = ints(n.get("input_shape"));
        int nf = n.path("nf").asInt();
        return switch (kind) {
            case "itn" -> new Itn(shape, nf);
            case "affine-stn" -> new AffineStn(shape, nf);
            case "bspline-stn" -> new BSplineStn(shape, nf, n.path("max_displacement").asDouble(),
                    ints(n.get("cp_spacing")));
            // recipes written before dis_norm existed had instance norm
            case "discriminator" -> new Discriminator(shape, nf, n.path("instance_norm").asBoolean(true));
            case "classifier" -> new LeNetClassifier(shape, nf, n.path("num_classes").asInt());
            case "regressor" -> new LeNetRegressor(shape, nf);
            default -> throw new IllegalArgumentException("unknown network kind '" + kind + "'; expected one of itn, "
                    + "affine-stn, bspline-stn, discriminator, classifier, regressor");
        };
    }

    private static void shape(ObjectNode n, int[] s) {
        n.putPOJO("input_shape", s);
    }

    private static int[] ints(JsonNode a) {
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException("recipe lacks an integer list: " + a);
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }
}
