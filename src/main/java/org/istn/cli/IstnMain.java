package org.istn.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.istn.config.Job;
import org.istn.config.SettingsException;
import org.istn.io.manifest.BadInputException;
import org.istn.util.AppInfo;

/**
 * Entry point of {@code bin/istn} and of {@code spark-submit --class org.istn.cli.IstnMain}:
 * the first argument names the command, the rest are its options.
 *
 * <p>Exit codes: 0 success, 1 failure (bad input data, a failed job), 2 bad command line or
 * configuration.
 */
public final class IstnMain {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private IstnMain() {}

    /** One runnable command; commands parse their own options and delegate to the library. */
    @FunctionalInterface
    public interface Command {
        /** Runs the command and returns its exit code. */
        int run(String[] args) throws Exception;
    }

    static Map<String, Command> commands(Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, Command> m = new LinkedHashMap<>();
        m.put("version", a -> {
            out.println(AppInfo.NAME + " " + AppInfo.VERSION);
            return OK;
        });
        m.put("demo", new DemoCommand(out, err));
        m.put(Job.INFER.command(), new InferCommand(env, out));
        for (Job job : List.of(Job.TRAIN_TASK, Job.DA_UNIDIRECTIONAL, Job.DA_BIDIRECTIONAL)) {
            m.put(job.command(), new TrainingCommand(job, env, out, err));
        }
        m.put("make-morpho-mnist", new MakeMorphoMnistCommand(out, err));
        m.put("make-brain-cohort", new MakeBrainCohortCommand(out, err));
        m.put("check-data", new CheckDataCommand(env, out));
        m.put("bench-nifti", new NiftiBenchCommand());
        m.put("bench", new BenchNetworksCommand(env, out, err));
        m.put("bench-da", new BenchDomainAdaptationCommand(out, err));
        return m;
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        // a YARN cluster-mode driver (the application master sets spark.yarn.app.id) that calls
        // System.exit before main returns is reported FAILED and retried by YARN, even with 0
        if (code == OK && System.getProperty("spark.yarn.app.id") != null) {
            return;
        }
        System.exit(code);
    }

    /** Runs a command and returns its exit code; errors are printed, not thrown. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands(env, out, err);
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            out.println("usage: istn <command> [options]   (istn <command> --help for a command's options)\n"
                    + "commands: " + String.join(", ", commands.keySet()));
            return args.length == 0 ? USAGE : OK;
        }
        Command c = commands.get(args[0]);
        if (c == null) {
            err.println("istn: unknown command '" + args[0] + "'; expected one of "
                    + String.join(", ", commands.keySet()));
            return USAGE;
        }
        try {
            return c.run(Arrays.copyOfRange(args, 1, args.length));
        } catch (CommandLineArgs.UsageException | SettingsException e) {
            err.println("istn " + args[0] + ": " + e.getMessage());
            return USAGE;
        } catch (BadInputException e) {
            err.println("istn " + args[0] + ": bad input: " + e.getMessage());
            return FAILED;
        } catch (Exception e) {
            err.println("istn " + args[0] + ": failed: " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }
}
