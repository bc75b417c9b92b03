package org.istn.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.istn.util.AppInfo;

/**
 * Entry point of {@code bin/istn} and of {@code spark-submit --class org.istn.cli.IstnMain}:
 * the first argument names the command, the rest are its options.
 */
public final class IstnMain {

    private IstnMain() {}

    /** One runnable command; commands parse their own options and delegate to the library. */
    @FunctionalInterface
    public interface Command {
        int run(String[] args) throws Exception;
    }

    static Map<String, Command> commands() {
        Map<String, Command> m = new LinkedHashMap<>();
        m.put("version", a -> {
            System.out.println(AppInfo.NAME + " " + AppInfo.VERSION);
            return 0;
        });
        for (String pending : new String[] {"demo", "train-task", "infer", "da-unidirectional",
                "da-bidirectional", "make-morpho-mnist"}) {
            m.put(pending, a -> notYet(pending));
        }
        return m;
    }

    private static int notYet(String name) {
        System.err.println("istn " + name + ": not yet available in " + AppInfo.NAME + " "
                + AppInfo.VERSION + " (see README: Status).");
        return 3;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (0 ok, 2 usage error, 1 failure). */
    public static int run(String[] args) throws Exception {
        Map<String, Command> commands = commands();
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            System.out.println("usage: istn <command> [options]\ncommands: " + String.join(", ", commands.keySet()));
            return args.length == 0 ? 2 : 0;
        }
        Command c = commands.get(args[0]);
        if (c == null) {
            System.err.println("istn: unknown command '" + args[0] + "'; expected one of "
                    + String.join(", ", commands.keySet()));
            return 2;
        }
        return c.run(Arrays.copyOfRange(args, 1, args.length));
    }
}
