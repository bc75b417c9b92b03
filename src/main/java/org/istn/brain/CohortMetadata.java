package org.istn.brain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.istn.util.AppInfo;

/**
 * The content of {@value BrainCohort#MARKER}: the parameters (everything that decides the
 * voxels, and the template's SHA-256), provenance (tool version, time, Java, template file),
 * the output grid, the label threshold and per-site, per-split statistics, as JSON.
 */
final class CohortMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CohortMetadata() {}

    /** The SHA-256 of the template file, hex. */
    static String sha256(Path file) throws BrainCohortException {
        if (!Files.isRegularFile(file)) {
            Template.load(file); // throws the message that says how to get the template
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return java.util.HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        } catch (IOException e) {
            throw new BrainCohortException("cannot read template " + file + ": " + e.getMessage(), e);
        }
    }

    /** The parameters that decide the cohort's voxels and labels (not out, force or threads). */
    static JsonNode parameters(BrainCohortOptions o, String templateSha) {
        ObjectNode p = JSON.createObjectNode();
        p.put("template_sha256", templateSha);
        p.put("size", o.size());
        p.put("fov_mm", o.fovMm());
        p.put("train", o.train());
        p.put("val", o.val());
        p.put("test", o.test());
        p.put("seed", o.seed());
        p.put("scale_min", o.scaleMin());
        p.put("scale_max", o.scaleMax());
        p.put("warp_mm", o.warpMm());
        p.put("warp_spacing_mm", o.warpSpacingMm());
        ObjectNode sites = p.putObject("sites");
        for (Site s : Site.values()) {
            SiteProfile sp = o.profile(s);
            ObjectNode n = sites.putObject(s.folder());
            n.put("bias", sp.bias());
            n.put("gamma", sp.gamma());
            n.put("noise", sp.noise());
            n.put("blur_mm", sp.blur());
            array(n.putArray("rotation_degrees"), sp.pose().rotation());
            array(n.putArray("translation_mm"), sp.pose().translation());
            n.put("magnification", sp.pose().magnification());
        }
        try {
            return JSON.readTree(JSON.writeValueAsString(p)); // the form it takes when read back from the file
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parameters that differ, as {@code key: old → new}, comma-separated. */
    static String differences(JsonNode existing, JsonNode wanted) {
        List<String> d = new ArrayList<>();
        diff("", existing, wanted, d);
        return d.isEmpty() ? "no parameter differs, but the file's parameters are not comparable" : String.join(", ", d);
    }

    private static void diff(String prefix, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            java.util.Set<String> keys = new java.util.LinkedHashSet<>();
            b.fieldNames().forEachRemaining(keys::add);
            a.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(prefix.isEmpty() ? k : prefix + "." + k, a.get(k), b.get(k), out);
            }
        } else if (a == null || b == null || !a.equals(b)) {
            out.add(prefix + ": " + (a == null ? "(none)" : a.toString()) + " → " + (b == null ? "(none)" : b.toString()));
        }
    }

    static String json(BrainCohortOptions o, Template t, String templateSha, JsonNode params, SubjectSimulator sim,
            Map<Site, Map<Split, List<BrainCohort.Row>>> stats, double seconds) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", AppInfo.NAME + " " + AppInfo.VERSION + " make-brain-cohort");
        root.put("created", Instant.now().toString());
        root.put("java", System.getProperty("java.version"));
        root.set("parameters", params);
        ObjectNode tn = root.putObject("template");
        tn.put("path", t.source());
        tn.put("sha256", templateSha);
        intArray(tn.putArray("shape"), t.shape());
        array(tn.putArray("voxel_size_mm"), t.voxelSize());
        tn.put("brain_volume_ml", t.brainVolumeMl());
        tn.put("intensity_p99_5", t.percentile995());
        array(tn.putArray("brain_centre_voxel"), t.centre());
        array(tn.putArray("brain_extent_mm"), t.extentMm());
        ObjectNode g = root.putObject("grid");
        intArray(g.putArray("shape"), new int[] {o.size(), o.size(), o.size()});
        g.put("spacing_mm", o.spacingMm());
        ArrayNode aff = g.putArray("affine");
        for (double[] row : sim.outputAffine()) {
            array(aff.addArray(), row);
        }
        array(g.putArray("antialias_sigma_mm"), sim.antialiasSigmaMm());
        g.put("intensity_range", "[0, 1]: 1 = the subject's 99.5th-percentile brain intensity before noise;"
                + " background 0 before noise (Rician floor after)");
        ObjectNode l = root.putObject("labels");
        l.put("volume_threshold_ml", sim.thresholdMl());
        l.put("scale_threshold", o.scaleThreshold());
        l.put("size_class", "1 when volume > volume_threshold_ml (scale drawn above scale_threshold), else 0");
        l.put("volume", "brain volume in ml: the template mask resampled through the subject's transform, summed");
        ObjectNode sites = root.putObject("sites");
        for (Site s : Site.values()) {
            ObjectNode sn = sites.putObject(s.folder());
            array(sn.putArray("bias_field_coefficients"), BrainCohort.siteBias(o.seed(), s).coefficients());
            sn.put("bias_field_half_width_voxels", sim.biasHalfWidthVoxels());
            ObjectNode splits = sn.putObject("splits");
            for (Split sp : Split.values()) {
                List<BrainCohort.Row> rows = stats.get(s).get(sp);
                ObjectNode n = splits.putObject(sp.fileName());
                int ones = 0;
                int redraws = 0;
                int touching = 0;
                double vol = 0;
                double brain = 0;
                double bg = 0;
                for (BrainCohort.Row r : rows) {
                    ones += r.sizeClass();
                    redraws += r.draws() - 1;
                    touching += r.borderMask() > 0.01 ? 1 : 0;
                    vol += r.volumeMl();
                    brain += r.brainMean();
                    bg += r.backgroundMean();
                }
                int m = Math.max(1, rows.size());
                n.put("subjects", rows.size());
                n.put("size_class_1", ones);
                n.put("mean_volume_ml", vol / m);
                n.put("mean_brain_intensity", brain / m);
                n.put("mean_background_intensity", bg / m);
                n.put("redraws", redraws);
                n.put("touching_border", touching);
            }
        }
        ObjectNode tm = root.putObject("timing");
        int subjects = 0;
        for (Map<Split, List<BrainCohort.Row>> m : stats.values()) {
            for (List<BrainCohort.Row> r : m.values()) {
                subjects += r.size();
            }
        }
        tm.put("subjects", subjects);
        tm.put("threads", o.threads());
        tm.put("seconds", seconds);
        tm.put("seconds_per_subject_per_thread", seconds * o.threads() / Math.max(1, subjects));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static void array(ArrayNode a, double[] v) {
        for (double x : v) {
            a.add(x);
        }
    }

    private static void intArray(ArrayNode a, int[] v) {
        for (int x : v) {
            a.add(x);
        }
    }

}
