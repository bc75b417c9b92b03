package org.istn.cli;

import java.util.Locale;
import java.util.OptionalInt;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code --dev} flag of the reference tool: {@code cpu}, {@code gpu} / {@code cuda} (the
 * first GPU), or {@code cuda:N} / {@code N} (GPU N). The ND4J backend is chosen at build time
 * (the default build is CPU, {@code mvn -Pcuda package} the CUDA one), so the flag checks that
 * the running backend matches and, on CUDA, selects the device of the driver's thread. On a
 * cluster, executors get their GPUs from Spark's resource scheduling
 * ({@code spark.executor.resource.gpu.amount}), not from this flag.
 *
 * @param gpu whether a GPU was asked for
 * @param index the GPU's index, when one was named
 */
record Device(boolean gpu, OptionalInt index) {

    /** Parses the flag's value; the message names the flag and the value. */
    static Device parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("cpu")) {
            return new Device(false, OptionalInt.empty());
        }
        if (v.equals("gpu") || v.equals("cuda")) {
            return new Device(true, OptionalInt.empty());
        }
        String n = v.startsWith("cuda:") ? v.substring(5) : v;
        try {
            int i = Integer.parseInt(n);
            if (i >= 0) {
                return new Device(true, OptionalInt.of(i));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLineArgs.UsageException("--dev must be cpu, gpu, cuda, cuda:N or a GPU index N >= 0,"
                + " found \"" + value + "\"");
    }

    /**
     * Checks the device against the running ND4J backend ({@code backendIsCpu}) and, on CUDA,
     * selects the named GPU for the calling thread.
     */
    void apply(boolean backendIsCpu) {
        if (gpu && backendIsCpu) {
            throw new CommandLineArgs.UsageException("--dev " + describe() + " asks for a GPU, but this build runs"
                    + " ND4J's CPU backend; build the CUDA one with `mvn -Pcuda -DskipTests package` (see README:"
                    + " Building and running on a cluster) or use --dev cpu");
        }
        if (!gpu && !backendIsCpu) {
            throw new CommandLineArgs.UsageException("--dev cpu, but this build runs ND4J's CUDA backend; use the"
                    + " default (CPU) build for CPU runs");
        }
        if (gpu && index.isPresent()) {
            Nd4j.getAffinityManager().unsafeSetDevice(index.getAsInt());
        }
    }

    private String describe() {
        return index.isPresent() ? "cuda:" + index.getAsInt() : "gpu";
    }

    /** Whether ND4J's backend in this JVM is the CPU one. */
    static boolean backendIsCpu() {
        return Nd4j.getEnvironment().isCPU();
    }
}
