package org.istn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.istn.io.fs.LocalTrees;
import org.istn.io.nifti.NiftiHeader;
import org.istn.io.nifti.NiftiReader;
import org.istn.io.nifti.NiftiVolume;
import org.istn.io.nifti.NiftiWriter;

/**
 * {@code istn bench-nifti}: NIfTI decode throughput of the project's reader against nibabel on
 * the same files in the same run: (a) generated 64³ float32 {@code .nii.gz} volumes with smooth
 * random integer-valued content plus noise, (b) the Colin27 brain {@code ch2bet.nii.gz}. One pass decodes every
 * file of a dataset once; after warm-up passes, the fastest and the median of the timed passes
 * are reported as volumes/s and MB/s (10⁶ bytes of uncompressed voxel data as stored).
 * nibabel's side ({@code bench/nifti_decode_bench.py}) times
 * {@code nib.load(f).get_fdata(dtype=float32)}.
 *
 * <p>Options: {@code --repeats N} (timed passes, default 10), {@code --warmup N} (default 3),
 * {@code --files N} (generated volumes, default 16), {@code --python EXE} (default
 * {@code python3}), {@code --ch2bet PATH} (default the Debian {@code mricron-data} path).
 */
public final class NiftiBenchCommand implements IstnMain.Command {

    /** Where Debian's {@code mricron-data} puts the Colin27 brain. */
    public static final String DEFAULT_CH2BET = "/usr/share/mricron/templates/ch2bet.nii.gz";

    private static final String SCRIPT = "bench/nifti_decode_bench.py";
    private static final int SIZE = 64;

    /** Receives a value of every decoded volume so the JIT cannot drop the reads. */
    private static volatile float blackhole;

    /** Timing of one reader on one dataset. */
    record Result(String dataset, String reader, int volumes, long voxelBytes, double bestS,
            double medianS) {
        double volumesPerS(double s) {
            return volumes / s;
        }

        double mbPerS(double s) {
            return voxelBytes / 1e6 / s;
        }
    }

    /** One dataset: a label and its files. */
    record Dataset(String label, List<Path> files) {}

    /** The parsed, validated options. */
    record Options(int repeats, int warmup, int files, String python, Path ch2bet) {}

    @Override
    public int run(String[] args) throws Exception {
        Options o;
        try {
            Map<String, String> opt = parse(args);
            if (opt.containsKey("help")) {
                System.out.println(usage());
                return 0;
            }
            o = new Options(count(opt, "repeats", 10, 1), count(opt, "warmup", 3, 0),
                    count(opt, "files", 16, 1), opt.getOrDefault("python", "python3"),
                    Path.of(opt.getOrDefault("ch2bet", DEFAULT_CH2BET)));
        } catch (IllegalArgumentException e) {
            System.err.println("istn bench-nifti: " + e.getMessage());
            System.err.println(usage());
            return 2;
        }
        Path tmp = Files.createTempDirectory("istn-bench-nifti");
        try {
            List<Dataset> datasets = new ArrayList<>();
            datasets.add(new Dataset("synthetic 64^3 float32 .nii.gz", generate(tmp, o.files())));
            if (Files.isRegularFile(o.ch2bet())) {
                datasets.add(new Dataset("ch2bet.nii.gz 181x217x181 uint8", List.of(o.ch2bet())));
            } else {
                System.err.println("istn bench-nifti: " + o.ch2bet() + " not found (apt-get install"
                        + " -y mricron-data, or --ch2bet PATH); benchmarking the synthetic set only");
            }
            Path script = extractScript(tmp);
            List<Result> results = new ArrayList<>();
            boolean pythonOk = true;
            for (Dataset d : datasets) {
                results.add(timeJava(d, o.repeats(), o.warmup()));
                try {
                    results.add(timeNibabel(o.python(), script, d, o.repeats(), o.warmup()));
                } catch (IOException e) {
                    System.err.println("istn bench-nifti: nibabel run failed: " + e.getMessage());
                    pythonOk = false;
                }
            }
            print(results, o.repeats(), o.warmup(), datasets.get(0).files());
            return pythonOk ? 0 : 1;
        } finally {
            LocalTrees.deleteTree(tmp);
        }
    }

    static String usage() {
        return "usage: istn bench-nifti [--repeats N] [--warmup N] [--files N] [--python EXE]"
                + " [--ch2bet PATH]";
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> known = List.of("repeats", "warmup", "files", "python", "ch2bet");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                m.put("help", "");
                continue;
            }
            String key = a.startsWith("--") ? a.substring(2) : "";
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + a + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            m.put(key, args[++i]);
        }
        return m;
    }

    private static int count(Map<String, String> opt, String key, int dflt, int min) {
        String text = opt.getOrDefault(key, String.valueOf(dflt));
        int v;
        try {
            v = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " is '" + text
                    + "'; expected a whole number");
        }
        if (v < min) {
            throw new IllegalArgumentException("--" + key + " is " + v + "; expected at least "
                    + min);
        }
        return v;
    }

    /**
     * Writes {@code n} 64³ float32 gzipped volumes: six smooth Gaussian blobs (amplitudes up to
     * 1000) plus noise of sd 5, rounded to integers, so gzip meets neither noise-only mantissas
     * nor constant runs.
     */
    static List<Path> generate(Path dir, int n) throws IOException {
        List<Path> out = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(20240611L);
        for (int f = 0; f < n; f++) {
            float[] data = new float[SIZE * SIZE * SIZE];
            for (int blob = 0; blob < 6; blob++) {
                double amp = 200 + 800 * rng.nextDouble();
                double[][] profile = new double[3][SIZE];
                for (int axis = 0; axis < 3; axis++) {
                    double centre = SIZE * rng.nextDouble();
                    double sigma = 4 + 12 * rng.nextDouble();
                    for (int i = 0; i < SIZE; i++) {
                        double t = (i - centre) / sigma;
                        profile[axis][i] = Math.exp(-0.5 * t * t);
                    }
                }
                for (int z = 0, k = 0; z < SIZE; z++) {
                    for (int y = 0; y < SIZE; y++) {
                        double yz = amp * profile[1][y] * profile[2][z];
                        for (int x = 0; x < SIZE; x++, k++) {
                            data[k] += (float) (yz * profile[0][x]);
                        }
                    }
                }
            }
            for (int k = 0; k < data.length; k++) {
                // integer intensities, as from scanner int16 data stored as float32
                data[k] = (float) Math.rint(data[k] + rng.nextGaussian() * 5);
            }
            NiftiVolume v = NiftiVolume.create(new int[] {SIZE, SIZE, SIZE}, data,
                    new double[] {1, 1, 1}, null);
            Path p = dir.resolve(String.format("synthetic_%02d.nii.gz", f));
            try (OutputStream os = Files.newOutputStream(p)) {
                NiftiWriter.write(v, os, true);
            }
            out.add(p);
        }
        return out;
    }

    private static Result timeJava(Dataset d, int repeats, int warmup) throws IOException {
        long voxelBytes = 0;
        for (Path p : d.files()) {
            try (InputStream in = Files.newInputStream(p)) {
                NiftiHeader h = NiftiReader.readHeader(in, p.toString());
                voxelBytes += (long) h.voxelCount() * h.datatype().bytesPerVoxel();
            }
        }
        double[] times = new double[repeats];
        for (int r = -warmup; r < repeats; r++) {
            long t0 = System.nanoTime();
            float sink = 0;
            for (Path p : d.files()) {
                sink += NiftiReader.read(p).get(0);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            blackhole = sink;
            if (r >= 0) {
                times[r] = s;
            }
        }
        Arrays.sort(times);
        return new Result(d.label(), "java (istn)", d.files().size(), voxelBytes, times[0],
                median(times));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static Path extractScript(Path dir) throws IOException {
        Path p = dir.resolve("nifti_decode_bench.py");
        try (InputStream in = NiftiBenchCommand.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException("resource " + SCRIPT + " is missing from the classpath");
            }
            Files.copy(in, p);
        }
        return p;
    }

    private static Result timeNibabel(String python, Path script, Dataset d, int repeats,
            int warmup) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--label", "x",
                "--repeats", String.valueOf(repeats), "--warmup", String.valueOf(warmup)));
        d.files().forEach(p -> cmd.add(p.toString()));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(30, TimeUnit.MINUTES) || proc.exitValue() != 0) {
            proc.destroyForcibly();
            throw new IOException(String.join(" ", cmd.subList(0, 2)) + " failed"
                    + (out.contains("MISSING-PYTHON-MODULE") ? " (install numpy and nibabel)" : "")
                    + ":\n" + out.trim());
        }
        Map<String, String> f = new LinkedHashMap<>();
        String line = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IOException("no RESULT line from " + script + ":\n" + out));
        for (String kv : line.substring(7).split(" ")) {
            int eq = kv.indexOf('=');
            f.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return new Result(d.label(), f.get("reader"), Integer.parseInt(f.get("volumes")),
                Long.parseLong(f.get("voxel_bytes")), Double.parseDouble(f.get("best_s")),
                Double.parseDouble(f.get("median_s")));
    }

    private static void print(List<Result> results, int repeats, int warmup, List<Path> synthetic)
            throws IOException {
        long gz = 0;
        for (Path p : synthetic) {
            gz += Files.size(p);
        }
        System.out.printf("NIfTI decode throughput: best and median of %d passes after %d"
                + " warm-up passes; MB = 10^6 bytes of uncompressed voxel data%n", repeats, warmup);
        System.out.printf("synthetic set: %d files, %.2f MB gzipped, %.2f MB of voxels%n",
                synthetic.size(), gz / 1e6, synthetic.size() * (double) SIZE * SIZE * SIZE * 4 / 1e6);
        String fmt = "%-34s %-16s %10s %10s %10s %10s%n";
        System.out.printf(fmt, "dataset", "reader", "vol/s best", "vol/s med", "MB/s best",
                "MB/s med");
        for (Result r : results) {
            System.out.printf(fmt, r.dataset(), r.reader(),
                    String.format("%.1f", r.volumesPerS(r.bestS())),
                    String.format("%.1f", r.volumesPerS(r.medianS())),
                    String.format("%.1f", r.mbPerS(r.bestS())),
                    String.format("%.1f", r.mbPerS(r.medianS())));
        }
    }

}
