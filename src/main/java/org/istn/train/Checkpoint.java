package org.istn.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.istn.io.fs.AtomicFiles;
import org.istn.nn.Provenance;

/**
 * A training checkpoint: the whole training state after an epoch (parameters, optimiser state,
 * normalisation statistics, counters) and the loop's own state (best metric and epoch, rounds
 * without improvement), with the resolved configuration and provenance. Written atomically as
 * {@code <run>/checkpoints/epoch-NNNN.ckpt} (a zip: {@code checkpoint.json}, {@code state.bin});
 * a file with that name is complete, so the newest one is where {@code --resume} starts.
 *
 * @param epoch the last completed epoch
 * @param bestMetric the best selection metric so far (NaN before the first validation)
 * @param bestEpoch the epoch of the best, if any
 * @param sinceBest validations since the best
 * @param configHash the run's configuration hash (a resumed run must have the same)
 * @param state the training state
 */
public record Checkpoint(int epoch, double bestMetric, OptionalInt bestEpoch, int sinceBest, String configHash,
        StateVector state) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORMAT = "istn-spark-checkpoint/1";

    /** The checkpoint file of an epoch. */
    public static String path(String runDir, int epoch) {
        return runDir + "/checkpoints/" + String.format("epoch-%04d.ckpt", epoch);
    }

    /** Writes the checkpoint atomically; returns its path. */
    public String write(String runDir, Configuration conf, Map<String, Object> config, Provenance provenance)
            throws IOException {
        String p = path(runDir, epoch);
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("epoch", epoch);
        m.put("best_metric", Double.isNaN(bestMetric) ? null : bestMetric);
        if (bestEpoch.isPresent()) {
            m.put("best_epoch", bestEpoch.getAsInt());
        }
        m.put("since_best", sinceBest);
        m.put("config_hash", configHash);
        m.set("config", JSON.valueToTree(new TreeMap<>(config)));
        m.set("provenance", JSON.valueToTree(provenance));
        byte[] state = this.state.toBytes();
        AtomicFiles.write(p, conf, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry("checkpoint.json"));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("state.bin"));
            zip.write(state);
            zip.closeEntry();
            zip.finish();
        });
        return p;
    }

    /** The newest checkpoint of a run folder, if any. */
    public static Optional<Checkpoint> latest(String runDir, Configuration conf) throws IOException {
        Path dir = new Path(runDir + "/checkpoints");
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir)) {
            return Optional.empty();
        }
        Path newest = null;
        for (FileStatus st : fs.listStatus(dir)) {
            String n = st.getPath().getName();
            if (n.matches("epoch-\\d{4,}\\.ckpt") && (newest == null || n.compareTo(newest.getName()) > 0)) {
                newest = st.getPath();
            }
        }
        if (newest == null) {
            return Optional.empty();
        }
        try (InputStream in = fs.open(newest)) {
            return Optional.of(read(in, newest.toString()));
        }
    }

    /** The checkpoint of a given epoch. */
    public static Checkpoint read(String runDir, int epoch, Configuration conf) throws IOException {
        Path p = new Path(path(runDir, epoch));
        try (InputStream in = p.getFileSystem(conf).open(p)) {
            return read(in, p.toString());
        }
    }

    static Checkpoint read(InputStream in, String source) throws IOException {
        JsonNode meta = null;
        byte[] state = null;
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            zip.transferTo(b);
            if (e.getName().equals("checkpoint.json")) {
                meta = JSON.readTree(new String(b.toByteArray(), StandardCharsets.UTF_8));
            } else if (e.getName().equals("state.bin")) {
                state = b.toByteArray();
            }
        }
        if (meta == null || state == null || !FORMAT.equals(meta.path("format").asText())) {
            throw new IOException(source + ": not a complete " + FORMAT + " file");
        }
        JsonNode best = meta.get("best_metric");
        return new Checkpoint(meta.path("epoch").asInt(), best == null || best.isNull() ? Double.NaN : best.asDouble(),
                meta.has("best_epoch") ? OptionalInt.of(meta.get("best_epoch").asInt()) : OptionalInt.empty(),
                meta.path("since_best").asInt(), meta.path("config_hash").asText(),
                StateVector.fromBytes(state, source));
    }
}
