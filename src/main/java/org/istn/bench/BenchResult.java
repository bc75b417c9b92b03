package org.istn.bench;

import java.util.Optional;

/**
 * One row of the report.
 *
 * @param network      row label (network, {@code +dx} for the input-gradient variant)
 * @param setting      the input setting
 * @param forwardMs    median forward time per step
 * @param fwdBwdMs     median forward+backward time per step
 * @param forwardClean clean forward steps / forward steps run
 * @param fwdBwdClean  clean forward+backward steps / such steps run
 * @param peakHeapMb   peak JVM heap used during the row
 * @param peakRssMb    peak resident set size during the row (-1 unknown)
 * @param rssStartMb   resident set size when the row started (-1 unknown)
 * @param error        why the row failed, if it did
 */
public record BenchResult(String network, BenchSetting setting, double forwardMs, double fwdBwdMs,
        String forwardClean, String fwdBwdClean, double peakHeapMb, double peakRssMb, double rssStartMb,
        Optional<String> error) {

    /** A row that could not be measured. */
    public static BenchResult failed(String network, BenchSetting setting, String why) {
        return new BenchResult(network, setting, Double.NaN, Double.NaN, "-", "-", Double.NaN, Double.NaN,
                Double.NaN, Optional.of(why));
    }

    public double forwardMsPerSample() {
        return forwardMs / setting.batch();
    }

    public double fwdBwdMsPerSample() {
        return fwdBwdMs / setting.batch();
    }

    /** Training throughput: samples per second of forward+backward. */
    public double samplesPerSecond() {
        return setting.batch() * 1000.0 / fwdBwdMs;
    }
}
