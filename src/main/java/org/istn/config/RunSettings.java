package org.istn.config;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a run writes and how it is seeded.
 *
 * @param seed      the master seed; per-model and per-partition generators derive from it ({@code seed})
 * @param outputDir folder (any Hadoop filesystem URI) that holds one folder per run ({@code output_dir})
 * @param runName   the run's folder name; empty = generated from the job and the start time
 *                  ({@code run_name})
 */
public record RunSettings(long seed, String outputDir, Optional<String> runName) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public RunSettings {
        Check.nonBlank("output_dir", outputDir);
        Check.notNull("run_name", runName);
        if (runName.isPresent() && (!NAME.matcher(runName.get()).matches()
                || runName.get().equals(".") || runName.get().equals(".."))) {
            throw Check.fail("run_name", "run_name must contain only letters, digits, '.', '_' and '-'"
                    + " (it names a folder), found \"" + runName.get() + "\"");
        }
    }

    /** The run name, or {@code <command>-<yyyyMMdd'T'HHmmss'Z'>} of {@code start} when none is set. */
    public String runNameOr(Job job, Instant start) {
        return runName.orElseGet(() -> job.command() + "-" + STAMP.format(start));
    }

    static RunSettings read(ConfigValues v) {
        String name = v.string("run_name").trim();
        return new RunSettings(v.longInteger("seed"), v.string("output_dir"),
                name.isEmpty() ? Optional.empty() : Optional.of(name));
    }

    void putTo(Map<String, Object> m) {
        m.put("seed", seed);
        m.put("output_dir", outputDir);
        m.put("run_name", runName.orElse(""));
    }
}
