package org.istn.cli;

import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.istn.config.Job;
import org.istn.config.JobSettings;
import org.istn.config.SettingsLoader;
import org.istn.spark.SparkSessions;

/**
 * A job command's parsed command line and validated settings: the part every job command
 * shares (parse, read {@code --config} from any filesystem, apply environment and command-line
 * overrides, validate). Stays on the driver.
 *
 * @param args the parsed command line
 * @param settings the validated settings of the job
 */
record JobInvocation(CommandLineArgs args, JobSettings settings) {

    /**
     * @throws CommandLineArgs.UsageException for a bad command line
     * @throws org.istn.config.SettingsException for a bad configuration
     */
    static JobInvocation parse(Job job, String[] argv, Map<String, String> environment) {
        CommandLineArgs args = CommandLineArgs.parse(CommandLineArgs.Spec.forJob(job), argv);
        JobSettings settings = SettingsLoader.load(job,
                args.configPath().map(p -> ConfigFiles.read(p, new Configuration())),
                args.configOverrides(), environment);
        return new JobInvocation(args, settings);
    }

    /**
     * The Spark session: {@code --master}, else what spark-submit set, else {@code local[*]};
     * first checks {@code --dev} against the ND4J backend ({@link Device}).
     */
    SparkSession spark() {
        args.flag("dev").map(Device::parse).ifPresent(d -> d.apply(Device.backendIsCpu()));
        Optional<String> master = args.flag("master");
        return SparkSessions.getOrCreate("istn " + settings.job().command(), master.orElse(null));
    }
}
