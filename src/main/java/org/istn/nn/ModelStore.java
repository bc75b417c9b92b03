package org.istn.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saves and loads networks as one zip stream (so models go to HDFS or S3 without temporary
 * files): {@code model.json} (format, recipes, data type, seed, provenance, variable list) and one
 * ND4J binary array per variable (parameters and batch-norm running statistics). Loading rebuilds
 * the graph from the recipes and assigns every variable, so outputs are identical.
 */
public final class ModelStore {
    public static final String FORMAT = "istn-spark-model/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelStore() {}

    /** A loaded transformer and its provenance. */
    public record LoadedIstn(Istn istn, Provenance provenance) {}

    /** A loaded network and its provenance. */
    public record LoadedNetwork(NetworkGraph network, Provenance provenance) {}

    public static void save(Istn istn, int[] inputShape, long seed, Provenance p, OutputStream out) throws IOException {
        ObjectNode m = header("istn", istn.graph(), inputShape, seed, p);
        m.set("itn", istn.itn() == null ? null : NetworkRecipes.toJson(istn.itn()));
        m.set("stn", istn.stn() == null ? null : NetworkRecipes.toJson(istn.stn()));
        write(m, istn.graph(), variables(istn.graph()), out);
    }

    public static void save(NetworkGraph g, Provenance p, OutputStream out) throws IOException {
        ObjectNode m = header("network", g.graph(), g.inputShape(), g.seed(), p);
        m.set("network", NetworkRecipes.toJson(g.network()));
        write(m, g.graph(), g.variableNames(), out);
    }

    public static LoadedIstn loadIstn(InputStream in, String source) throws IOException {
        Contents c = read(in, source, "istn");
        Itn itn = c.model.get("itn").isNull() ? null : (Itn) NetworkRecipes.fromJson(c.model.get("itn"));
        SpatialTransformer stn = c.model.get("stn").isNull() ? null
                : (SpatialTransformer) NetworkRecipes.fromJson(c.model.get("stn"));
        Istn istn = new Istn(itn, stn, c.inputShape, c.dtype, c.seed);
        assign(istn.graph(), c, source);
        return new LoadedIstn(istn, c.provenance);
    }

    public static LoadedNetwork loadNetwork(InputStream in, String source) throws IOException {
        Contents c = read(in, source, "network");
        NetworkGraph g = new NetworkGraph((Network) NetworkRecipes.fromJson(c.model.get("network")), c.inputShape,
                c.dtype, c.seed);
        assign(g.graph(), c, source);
        return new LoadedNetwork(g, c.provenance);
    }

    private static List<String> variables(SameDiff sd) {
        return GraphVariables.all(sd);
    }

    private static ObjectNode header(String type, SameDiff sd, int[] inputShape, long seed, Provenance p) {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("type", type);
        m.putPOJO("input_shape", inputShape);
        m.put("seed", seed);
        m.set("provenance", JSON.valueToTree(p));
        return m;
    }

    private static void write(ObjectNode model, SameDiff sd, List<String> names, OutputStream out) throws IOException {
        ArrayNode vars = model.putArray("variables");
        names.forEach(vars::add);
        model.put("dtype", sd.getVariable(names.get(0)).dataType().name());
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry("model.json"));
        zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(model));
        zip.closeEntry();
        for (int i = 0; i < names.size(); i++) {
            zip.putNextEntry(new ZipEntry("variables/" + i + ".nd4j"));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Nd4j.write(sd.getVariable(names.get(i)).getArr(), new DataOutputStream(bytes));
            bytes.writeTo(zip);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /** What a model file holds. */
    private record Contents(JsonNode model, int[] inputShape, long seed, DataType dtype, Provenance provenance,
            Map<String, INDArray> arrays) {}

    private static Contents read(InputStream in, String source, String type) throws IOException {
        try {
            return readChecked(in, source, type);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IOException(source + ": corrupt or truncated model file (" + e.getMessage() + ")", e);
        }
    }

    private static Contents readChecked(InputStream in, String source, String type) throws IOException {
        JsonNode model = null;
        Map<Integer, INDArray> byIndex = new HashMap<>();
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            byte[] data = zip.readAllBytes();
            if (e.getName().equals("model.json")) {
                model = JSON.readTree(new String(data, StandardCharsets.UTF_8));
            } else if (e.getName().startsWith("variables/")) {
                String idx = e.getName().substring("variables/".length()).replace(".nd4j", "");
                byIndex.put(Integer.parseInt(idx), Nd4j.read(new DataInputStream(new ByteArrayInputStream(data))));
            }
        }
        if (model == null || !FORMAT.equals(model.path("format").asText())) {
            throw new IOException(source + ": not an " + FORMAT + " model file (no model.json with that format)");
        }
        if (!type.equals(model.path("type").asText())) {
            throw new IOException(source + ": holds a " + model.path("type").asText() + " model, expected " + type);
        }
        Map<String, INDArray> arrays = new HashMap<>();
        JsonNode vars = model.get("variables");
        for (int i = 0; i < vars.size(); i++) {
            INDArray a = byIndex.get(i);
            if (a == null) {
                throw new IOException(source + ": variable " + vars.get(i).asText() + " is missing (truncated file?)");
            }
            arrays.put(vars.get(i).asText(), a);
        }
        int[] shape = JSON.treeToValue(model.get("input_shape"), int[].class);
        Provenance p = JSON.treeToValue(model.get("provenance"), Provenance.class);
        return new Contents(model, shape, model.path("seed").asLong(), DataType.valueOf(model.path("dtype").asText()),
                p, arrays);
    }

    private static void assign(SameDiff sd, Contents c, String source) throws IOException {
        List<String> expected = variables(sd);
        if (!expected.containsAll(c.arrays.keySet()) || expected.size() != c.arrays.size()) {
            throw new IOException(source + ": variables do not match the rebuilt network: file has " + c.arrays.size()
                    + ", network has " + expected.size());
        }
        for (Map.Entry<String, INDArray> e : c.arrays.entrySet()) {
            INDArray target = sd.getVariable(e.getKey()).getArr();
            if (!java.util.Arrays.equals(target.shape(), e.getValue().shape())) {
                throw new IOException(source + ": variable " + e.getKey() + " has shape "
                        + java.util.Arrays.toString(e.getValue().shape()) + ", the network expects "
                        + java.util.Arrays.toString(target.shape()));
            }
            target.assign(e.getValue());
        }
    }
}
