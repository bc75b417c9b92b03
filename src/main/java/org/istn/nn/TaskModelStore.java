package org.istn.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Task model files, whatever engine trained them: one zip with {@code task.json} (format, engine,
 * kind, classes, provenance) and the model itself — a {@link ModelStore} network for the
 * project's SameDiff LeNets ({@code network.bin}), DL4J's own format for a
 * {@code ComputationGraph} ({@code graph.bin}, updater included so training can continue).
 */
public final class TaskModelStore {
    public static final String FORMAT = "istn-spark-task-model/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskModelStore() {}

    /** A loaded task model and its provenance. */
    public record Loaded(TaskModel model, Provenance provenance) {}

    public static void save(TaskModel model, Provenance p, OutputStream out) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("kind", model.kind().name());
        m.put("num_classes", model.numClasses());
        m.set("provenance", JSON.valueToTree(p));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String entry;
        if (model instanceof SameDiffTaskModel s) {
            m.put("engine", "samediff");
            entry = "network.bin";
            ModelStore.save(s.network(), p, body);
        } else if (model instanceof ComputationGraphTaskModel c) {
            m.put("engine", "dl4j");
            entry = "graph.bin";
            ModelSerializer.writeModel(c.graph(), body, true);
        } else {
            throw new IllegalArgumentException("cannot save a task model of type " + model.getClass().getName());
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry("task.json"));
        zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(entry));
        body.writeTo(zip);
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    /**
     * @param learningRate the learning rate of further training (fine-tuning); any value for inference
     * @throws IOException naming {@code source} for a file that is not a complete task model
     */
    public static Loaded load(InputStream in, String source, double learningRate) throws IOException {
        JsonNode meta = null;
        byte[] network = null;
        byte[] graph = null;
        try {
            ZipInputStream zip = new ZipInputStream(in);
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                byte[] data = zip.readAllBytes();
                switch (e.getName()) {
                    case "task.json" -> meta = JSON.readTree(new String(data, StandardCharsets.UTF_8));
                    case "network.bin" -> network = data;
                    case "graph.bin" -> graph = data;
                    default -> { }
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(source + ": corrupt or truncated task model file (" + e.getMessage() + ")", e);
        }
        if (meta == null || !FORMAT.equals(meta.path("format").asText())) {
            throw new IOException(source + ": not an " + FORMAT + " file (no task.json with that format)");
        }
        Provenance p = JSON.treeToValue(meta.get("provenance"), Provenance.class);
        String engine = meta.path("engine").asText();
        if (engine.equals("samediff") && network != null) {
            ModelStore.LoadedNetwork n = ModelStore.loadNetwork(new ByteArrayInputStream(network), source);
            return new Loaded(new SameDiffTaskModel(n.network(), learningRate), p);
        }
        if (engine.equals("dl4j") && graph != null) {
            ComputationGraph g = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(graph), true);
            return new Loaded(new ComputationGraphTaskModel(g, TaskModel.Kind.valueOf(meta.path("kind").asText()),
                    meta.path("num_classes").asInt()), p);
        }
        throw new IOException(source + ": task model file is incomplete (engine \"" + engine
                + "\" without its model entry; truncated?)");
    }
}
