package org.istn.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.istn.config.LossType;
import org.istn.config.ModelType;
import org.istn.config.StnType;
import org.istn.data.Sample;
import org.istn.spark.ModelPool;
import org.istn.spark.ParameterAveragingTrainer;
import org.istn.spark.SparkSessions;
import org.istn.train.DomainAdaptationModel;
import org.istn.train.DomainAdaptationRecipe;
import org.istn.train.EpochPlan;
import org.istn.train.StateVector;

/**
 * Throughput of the whole DA step under Spark parameter averaging ({@code istn bench-da}): per
 * setting (image shape, batch, local[N]) one epoch of {@code rounds} averaging rounds on synthetic
 * images (Gaussian blobs; B shifted and contrast-changed), the first round being warm-up (model
 * build, JIT, first allocations). Reports samples/s of the timed rounds, seconds per step (one
 * worker step = one A batch and one B batch through ISTN, discriminator and task model), the share
 * of wall time outside the workers' steps (broadcast of the state, scheduling, aggregation and
 * averaging), and the JVM's peak RSS (with local[N] the executors live in the driver's JVM).
 */
public final class DomainAdaptationBench {

    /** One setting. */
    public record Setting(int[] shape, int batch, int workers, int rounds, int frequency, boolean bidirectional,
            int nf) {}

    /** Its measurement. */
    public record Result(Setting setting, long timedSteps, long timedSamples, double timedSeconds,
            double workerSeconds, double peakRssMb) {
        public double samplesPerSecond() {
            return timedSamples / timedSeconds;
        }

        /** Wall seconds per step of one worker (steps run in parallel on the workers). */
        public double secondsPerStep() {
            return timedSeconds / (timedSteps / (double) setting.workers());
        }

        /** Share of wall time not spent in the workers' steps. */
        public double averagingShare() {
            return Math.max(0, 1 - workerSeconds / timedSeconds);
        }
    }

    private DomainAdaptationBench() {}

    public static Result run(Setting s, PrintStream log) throws Exception {
        SparkSession spark = SparkSessions.getOrCreate("istn-bench-da", "local[" + s.workers() + "]");
        try (MemoryProbe probe = new MemoryProbe()) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int perSite = s.batch() * s.workers() * s.frequency() * s.rounds();
            List<Sample> a = blobs("a", perSite, s.shape(), false, 1);
            List<Sample> b = blobs("b", perSite, s.shape(), true, 2);
            JavaRDD<Sample> ra = sc.parallelize(a, s.workers()).persist(StorageLevel.MEMORY_ONLY());
            JavaRDD<Sample> rb = sc.parallelize(b, s.workers()).persist(StorageLevel.MEMORY_ONLY());
            ra.count();
            rb.count();
            DomainAdaptationRecipe recipe = new DomainAdaptationRecipe(s.shape(), s.bidirectional(), true,
                    StnType.AFFINE, 0.1, new int[] {4, 4, 4}, s.nf(), LossType.BCE, LossType.L1, LossType.BCE, true,
                    s.bidirectional() ? LossType.L1 : null, 10, 0, 1e-4, 42, ModelType.CLASSIFIER, 1, null);
            ParameterAveragingTrainer<DomainAdaptationModel> t = new ParameterAveragingTrainer<>(sc, recipe, null, 42,
                    "bench-da");
            EpochPlan plan = EpochPlan.of(42, 1, ids(a), ids(b), s.batch(), s.workers(), s.frequency());
            long[] steps = {0};
            long[] samples = {0};
            double[] secs = {0};
            double[] ws = {0};
            t.trainEpoch(plan, ra, rb, StateVector.of(recipe.build().exportState()), (round, state) -> {
                log.printf(Locale.ROOT, "bench-da %s b%d local[%d]: round %d/%d, %d steps, %.2f s (workers %.2f s)%n",
                        shapeName(s.shape()), s.batch(), s.workers(), round.round(), round.rounds(), round.steps(),
                        round.seconds(), round.workerSeconds());
                if (round.round() > 1) {
                    steps[0] += round.steps();
                    samples[0] += round.samples();
                    secs[0] += round.seconds();
                    ws[0] += round.workerSeconds();
                }
            });
            ModelPool.clear(recipe);
            return new Result(s, steps[0], samples[0], secs[0], ws[0], probe.peakRssMb());
        } finally {
            spark.stop();
        }
    }

    static String shapeName(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return sb.toString();
    }

    /** Markdown table of results. */
    public static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder("| input | batch | workers | direction | steps timed | s/step | samples/s"
                + " | outside steps (broadcast, averaging) | peak RSS (MB) |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            Setting s = r.setting();
            sb.append(String.format(Locale.ROOT, "| %s | %d | local[%d] | %s | %d | %.3f | %.1f | %.0f %% | %.0f |%n",
                    shapeName(s.shape()), s.batch(), s.workers(), s.bidirectional() ? "bi" : "uni", r.timedSteps(),
                    r.secondsPerStep(), r.samplesPerSecond(), 100 * r.averagingShare(), r.peakRssMb()));
        }
        return sb.toString();
    }

    private static List<String> ids(List<Sample> s) {
        List<String> ids = new ArrayList<>();
        s.forEach(x -> ids.add(x.id()));
        return ids;
    }

    /** Gaussian blobs in [-1, 1]; the target is shifted by 2 voxels along x and contrast-changed. */
    static List<Sample> blobs(String prefix, int n, int[] shape, boolean target, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nx = shape[0];
        int ny = shape[1];
        int nz = shape.length > 2 ? shape[2] : 1;
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] img = new float[nx * ny * nz];
            double cx = nx * (0.35 + 0.3 * r.nextDouble());
            double cy = ny * (0.35 + 0.3 * r.nextDouble());
            double cz = nz * (0.35 + 0.3 * r.nextDouble());
            double sig = Math.max(1, nx * (0.08 + 0.04 * r.nextDouble()));
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        double dx = (target ? x - 2 : x) - cx;
                        double d2 = dx * dx + (y - cy) * (y - cy) + (nz > 1 ? (z - cz) * (z - cz) : 0);
                        double p = 2 * Math.exp(-d2 / (2 * sig * sig)) - 1;
                        img[(z * ny + y) * nx + x] = (float) (target ? 0.5 * p + 0.4 : p);
                    }
                }
            }
            out.add(new Sample(prefix + i, i + 1, shape.clone(), img, i % 2));
        }
        return out;
    }
}
