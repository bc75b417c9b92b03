package org.istn.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.istn.io.fs.AtomicFiles;
import org.istn.io.nifti.NiftiVolume;
import org.istn.io.nifti.NiftiWriter;

/**
 * Writes the transformed images of an inference run as a dataset another task model can be
 * trained on: one gzipped NIfTI-1 float32 volume per subject ({@code <file>.nii.gz}, the shape of
 * {@code input_shape}, voxel size 1, identity affine — the images are preprocessed, i.e.
 * resampled and normalised) and a TSV manifest {@code manifest.tsv} with the id, image and label
 * columns named as in the input manifest (image paths relative to the manifest's folder).
 *
 * <p>Atomic per run: the executors write the volumes into a hidden staging folder next to the
 * target, the driver writes the manifest last, and the staging folder is then renamed to
 * {@code <root>/<run>} (replacing an earlier folder of the same run). A folder named after a run
 * is therefore complete; a failed run leaves at most a hidden {@code .<run>.staging-*} folder.
 */
public final class ImageExport {

    /** The manifest's file name inside a run's image folder. */
    public static final String MANIFEST = "manifest.tsv";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ImageExport() {}

    /** The manifest columns: names as in the input manifest; label null when unlabelled. */
    public record Columns(String id, String image, String label) {}

    /**
     * @param predictions the subjects, each with its transformed image
     * @param root the images folder ({@code <output_dir>/inference/images})
     * @param runId the run's folder name
     * @param shape the images' shape (x, y[, z])
     * @param labelText the label cell of each subject as the input manifest wrote it, by id (empty when unlabelled)
     * @return the run's image folder
     */
    public static String write(JavaSparkContext sc, JavaRDD<SubjectPrediction> predictions, String root,
            String runId, int[] shape, Columns columns, Map<String, String> labelText) throws IOException {
        Path target = new Path(root, runId);
        Path staging = new Path(root, "." + runId + ".staging-" + UUID.randomUUID());
        FileSystem fs = target.getFileSystem(sc.hadoopConfiguration());
        fs.mkdirs(staging);
        Broadcast<SerializableConfiguration> conf = sc.broadcast(new SerializableConfiguration(sc.hadoopConfiguration()));
        String dir = staging.toString();
        int[] s = shape.clone();
        try {
            sc.setJobDescription("infer " + runId + ": write transformed images as NIfTI to " + target);
            predictions.foreachPartition(it -> {
                FileSystem efs = new Path(dir).getFileSystem(conf.value().value());
                if (efs instanceof org.apache.hadoop.fs.LocalFileSystem local) {
                    efs = local.getRawFileSystem(); // no .crc side files
                }
                while (it.hasNext()) {
                    SubjectPrediction p = it.next();
                    NiftiVolume v = NiftiVolume.create(s, p.transformed(), ones(s.length), null);
                    try (OutputStream out = efs.create(new Path(dir, fileName(p.id(), p.line())), true)) {
                        NiftiWriter.write(v, out, true);
                    }
                }
            });
            List<SubjectPrediction> rows = predictions.map(p -> new SubjectPrediction(p.id(), p.line(), p.label(),
                    0, null, null, null)).collect();
            writeManifest(new Path(staging, MANIFEST).toString(), sc, rows, columns, labelText);
            if (fs.exists(target) && !fs.delete(target, true)) {
                throw new IOException("cannot replace " + target + ": delete failed");
            }
            if (!fs.rename(staging, target)) {
                throw new IOException("cannot rename " + staging + " to " + target);
            }
        } catch (IOException | RuntimeException e) {
            fs.delete(staging, true);
            throw e;
        } finally {
            conf.destroy();
        }
        return target.toString();
    }

    private static void writeManifest(String uri, JavaSparkContext sc, List<SubjectPrediction> rows, Columns c,
            Map<String, String> labelText) throws IOException {
        List<SubjectPrediction> sorted = rows.stream().sorted(Comparator.comparingInt(SubjectPrediction::line)).toList();
        AtomicFiles.write(uri, sc.hadoopConfiguration(), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(clean(c.id()) + "\t" + clean(c.image()) + (c.label() == null ? "" : "\t" + clean(c.label())) + "\n");
            for (SubjectPrediction p : sorted) {
                w.write(clean(p.id()) + "\t" + fileName(p.id(), p.line()));
                if (c.label() != null) {
                    String text = labelText.get(p.id());
                    w.write("\t" + clean(text != null ? text : Double.toString(p.label())));
                }
                w.write("\n");
            }
            w.flush();
        });
    }

    /**
     * A subject's file name: {@code <id>.nii.gz} when the id is a safe file name (letters, digits,
     * {@code . _ -}, not starting with a dot or dash), else {@code row<line>_<id with other
     * characters as _>.nii.gz}, unique through the manifest line.
     */
    public static String fileName(String id, int line) {
        if (SAFE.matcher(id).matches()) {
            return id + ".nii.gz";
        }
        return "row" + line + "_" + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".nii.gz";
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static double[] ones(int n) {
        double[] d = new double[n];
        Arrays.fill(d, 1.0);
        return d;
    }
}
